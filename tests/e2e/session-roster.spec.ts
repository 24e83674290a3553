import { expect, test } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { signInAs, syncStatus } from './support/app.ts';
import { axeViolations } from './support/access-pages.ts';
import { openDoc, signIn } from './support/client.ts';
import { addEndedSession, CuttableProxy, openDay, roster, type EndedSession } from './support/sessions.ts';
import { addDays } from '../../src/lib/domain/schedule.ts';

const server = new ServerProcess();
let session: EndedSession;

test.beforeAll(async () => {
	await server.start();
	session = await addEndedSession(server.url, { attended: ['alex'], enrolled: ['casey'], joinsToday: 'blair' });
});

test.afterAll(async () => {
	await server.dispose();
});

test('a clinician verifies a roster: one tap for the common case, details by keyboard, every version kept', async ({ page }) => {
	await signInAs(page, server.url, 'clinician@demo.steady');
	await openDay(page, server.url, session.day);
	const group = roster(page, session.groupName);
	const alex = group.locator('[data-participant="alex"]');
	const casey = group.locator('[data-participant="casey"]');
	await expect(alex.getByTestId('status')).toHaveText('Present');
	await expect(alex.getByTestId('minutes')).toHaveText('59 minutes');
	await expect(alex.getByTestId('intervals')).not.toHaveText('—');
	await expect(casey.getByTestId('status')).toHaveText('Absent, not notified');
	// rolling admission: Blair joined the program today, so today has a row for them and the day before none
	await expect(group.locator('[data-participant="blair"]')).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	// the common case in one tap
	await alex.getByRole('button', { name: 'Confirm Alex M.: Present' }).click();
	await expect(alex.getByTestId('status')).toHaveText('Present (verified)');

	// the details, from the keyboard only
	await casey.getByRole('button', { name: 'Details for Casey R.' }).focus();
	await page.keyboard.press('Enter');
	const form = page.getByRole('form', { name: 'Verify Casey R. in detail' });
	await expect(form).toBeVisible();
	await expect(page.getByTestId('roster-details').getByText('Not verified yet.')).toBeVisible();
	await form.getByRole('radio', { name: 'Partial' }).focus();
	await page.keyboard.press('Space');
	await form.getByRole('button', { name: 'Save verification' }).focus();
	await page.keyboard.press('Enter');
	await expect(form.getByRole('alert')).toHaveText('Partial attendance needs the minutes attended, as a whole number.');
	await form.getByLabel('Minutes attended (of 60)').fill('20');
	await form.getByRole('radio', { name: 'Yes' }).check();
	await form.getByLabel('Camera on').check();
	await form.getByLabel('Engagement').selectOption('3');
	await form.getByLabel('Connection').selectOption('audio-only');
	await form.getByLabel('Technical problems').fill('Wi-Fi dropped twice');
	await form.getByRole('button', { name: 'Save verification' }).press('Enter');
	await expect(casey.getByTestId('status')).toHaveText('Partial (verified)');
	await expect(casey.getByTestId('minutes')).toHaveText('20 minutes');
	expect(await axeViolations(page)).toEqual([]);

	// a change keeps the earlier version, with who and when
	await casey.getByRole('combobox', { name: 'Verify Casey R.’s attendance' }).selectOption('absent');
	await expect(casey.getByTestId('status')).toHaveText('Absent (verified)');
	const history = page.getByTestId('verification-history').getByRole('listitem');
	await expect(history).toHaveCount(2);
	await expect(history.nth(0)).toContainText('Dr. Sam Okafor: Absent · excused: yes');
	await expect(history.nth(0)).toContainText('(current)');
	await expect(history.nth(1)).toContainText(
		'Dr. Sam Okafor: Partial (20 minutes) · excused: yes · camera on · did not speak · engagement 3 of 5 · audio only · technical problems: Wi-Fi dropped twice'
	);

	// the number present goes with the session, and its versions too
	const count = group.getByTestId('session-count');
	await expect(count.getByTestId('present-now')).toHaveText('1 present');
	await expect(count.getByTestId('recorded-count')).toHaveText('No count recorded with the session yet.');
	await count.getByRole('button', { name: 'Record 1 present with this session' }).click();
	await expect(count.getByTestId('recorded-count')).toHaveText('Recorded with the session: 1 present');
	await expect(count.getByRole('button', { name: /^Record/ })).toHaveCount(0);
	await expect(syncStatus(page)).toHaveText('All changes saved');

	// the program document (which participants read) holds the count and no names
	const program = await openDoc(server.url, await signIn(server.url, 'clinician@demo.steady'), 'program:demo');
	await program.synced;
	const records = program.doc.getArray<Record<string, unknown>>('sessionRecords').toArray();
	program.destroy();
	expect(records).toHaveLength(1);
	expect(Object.keys(records[0] ?? {}).sort()).toEqual(['id', 'occurrenceId', 'presentCount', 'recordedAt', 'recordedBy']);
	expect(records[0]).toMatchObject({ occurrenceId: session.occurrenceId, presentCount: 1 });

	await page.getByRole('button', { name: 'Previous day' }).click();
	await expect(page).toHaveURL(new RegExp(`day=${addDays(session.day, -1)}$`));
	await expect(group.locator('[data-participant="alex"]')).toBeVisible();
	await expect(group.locator('[data-participant="blair"]')).toHaveCount(0);
});

