import { expect, test } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { addLiveSession } from './support/live-session.ts';
import { joinAs, sessionCard, signInAs, stubVideoCalls, syncStatus, waitForOfflineShell } from './support/app.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

function localDatabases(page: import('@playwright/test').Page) {
	return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('steady:')));
}

test('signing out removes the user’s documents from the device', async ({ page }) => {
	await joinAs(page, server.url, 'alex');
	await expect(page.getByTestId('session').first()).toBeVisible();
	await expect(syncStatus(page)).toHaveText('All changes saved');
	await expect.poll(async () => (await localDatabases(page)).sort()).toEqual(['steady:u-alex:care:alex', 'steady:u-alex:program:demo', 'steady:u-alex:self:alex']);

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('heading', { name: 'Sign in to Steady' })).toBeVisible();
	await expect.poll(() => localDatabases(page)).toEqual([]);
	expect(await page.evaluate(() => localStorage.getItem('steady:me'))).toBeNull();
});

test('an admin’s day shows the schedule without opening any participant’s documents', async ({ page }) => {
	await signInAs(page, server.url, 'admin@demo.steady');
	await expect(page.getByRole('heading', { name: /^Today/ })).toBeVisible();
	await expect(page.getByText('Opening today’s groups…')).toHaveCount(0);
	await expect(syncStatus(page)).toHaveText('All changes saved');
	await expect.poll(() => localDatabases(page)).toEqual(['steady:u-admin:program:demo']);
});

test('signing out with changes the server lacks asks first, and staying keeps them for the server', async ({ page, context }) => {
	const { groupName } = await addLiveSession(server.url, ['casey']);
	await stubVideoCalls(context);
	await joinAs(page, server.url, 'casey');
	const card = sessionCard(page, groupName);
	await expect(card.getByRole('button', { name: 'Join session' })).toBeVisible();
	// anything opening wrote is stored first, so only the join stays behind
	await expect(syncStatus(page)).toHaveText('All changes saved');

	await server.stop('SIGKILL');
	await card.getByRole('button', { name: 'Join session' }).click();
	await expect(syncStatus(page)).toHaveText('Offline · 1 change on this device only');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('alert')).toContainText('1 change has not reached the server yet');
	await page.getByRole('button', { name: 'Stay signed in' }).click();
	await expect(page.getByRole('alert')).toHaveCount(0);

	await server.start();
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 30_000 });
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('heading', { name: 'Sign in to Steady' })).toBeVisible();
});

test('signing out while the server is down still ends the device’s sign-in once it is back', async ({ page }) => {
	await joinAs(page, server.url, 'blair');
	await expect(page.getByTestId('session').first()).toBeVisible();
	await expect(syncStatus(page)).toHaveText('All changes saved');
	await waitForOfflineShell(page);
	await server.stop('SIGKILL');
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('heading', { name: 'Sign in to Steady' })).toBeVisible();

	await server.start();
	await page.reload();
	await expect(page.getByRole('heading', { name: 'Sign in to Steady' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
	// the device's credential was revoked on the server when the app came back
	await expect.poll(async () => (await page.request.get(`${server.url}/api/me`)).status()).toBe(401);
	expect(await page.evaluate(() => localStorage.getItem('steady:sign-out-pending'))).toBeNull();
});
