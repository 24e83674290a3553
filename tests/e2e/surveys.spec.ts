import { TZDate } from '@date-fns/tz';
import { expect, test, type Page } from '@playwright/test';
import { format } from 'date-fns';
import { ulid } from 'ulid';
import { isUrgent } from '../../src/lib/domain/surveys.ts';
import { axeViolations } from './support/access-pages.ts';
import { joinAs, signInAs, syncStatus, waitForOfflineShell } from './support/app.ts';
import { expectNoSideScroll, pastSessions, PHONE, readAsClinician, writeCare } from './support/progress.ts';
import { ServerProcess } from './support/server.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

const AUCKLAND = 'Pacific/Auckland';

const question = (page: Page, n: number, of: number) => page.getByRole('group', { name: new RegExp(`^Question ${n} of ${of}`) });

test('a PHQ-9 answered offline shows crisis resources the moment item 9 is above 0, and the saved answer reaches the care team as urgent', async ({ browser }) => {
	const phone = await browser.newContext({ viewport: PHONE });
	const page = await phone.newPage();
	await joinAs(page, server.url, 'alex');
	// the week says a check-in is waiting (no PHQ-9 yet, or a session to tell us about)
	await expect(page.getByTestId('check-ins-waiting').getByRole('link')).toHaveText(/check-in is due|Tell us how your session went/);
	await page.getByRole('link', { name: 'Check-ins' }).click();
	await expect(page.getByRole('heading', { name: 'Mood and anxiety' })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);
	await expectNoSideScroll(page);
	await waitForOfflineShell(page);

	await server.stop('SIGKILL');
	await expect(syncStatus(page)).toContainText('Offline');
	await page.getByRole('link', { name: 'Start the PHQ-9 (mood)' }).click();
	await expect(page.getByText('Over the last 2 weeks, how often have you been bothered by any of the following problems?')).toBeVisible();
	await expect(question(page, 9, 9)).toContainText('Thoughts that you would be better off dead or of hurting yourself in some way');
	for (let n = 1; n <= 8; n++) await question(page, n, 9).getByLabel('Several days').check();
	await page.getByRole('button', { name: 'Save my answers' }).click();
	await expect(page.getByRole('alert')).toHaveText('Please answer question 9.');
	await expect(page.getByTestId('crisis')).toHaveCount(0);

	// from the keyboard: the first choice takes focus, an arrow moves to the next
	await question(page, 9, 9).getByLabel('Not at all').focus();
	await page.keyboard.press('Space');
	await expect(page.getByTestId('crisis')).toHaveCount(0);
	await page.keyboard.press('ArrowDown');
	await expect(question(page, 9, 9).getByLabel('Several days')).toBeChecked();
	const crisis = page.getByTestId('crisis');
	await expect(crisis).toBeVisible();
	await expect(crisis.getByRole('link', { name: 'Call 988, the Suicide & Crisis Lifeline' })).toHaveAttribute('href', 'tel:988');
	await expect(crisis.getByRole('link', { name: 'Text 988' })).toHaveAttribute('href', 'sms:988');
	await expect(crisis.getByRole('link', { name: 'Call your program: +1 555 0100' })).toHaveAttribute('href', 'tel:+15550100');
	expect(await axeViolations(page)).toEqual([]);
	await expectNoSideScroll(page);

	await page.getByRole('button', { name: 'Save my answers' }).click();
	await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
	await expect(page.getByTestId('crisis')).toBeVisible();
	await expect(page.getByTestId('score')).toHaveText('Your score is 9 out of 27: mild.');
	await expect(syncStatus(page)).toContainText('on this device only');

	await server.start();
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 30_000 });
	const self = await readAsClinician(server.url, 'self', 'alex');
	const phq9 = self.surveys.filter((s) => s.kind === 'phq9');
	expect(phq9).toHaveLength(1);
	expect(phq9[0] && isUrgent(phq9[0])).toBe(true);
	await phone.close();
});

