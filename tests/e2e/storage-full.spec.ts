import { expect, test } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { addLiveSession } from './support/live-session.ts';
import { joinAs, rosterRow, sessionCard, signInAs, stubVideoCalls, syncStatus } from './support/app.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('a full disk is said plainly and loses no edit: the check-in still reaches the server', async ({ browser }) => {
	const { groupName } = await addLiveSession(server.url, ['alex'], { groupId: 'full', groupName: 'Full Disk Group' });
	const phone = await browser.newContext();
	await stubVideoCalls(phone);
	const page = await phone.newPage();
	await joinAs(page, server.url, 'alex');
	await expect(syncStatus(page)).toHaveText('All changes saved');

	// The disk fills up: from now on every IndexedDB write fails the way the browser reports
	// a full disk, with a QuotaExceededError on the request. (Chromium's CDP quota override
	// had no effect in headless mode here, so the fault is injected at the request.)
	await page.evaluate(() => {
		IDBObjectStore.prototype.add = function () {
			const request = {} as IDBRequest;
			Object.defineProperty(request, 'onerror', {
				set(handler: (event: { target: { error: DOMException } }) => void) {
					setTimeout(() => handler({ target: { error: new DOMException('The quota has been exceeded.', 'QuotaExceededError') } }));
				}
			});
			return request;
		};
	});
	await sessionCard(page, groupName).getByRole('button', { name: 'Join session' }).click();
	await expect(page.getByRole('alert').filter({ hasText: 'out of storage space' })).toBeVisible();
	await expect(sessionCard(page, groupName).getByTestId('status')).toHaveText('Checked in');
	await expect(syncStatus(page)).toHaveText('All changes saved');

	const laptop = await browser.newContext();
	const clinician = await laptop.newPage();
	await signInAs(clinician, server.url, 'clinician@demo.steady');
	await expect(rosterRow(clinician, groupName, 'alex').getByTestId('status')).toHaveText('Checked in');
	await phone.close();
	await laptop.close();
});
