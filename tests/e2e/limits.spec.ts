import { expect, test } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { joinAs, syncStatus } from './support/app.ts';

// One connection per device, so a second tab of the app on the same device is over the limit.
const server = new ServerProcess({ STEADY_MAX_CONNECTIONS_PER_DEVICE: '1' });

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('a connection over a limit is told why, keeps its data, and the first tab carries on', async ({ page, context }) => {
	await joinAs(page, server.url, 'alex');
	await expect(page.getByTestId('session').first()).toBeVisible();
	await expect(syncStatus(page)).toHaveText('All changes saved');

	const second = await context.newPage();
	await second.goto(`${server.url}/week`);
	await expect(second.getByTestId('session').first()).toBeVisible();
	await second.getByTestId('sync-status').click();
	await expect(second.getByText(/The server closed the connection: too many connections for this device/)).toBeVisible();
	// the local copy still shows everything it had
	await expect(second.getByTestId('session')).toHaveCount(await page.getByTestId('session').count());
	await expect(syncStatus(page)).toHaveText('All changes saved');
});
