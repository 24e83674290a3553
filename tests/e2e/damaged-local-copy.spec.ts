import { expect, test } from '@playwright/test';
import { joinAs, sessionCard, stubVideoCalls, syncStatus } from './support/app.ts';
import { addLiveSession } from './support/live-session.ts';
import { ServerProcess } from './support/server.ts';

const server = new ServerProcess();
const DATABASE = 'steady:u-alex:self:alex';

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

/** Runs in the page: the rows of one y-indexeddb store, by key. */
function storeKeys([database, store]: [string, string]): Promise<string[]> {
	return new Promise((resolve, reject) => {
		const open = indexedDB.open(database);
		open.onerror = () => reject(open.error);
		open.onsuccess = () => {
			const request = open.result.transaction(store).objectStore(store).getAllKeys();
			request.onsuccess = () => {
				open.result.close();
				resolve(request.result.map(String));
			};
		};
	});
}

test('damaged rows in the device\'s saved copy are set aside with a notice, the app keeps working, and the server restores what they held', async ({ browser }) => {
	const { groupName } = await addLiveSession(server.url, ['alex']);
	const phone = await browser.newContext();
	await stubVideoCalls(phone);
	const page = await phone.newPage();
	await joinAs(page, server.url, 'alex');
	const card = sessionCard(page, groupName);
	const videoTab = phone.waitForEvent('page');
	await card.getByRole('button', { name: 'Join session' }).click();
	await (await videoTab).close();
	await expect(card.getByTestId('status')).toHaveText('Checked in');
	await expect(syncStatus(page)).toHaveText('All changes saved');

	// leave the app and damage the saved copy: every row loses its tail, and a row of
	// garbage is added, so the check-in can only come back from the server
	await page.goto(`${server.url}/api/health`);
	const damaged = await page.evaluate(
		(database) =>
			new Promise<number>((resolve, reject) => {
				const open = indexedDB.open(database);
				open.onerror = () => reject(open.error);
				open.onsuccess = () => {
					const tx = open.result.transaction('updates', 'readwrite');
					const store = tx.objectStore('updates');
					let rows = 0;
					store.openCursor().onsuccess = (event) => {
						const cursor = (event.target as IDBRequest<IDBCursorWithValue | null>).result;
						if (!cursor) return void store.add(new Uint8Array([1, 2, 3, 4, 5, 250]));
						const row = cursor.value as Uint8Array;
						if (row.length > 8) {
							cursor.update(row.slice(0, row.length - 6));
							rows++;
						}
						cursor.continue();
					};
					tx.oncomplete = () => (open.result.close(), resolve(rows));
				};
			}),
		DATABASE
	);
	expect(damaged).toBeGreaterThan(0);

	await page.goto(`${server.url}/week`);
	await expect(page.getByTestId('local-damage')).toContainText('Part of what this device had saved was damaged');
	await expect(sessionCard(page, groupName).getByTestId('status')).toHaveText('Checked in');
	await expect(syncStatus(page)).toHaveText('All changes saved');

	// the damaged row is kept aside, not in the copy any more: the next start is clean
	await page.goto(`${server.url}/api/health`);
	const setAside = (await page.evaluate(storeKeys, [DATABASE, 'custom'] as [string, string])).filter((key) => key.startsWith('damaged-update:'));
	// every truncated row and the garbage: nothing of the check-in was left on the device
	expect(setAside).toHaveLength(damaged + 1);
	await page.goto(`${server.url}/week`);
	await expect(sessionCard(page, groupName).getByTestId('status')).toHaveText('Checked in');
	await expect(page.getByTestId('local-damage')).toHaveCount(0);
});
