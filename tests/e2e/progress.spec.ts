import { expect, test } from '@playwright/test';
import { ulid } from 'ulid';
import { makeupLedger, makeupSummary } from '../../src/lib/domain/makeups.ts';
import { DEFAULT_POLICY, participantHoursPlan } from '../../src/lib/domain/policy.ts';
import { enrollmentSessions, progressSummary } from '../../src/lib/domain/progress.ts';
import type { SurveyResponse, Verification } from '../../src/lib/domain/records.ts';
import { axeViolations } from './support/access-pages.ts';
import { joinAs } from './support/app.ts';
import { expectNoSideScroll, pastSessions, PHONE, readAsClinician, writeCare, writeSelfAsParticipant } from './support/progress.ts';
import { ServerProcess } from './support/server.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

const DAY = 86_400_000;

test('the progress page shows attendance, this week’s hours, the streak, eight weeks as a chart and a table, make-ups and score trends', async ({ browser }) => {
	// the three latest sessions attended and the one before missed: a streak of 3
	const [first, second, third, missed] = await pastSessions(server.url, 'evening');
	if (!first || !second || !third || !missed) throw new Error('the demo has too few past sessions');
	const recordedAt = new Date().toISOString();
	await writeCare(server.url, 'alex', (doc) => {
		const verify = (occurrenceId: string, attendance: Verification['attendance']): Verification => ({
			id: ulid(),
			occurrenceId,
			attendance,
			excused: attendance === 'absent' ? false : null,
			recordedAt,
			recordedBy: 'u-clinician'
		});
		doc.getArray('verifications').push([verify(first.id, 'present'), verify(second.id, 'present'), verify(third.id, 'present'), verify(missed.id, 'absent')]);
		// the care team plans 12 hours a week for Alex: the page shows that plan, not the program's range
		const settings = doc.getMap('settings');
		settings.set('enrollment', { ...(settings.get('enrollment') as object), plannedWeeklyHours: 12, updatedAt: recordedAt });
	});
	const screening = (kind: 'phq9' | 'gad7', daysAgo: number, items: number[]): SurveyResponse =>
		({ id: ulid(), kind, items, updatedAt: new Date(Date.now() - daysAgo * DAY).toISOString(), updatedBy: 'u-alex' }) as SurveyResponse;
	await writeSelfAsParticipant(server.url, 'alex', (doc) => {
		const surveys = doc.getMap('surveys');
		for (const response of [screening('phq9', 14, [2, 2, 2, 2, 2, 1, 1, 0, 0]), screening('phq9', 7, [1, 1, 1, 1, 1, 1, 1, 0, 0]), screening('gad7', 7, [1, 1, 1, 1, 1, 0, 0])]) {
			surveys.set(response.id, response);
		}
	});

	// what the care team's copy of the same documents says
	const [program, care, self] = await Promise.all([
		readAsClinician(server.url, 'program', 'demo'),
		readAsClinician(server.url, 'care', 'alex'),
		readAsClinician(server.url, 'self', 'alex')
	]);
	const now = new Date().toISOString();
	const timeZone = program.info?.timeZone ?? '';
	const policy = program.policy ?? DEFAULT_POLICY;
	const sessions = enrollmentSessions({ timeZone, groups: program.groups, exceptions: program.exceptions, policy }, { ...care, ...self }, now);
	if (!care.enrollment) throw new Error('the demo has no enrollment for Alex');
	const expected = progressSummary(sessions, timeZone, policy, participantHoursPlan(policy, care.enrollment), now);
	const pending = makeupSummary(
		makeupLedger({ sessions, assignments: care.makeups, progress: self.makeupProgress, catalog: program.makeupCatalog, policy, timeZone, now })
	).pending;
	expect(expected.streak).toBe(3);
	expect(pending).toBeGreaterThanOrEqual(1);

	const phone = await browser.newContext({ viewport: PHONE });
	const page = await phone.newPage();
	await joinAs(page, server.url, 'alex');
	await page.getByRole('link', { name: 'Progress' }).click();
	await expect(page.getByTestId('streak')).toHaveText('3 sessions in a row');
	await expect(page.getByTestId('attendance-rate')).toHaveText(`${Math.round((expected.rate.rate ?? 0) * 100)}%`);
	await expect(page.getByTestId('hours-this-week')).toHaveText(`${Math.round((expected.thisWeek?.attendedHours ?? 0) * 10) / 10} hours`);
	await expect(page.getByText('your plan: 12 hours a week')).toBeVisible();
	await expect(page.getByTestId('makeups-pending')).toHaveText(`${pending} to do`);

	await expect(page.getByRole('img', { name: /Hours attended in each of the last 8 weeks, against the plan of 12 hours a week/ })).toBeVisible();
	const table = page.getByRole('table', { name: 'Hours by week' });
	await expect(table.locator('tbody tr')).toHaveCount(8);
	await expect(table.locator('tbody tr').last().locator('td').first()).toHaveText(`${Math.round((expected.thisWeek?.attendedHours ?? 0) * 10) / 10} h`);

	const phq9 = page.getByRole('region', { name: 'PHQ-9 (mood)' });
	await expect(phq9.getByTestId('trend')).toHaveText('Lower than last time: fewer symptoms.');
	await expect(phq9.getByRole('row')).toHaveCount(3);
	await expect(phq9.getByRole('row').last()).toContainText('7 of 27');
	await expect(phq9.getByRole('row').last()).toContainText('mild');
	await expect(page.getByRole('region', { name: 'GAD-7 (anxiety)' }).getByTestId('trend')).toHaveText('Your first score. The trend shows from the next one.');

	expect(await axeViolations(page)).toEqual([]);
	await expectNoSideScroll(page);
	await page.getByRole('link', { name: 'See your make-ups' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Make-ups', level: 1 })).toBeVisible();
	await expect(page.getByTestId('makeup')).toHaveCount(pending);
	await phone.close();
});
