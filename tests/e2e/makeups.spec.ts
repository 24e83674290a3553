import { expect, test } from '@playwright/test';
import { format } from 'date-fns';
import { ulid } from 'ulid';
import type { MakeupAssignment, Verification } from '../../src/lib/domain/records.ts';
import { addDays } from '../../src/lib/domain/schedule.ts';
import { axeViolations } from './support/access-pages.ts';
import { joinAs, syncStatus, waitForOfflineShell } from './support/app.ts';
import { expectNoSideScroll, pastSessions, PHONE, readAsClinician, writeCare } from './support/progress.ts';
import { ServerProcess } from './support/server.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

/** As the page writes a date (the browser runs in the same zone as this test). */
const dayWords = (date: string) => format(new Date(`${date}T12:00:00`), 'EEEE d MMMM');
/** A session as the page names it: by the day it starts in the device's zone. */
const sessionName = (session: { start: string }) => `Evening Recovery Group, ${format(new Date(session.start), 'EEEE d MMMM')}`;

test('make-ups done offline on a phone: an assigned one made up step by step, a one-to-one asked for, both on the server after', async ({ browser }) => {
	const [missed, , assignedFor] = await pastSessions(server.url, 'evening');
	if (!missed || !assignedFor) throw new Error('the demo has too few past sessions');
	const at = new Date().toISOString();
	await writeCare(server.url, 'alex', (doc) => {
		const absent: Verification = { id: ulid(), occurrenceId: missed.id, attendance: 'absent', excused: true, recordedAt: at, recordedBy: 'u-clinician' };
		doc.getArray('verifications').push([absent]);
		const assignment: MakeupAssignment = {
			id: 'mk1',
			updatedAt: at,
			updatedBy: 'u-clinician',
			occurrenceId: assignedFor.id,
			catalogItemIds: ['recap-coping', 'worksheet-triggers'],
			dueOn: addDays(assignedFor.localDate, 1)
		};
		doc.getMap('makeups').set(assignment.id, assignment);
	});

	const phone = await browser.newContext({ viewport: PHONE });
	const page = await phone.newPage();
	await joinAs(page, server.url, 'alex');
	await page.getByRole('link', { name: 'Make-ups' }).click();
	const assigned = page.getByRole('article', { name: sessionName(assignedFor) });
	const absent = page.getByRole('article', { name: sessionName(missed) });
	await expect(assigned.getByText('Your clinician asked you to do all of these:')).toBeVisible();
	await expect(assigned.getByTestId('overdue')).toContainText(`This was due on ${dayWords(addDays(assignedFor.localDate, 1))}. It is not too late`);
	await expect(absent.getByText('You missed this session. Your care team excused this absence, but it still needs a make-up.')).toBeVisible();
	await expect(absent.getByTestId('makeup-status')).toHaveText('To do');
	expect(await axeViolations(page)).toEqual([]);
	await expectNoSideScroll(page);
	await waitForOfflineShell(page);

	await server.stop('SIGKILL');
	await expect(syncStatus(page)).toContainText('Offline');
	// from the keyboard: a checkbox ticks with the space bar
	await assigned.getByLabel('Read the recap: coping with cravings').focus();
	await page.keyboard.press('Space');
	await expect(assigned.getByTestId('makeup-status')).toHaveText('Started');
	await absent.getByRole('button', { name: 'Ask for a one-to-one' }).click();
	await expect(absent.getByText('You asked for this on')).toBeVisible();

	await page.reload();
	await expect(assigned.getByTestId('makeup-status')).toHaveText('Started');
	await assigned.getByLabel('Fill in the worksheet: my triggers and plans').click();
	await expect(assigned).toHaveCount(0);
	await expect(page.getByTestId('made-up')).toContainText([sessionName(assignedFor)]);
	await expect(absent.getByText('You asked for this on')).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	await server.start();
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 30_000 });
	const self = await readAsClinician(server.url, 'self', 'alex');
	const steps = self.makeupProgress.filter((p) => p.occurrenceId === assignedFor.id);
	expect(steps.map((s) => [s.catalogItemId, s.makeupId, Boolean(s.doneAt)]).sort()).toEqual([
		['recap-coping', 'mk1', true],
		['worksheet-triggers', 'mk1', true]
	]);
	const request = self.makeupProgress.find((p) => p.occurrenceId === missed.id);
	expect(request).toMatchObject({ catalogItemId: 'one-to-one-evening' });
	expect(request?.requestedAt).toBeTruthy();
	expect(request?.doneAt).toBeUndefined();
	await phone.close();
});