test('after an attended session its survey is offered once; a GAD-7 is scored and then not due until the cadence has passed', async ({ browser }) => {
	const [latest] = await pastSessions(server.url, 'evening');
	if (!latest) throw new Error('the demo has no past session');
	const at = new Date().toISOString();
	await writeCare(server.url, 'casey', (doc) => {
		doc.getArray('verifications').push([
			{ id: ulid(), occurrenceId: latest.id, attendance: 'present', excused: null, recordedAt: at, recordedBy: 'u-clinician' }
		]);
	});
	// Casey is travelling: in Auckland, New York's evening group meets the next day,
	// and every page must name the session by the day it is where she is
	const phone = await browser.newContext({ viewport: PHONE, timezoneId: AUCKLAND });
	const page = await phone.newPage();
	await joinAs(page, server.url, 'casey');
	await page.goto(`${server.url}/surveys`);
	const label = `Evening Recovery Group, ${format(new TZDate(latest.start, AUCKLAND), 'EEEE d MMMM')}`;
	expect(label).not.toContain(format(new TZDate(`${latest.localDate}T12:00:00`, 'UTC'), 'EEEE d MMMM'));
	await page.getByRole('link', { name: `Tell us how it went: ${label}` }).click();
	await expect(page.getByText(label)).toBeVisible();
	await page.getByRole('button', { name: 'Save my answers' }).click();
	await expect(page.getByRole('alert')).toContainText('Say whether you were at this session.');
	await page.getByRole('group', { name: 'Were you at this session?' }).getByLabel('Yes, I was there').check();
	await page.getByRole('group', { name: 'How helpful was the session?' }).getByLabel('Helpful', { exact: true }).check();
	await page.getByRole('group', { name: 'How is your mood now?' }).getByLabel('Good', { exact: true }).check();
	await page.getByLabel('What helped today? (optional)').fill('The grounding exercise');
	await page.getByLabel('Anything else you want your care team to know? (optional)').fill('Could someone call me about my new work hours?');
	expect(await axeViolations(page)).toEqual([]);
	await expectNoSideScroll(page);
	await page.getByRole('button', { name: 'Save my answers' }).click();
	await expect(page.getByRole('heading', { name: 'Thank you' })).toBeVisible();
	await expect(page.getByTestId('score')).toHaveCount(0);

	await page.goto(`${server.url}/surveys/take?session=${encodeURIComponent(latest.id)}`);
	await expect(page.getByText(`You already answered for ${label}. Thank you.`)).toBeVisible();
	await page.getByRole('link', { name: 'Back to check-ins' }).click();
	await expect(page.getByRole('link', { name: `Tell us how it went: ${label}` })).toHaveCount(0);
	await page.getByRole('link', { name: 'Start the GAD-7 (anxiety)' }).click();
	for (let n = 1; n <= 7; n++) await question(page, n, 7).getByLabel('More than half the days').check();
	await page.getByRole('button', { name: 'Save my answers' }).click();
	await expect(page.getByTestId('score')).toHaveText('Your score is 14 out of 21: moderate.');
	await page.getByRole('link', { name: 'Back to check-ins' }).click();
	await expect(page.getByText('Done. The next one is due on')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Start the GAD-7 (anxiety)' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Start the PHQ-9 (mood)' })).toBeVisible();

	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 30_000 });
	const self = await readAsClinician(server.url, 'self', 'casey');
	expect(self.surveys.find((s) => s.kind === 'post-session')).toMatchObject({
		occurrenceId: latest.id,
		attended: true,
		rating: 4,
		mood: 4,
		helped: 'The grounding exercise',
		comment: 'Could someone call me about my new work hours?'
	});
	await phone.close();

	// the care team reads what Casey wrote for them on her record
	const laptop = await browser.newContext();
	const clinician = await laptop.newPage();
	await signInAs(clinician, server.url, 'clinician@demo.steady');
	await clinician.goto(`${server.url}/record?p=casey`);
	await expect(clinician.getByTestId('survey-comment')).toHaveText('For the care team: “Could someone call me about my new work hours?”');
	expect(await axeViolations(clinician)).toEqual([]);
	await laptop.close();
});