test('two co-facilitators verify the same roster, one of them offline, and both end with the same merged result', async ({ browser }) => {
	const shared = await addEndedSession(server.url, {
		attended: ['alex'],
		enrolled: ['casey'],
		joinsToday: 'blair',
		groupId: 'cofacilitated',
		groupName: 'Co-facilitated Group'
	});
	const proxy = new CuttableProxy(server.port);
	await proxy.start();
	try {
		const laptop = await browser.newContext();
		const online = await laptop.newPage();
		await signInAs(online, server.url, 'clinician@demo.steady');
		await openDay(online, server.url, shared.day);
		// the co-host reaches the server through a connection the test can cut
		const tablet = await browser.newContext();
		const offline = await tablet.newPage();
		await signInAs(offline, proxy.url, 'cohost@demo.steady');
		await openDay(offline, proxy.url, shared.day);
		for (const page of [online, offline]) {
			await expect(roster(page, shared.groupName).locator('[data-participant="casey"]').getByTestId('status')).toHaveText('Absent, not notified');
			await expect(syncStatus(page)).toHaveText('All changes saved');
		}

		proxy.cut();
		await expect(syncStatus(offline)).toContainText('Offline');
		const row = (page: typeof online, id: string) => roster(page, shared.groupName).locator(`[data-participant="${id}"]`);

		// online: Alex confirmed present in one tap, Casey absent
		await row(online, 'alex').getByRole('button', { name: 'Confirm Alex M.: Present' }).click();
		await row(online, 'casey').getByRole('combobox', { name: 'Verify Casey R.’s attendance' }).selectOption('absent');
		await expect(row(online, 'alex').getByTestId('status')).toHaveText('Present (verified)');
		await expect(syncStatus(online)).toHaveText('All changes saved');

		// offline, a moment later: the co-host saw Alex arrive late, and Blair absent, excused
		await row(offline, 'alex').getByRole('combobox', { name: 'Verify Alex M.’s attendance' }).selectOption('late');
		await row(offline, 'blair').getByRole('button', { name: 'Details for Blair T.' }).click();
		const form = offline.getByRole('form', { name: 'Verify Blair T. in detail' });
		await form.getByRole('radio', { name: 'Absent' }).check();
		await form.getByRole('radio', { name: 'Yes' }).check();
		await form.getByRole('button', { name: 'Save verification' }).click();
		await expect(row(offline, 'blair').getByTestId('status')).toHaveText('Absent (verified)');
		await expect(row(offline, 'casey').getByTestId('status')).toHaveText('Absent, not notified');
		await expect(syncStatus(offline)).toHaveText('Offline · 2 changes on this device only');
		await expect(row(online, 'blair').getByTestId('status')).toHaveText('Absent, not notified');

		proxy.restore();
		await expect(syncStatus(offline)).toHaveText('All changes saved', { timeout: 30_000 });
		const expected = { alex: 'Late (verified)', blair: 'Absent (verified)', casey: 'Absent (verified)' };
		for (const page of [online, offline]) {
			for (const [id, status] of Object.entries(expected)) await expect(row(page, id).getByTestId('status')).toHaveText(status, { timeout: 30_000 });
			await expect(roster(page, shared.groupName).getByTestId('present-now')).toHaveText('1 present');
		}
		// both versions of Alex's attendance are kept, in the same order on both devices
		for (const page of [online, offline]) {
			await row(page, 'alex').getByRole('button', { name: 'Details for Alex M.' }).click();
			const versions = page.getByTestId('verification-history').getByTestId('version');
			await expect(versions).toHaveText(['Late · excused: not decided', 'Present · excused: not decided']);
			await expect(page.getByTestId('verification-history')).toContainText('Jordan Lee, LCSW: Late');
			await expect(page.getByTestId('verification-history')).toContainText('Dr. Sam Okafor: Present');
		}

		// the count recorded on one device shows on the other
		await roster(offline, shared.groupName).getByRole('button', { name: 'Record 1 present with this session' }).click();
		for (const page of [online, offline]) {
			await expect(roster(page, shared.groupName).getByTestId('recorded-count')).toHaveText('Recorded with the session: 1 present');
		}
		await laptop.close();
		await tablet.close();
	} finally {
		await proxy.stop();
	}
});
