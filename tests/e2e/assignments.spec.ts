import { expect, test } from '@playwright/test';
import { workViews } from '../../src/lib/domain/assignment-forms.ts';
import { axeViolations } from './support/access-pages.ts';
import { joinAs, signInAs, syncStatus, waitForOfflineShell } from './support/app.ts';
import { expectNoSideScroll, PHONE, readAsClinician } from './support/progress.ts';
import { ServerProcess } from './support/server.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('a thought record written offline on a phone keeps its draft over a reload, is sent, and reaches the care team', async ({ browser }) => {
	const phone = await browser.newContext({ viewport: PHONE });
	const page = await phone.newPage();
	await joinAs(page, server.url, 'alex');
	await page.getByRole('link', { name: 'Assignments' }).click();
	await expect(page.getByRole('heading', { name: 'Start something new' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Mindfulness practice log' })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);
	await expectNoSideScroll(page);
	await waitForOfflineShell(page);

	await server.stop('SIGKILL');
	await expect(syncStatus(page)).toContainText('Offline');

	// from the keyboard
	await page.getByRole('button', { name: 'Start Thought record' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Thought record', level: 1 })).toBeVisible();
	await page.getByLabel('What happened? Where, when, who with?').fill('My manager frowned at my report');
	await page.getByLabel('What went through your mind?').fill('I am going to be fired');
	await page.getByLabel('How strong, 0 to 100').first().fill('85');
	await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
	expect(await axeViolations(page)).toEqual([]);
	await expectNoSideScroll(page);

	await page.reload();
	await expect(page.getByLabel('What happened? Where, when, who with?')).toHaveValue('My manager frowned at my report');
	await expect(page.getByLabel('How strong, 0 to 100').first()).toHaveValue('85');

	await page.getByRole('button', { name: 'Send to my care team' }).click();
	await expect(page.getByRole('alert')).toContainText('Name at least one emotion before you send this.');
	expect(await axeViolations(page)).toEqual([]);
	await page.getByLabel('Emotion 1', { exact: true }).fill('anxious');
	await page.getByLabel('A more balanced way to see it').fill('One frown is not a verdict on my work');
	await page.getByLabel('Emotion 1 now, 0 to 100').fill('40');
	await page.getByRole('button', { name: 'Send to my care team' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Sent to your care team' })).toBeVisible();
	await expect(page.getByText('One frown is not a verdict on my work')).toBeVisible();
	await expect(syncStatus(page)).toContainText('on this device only');

	await page.getByRole('link', { name: 'Back to assignments' }).click();
	await expect(page.getByTestId('sent')).toHaveCount(1);
	await expect(page.getByTestId('draft')).toHaveCount(0);

	await server.start();
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 30_000 });
	const self = await readAsClinician(server.url, 'self', 'alex');
	const program = await readAsClinician(server.url, 'program', 'demo');
	const [view] = workViews(self.assignmentWork, program.assignmentCatalog);
	expect(view?.status).toBe('submitted');
	expect(view?.title).toBe('Thought record');
	expect(view?.answers).toContainEqual({ section: 'Re-rate your emotions', label: 'Emotion 1 now, 0 to 100', value: '40' });
	await phone.close();

	// the care team reads the answers on Alex's record, opened from the keyboard
	const laptop = await browser.newContext();
	const clinician = await laptop.newPage();
	await signInAs(clinician, server.url, 'clinician@demo.steady');
	await clinician.goto(`${server.url}/record?p=alex`);
	const answers = clinician.getByTestId('work-answers');
	await expect(answers.getByText('One frown is not a verdict on my work')).toBeHidden();
	await answers.getByText('Read the answers').focus();
	await clinician.keyboard.press('Enter');
	await expect(answers.getByText('One frown is not a verdict on my work')).toBeVisible();
	expect(await axeViolations(clinician)).toEqual([]);
	await laptop.close();
});

test('a diary card folds its days on a phone and a mindfulness log grows by entries', async ({ browser }) => {
	const phone = await browser.newContext({ viewport: PHONE });
	const page = await phone.newPage();
	await joinAs(page, server.url, 'casey');
	await page.goto(`${server.url}/assignments`);
	await page.getByRole('button', { name: 'Start Diary card' }).click();
	await page.locator('summary', { hasText: 'Wednesday' }).click();
	await page.getByLabel('Urge to use, 0 to 5').nth(2).fill('6');
	await expect(page.getByText('Urge to use, 0 to 5: use a whole number from 0 to 5.')).toBeVisible();
	await page.getByLabel('Urge to use, 0 to 5').nth(2).fill('2');
	await page.getByLabel('Skills I used').nth(2).fill('Opposite action');
	await expect(page.getByTestId('save-state')).toHaveText('Saved on this device');
	expect(await axeViolations(page)).toEqual([]);
	await expectNoSideScroll(page);
	await page.getByRole('button', { name: 'Send to my care team' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Sent to your care team' })).toBeVisible();

	await page.goto(`${server.url}/assignments`);
	await page.getByRole('button', { name: 'Start Mindfulness practice log' }).click();
	await page.getByLabel('Practice', { exact: true }).fill('Body scan');
	await page.getByRole('button', { name: 'Add another practice' }).click();
	await expect(page.getByRole('group', { name: 'Practice 2' })).toBeVisible();
	await expect(page.getByLabel('Date').nth(1)).toBeFocused();
	await page.getByRole('link', { name: 'Back to assignments' }).click();
	await expect(page.getByTestId('draft')).toHaveCount(1);
	await page.getByRole('link', { name: 'Continue Mindfulness practice log' }).click();
	await expect(page.getByLabel('Practice', { exact: true }).first()).toHaveValue('Body scan');
	await expect(page.getByRole('group', { name: 'Practice 2' })).toBeVisible();
	await phone.close();
});
