import { expect, test } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { addLiveSession } from './support/live-session.ts';
import { rosterRow, sessionCard, signInAs, stubVideoCalls, syncStatus, waitForOfflineShell, joinAs } from './support/app.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('a check-in made while the server is unreachable survives a reload and reaches the clinician', async ({ browser }) => {
	const { groupName } = await addLiveSession(server.url, ['alex']);

	const phone = await browser.newContext();
	await stubVideoCalls(phone);
	const participant = await phone.newPage();
	await joinAs(participant, server.url, 'alex');
	await expect(participant).toHaveURL(/\/week$/);
	const card = sessionCard(participant, groupName);
	await expect(card.getByTestId('status')).toHaveText('In session, not checked in');
	await waitForOfflineShell(participant);

	const laptop = await browser.newContext();
	const clinician = await laptop.newPage();
	await signInAs(clinician, server.url, 'clinician@demo.steady');
	await expect(clinician).toHaveURL(/\/today$/);
	const row = rosterRow(clinician, groupName, 'alex');
	await expect(row.getByTestId('status')).toHaveText('In session, not checked in');
	// anything opening wrote is stored first, so only the check-in stays behind
	await expect(syncStatus(participant)).toHaveText('All changes saved');

	await server.stop('SIGKILL');
	await expect(syncStatus(participant)).toContainText('Offline');

	const videoTab = phone.waitForEvent('page');
	await card.getByRole('button', { name: 'Join session' }).click();
	await expect((await videoTab).getByRole('heading', { name: 'Video call' })).toBeVisible();
	await expect(card.getByTestId('status')).toHaveText('Checked in');
	await expect(syncStatus(participant)).toHaveText('Offline · 1 change on this device only');

	await participant.reload();
	await expect(card.getByTestId('status')).toHaveText('Checked in');
	await expect(syncStatus(participant)).toHaveText('Offline · 1 change on this device only');
	await expect(row.getByTestId('status')).toHaveText('In session, not checked in');

	await server.start();
	await expect(syncStatus(participant)).toHaveText('All changes saved', { timeout: 30_000 });
	await expect(row.getByTestId('status')).toHaveText('Checked in', { timeout: 30_000 });
	await expect(row.getByRole('cell', { name: 'still in' })).toBeVisible();
	// live presence travels as awareness, not in the document
	await expect(row.getByTestId('connected')).toHaveText('Yes');

	await phone.close();
	await laptop.close();
});
