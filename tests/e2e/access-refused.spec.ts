import { expect, test } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { joinAsParticipant, openDoc, signIn } from './support/client.ts';
import { joinAs, syncStatus } from './support/app.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('a y-websocket client signed in as one participant cannot open another participant’s documents', async () => {
	const cookie = await joinAsParticipant(server.url, 'alex');
	for (const name of ['self:blair', 'care:blair', 'private:blair', 'private:alex']) {
		const client = await openDoc(server.url, cookie, name);
		expect(await client.closed, name).toEqual({ code: 4403, reason: expect.stringMatching(/not allowed/i) });
		expect(client.doc.share.size, `${name} sent no content`).toBe(0);
		client.destroy();
	}
});

test('a participant’s write to their care document is neither applied nor forwarded', async () => {
	const alex = await joinAsParticipant(server.url, 'alex');
	const clinician = await signIn(server.url, 'clinician@demo.steady');
	const watcher = await openDoc(server.url, clinician, 'care:alex');
	await watcher.synced;
	const forwarded: Uint8Array[] = [];
	watcher.doc.on('update', (update: Uint8Array, origin: unknown) => {
		if (origin === watcher.provider) forwarded.push(update);
	});

	const tamper = await openDoc(server.url, alex, 'care:alex');
	await tamper.synced;
	tamper.doc.getMap('leaves').set('forged', { id: 'forged', from: '2026-01-01', to: '2026-12-31', reason: 'self-approved' });
	// a clinician's write after it proves the connection carried on and delivery works
	watcher.doc.getMap('annotations').set('probe', { id: 'probe' });
	const fresh = await openDoc(server.url, clinician, 'care:alex');
	await expect.poll(async () => (await fresh.synced, fresh.doc.getMap('annotations').has('probe'))).toBe(true);
	expect(fresh.doc.getMap('leaves').has('forged')).toBe(false);
	expect(watcher.doc.getMap('leaves').has('forged')).toBe(false);
	expect(forwarded).toHaveLength(0);
	for (const client of [watcher, tamper, fresh]) client.destroy();
});

test('the app refuses another participant’s documents, says why, and stores none of them', async ({ page }) => {
	await joinAs(page, server.url, 'alex');
	await expect(syncStatus(page)).toHaveText('All changes saved');
	// A tampered device claims to be Blair and ignores what /api/me says: the server
	// still knows from the session that it is Alex.
	await page.route('**/api/me', (route) => route.abort());
	await page.evaluate(() => {
		const me = JSON.parse(localStorage.getItem('steady:me') ?? '{}');
		me.user.participantId = 'blair';
		localStorage.setItem('steady:me', JSON.stringify(me));
	});
	await page.reload();
	await page.getByTestId('sync-status').click();
	await expect(page.getByText('self:blair: ')).toContainText('does not have access');
	await expect(page.getByText('care:blair: ')).toContainText('does not have access');
	const stored = await page.evaluate(async () => {
		const bytes: Record<string, number> = {};
		for (const { name } of await indexedDB.databases()) {
			if (!name?.includes('blair')) continue;
			bytes[name] = await new Promise<number>((resolve, reject) => {
				const request = indexedDB.open(name);
				request.onerror = () => reject(request.error);
				request.onsuccess = () => {
					const db = request.result;
					if (!db.objectStoreNames.contains('updates')) return resolve(0);
					const all = db.transaction('updates').objectStore('updates').getAll();
					all.onsuccess = () => resolve((all.result as Uint8Array[]).reduce((sum, update) => sum + update.byteLength, 0));
				};
			});
		}
		return bytes;
	});
	// y-indexeddb may create the local database, but it holds only an empty update (2 bytes)
	for (const [name, size] of Object.entries(stored)) expect(size, name).toBeLessThanOrEqual(2);
	await expect(page.getByText('Blair T.')).toHaveCount(0);
});
