import { expect, test, type Page } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { openDoc, signIn } from './support/client.ts';
import { joinAs, syncStatus } from './support/app.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

/** Everything the page's origin keeps: every IndexedDB record and localStorage, as text. */
async function everythingStored(page: Page): Promise<{ databases: string[]; text: string }> {
	return page.evaluate(async () => {
		const decoder = new TextDecoder('utf-8', { fatal: false });
		const asText = (value: unknown): string =>
			value instanceof Uint8Array ? decoder.decode(value) : value instanceof ArrayBuffer ? decoder.decode(new Uint8Array(value)) : JSON.stringify(value);
		const names = (await indexedDB.databases()).map((db) => db.name ?? '');
		let text = JSON.stringify({ ...localStorage });
		for (const name of names) {
			const db = await new Promise<IDBDatabase>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => resolve(request.result);
				request.onerror = () => reject(request.error);
			});
			for (const store of Array.from(db.objectStoreNames)) {
				const values = await new Promise<unknown[]>((resolve) => {
					const all = db.transaction(store).objectStore(store).getAll();
					all.onsuccess = () => resolve(all.result);
				});
				text += values.map(asText).join('\n');
			}
			db.close();
		}
		return { databases: names, text };
	});
}

test('a participant’s browser never stores a clinician’s private note, nor any trace of a private document', async ({ page }) => {
	const marker = `private-marker-${Date.now()}`;
	const sharedMarker = `shared-marker-${Date.now()}`;
	const clinician = await signIn(server.url, 'clinician@demo.steady');
	const privateDoc = await openDoc(server.url, clinician, 'private:alex');
	const careDoc = await openDoc(server.url, clinician, 'care:alex');
	await Promise.all([privateDoc.synced, careDoc.synced]);
	const stamp = { updatedAt: new Date().toISOString(), updatedBy: 'u-clinician' };
	privateDoc.doc.getMap('notes').set('n1', { id: 'n1', ...stamp, text: marker });
	careDoc.doc.getMap('annotations').set('a1', { id: 'a1', ...stamp, target: 'evening@2026-11-23', text: sharedMarker });
	const check = await openDoc(server.url, clinician, 'private:alex');
	await expect.poll(async () => (await check.synced, check.doc.getMap('notes').has('n1'))).toBe(true);
	for (const client of [privateDoc, careDoc, check]) client.destroy();

	await joinAs(page, server.url, 'alex');
	await expect(page.getByTestId('session').first()).toBeVisible();
	await expect(syncStatus(page)).toHaveText('All changes saved');
	const stored = await everythingStored(page);
	// the shared annotation did arrive, so the scan does see document contents
	expect(stored.text).toContain(sharedMarker);
	expect(stored.text).not.toContain(marker);
	expect(stored.databases.filter((name) => name.includes('private:'))).toEqual([]);
});
