/**
 * Damage in the server's store: one row truncated, another with a changed byte.
 * The server keeps running, says so (health, audit), serves what is intact, and
 * the normal sync of a device that holds a full copy restores the document, for
 * good (it survives the next restart).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { apiCall, connectMux, serverPool, signIn, type TestServer } from '../../sync-server/test/support.ts';

const pool = serverPool();
const DOCUMENT = 'care:blair';
// no compaction (also none on unload), so each write stays its own row to damage
const SETTINGS = { compactEvery: 1_000_000, idleUnloadMs: 600_000 };

async function serverCopy(server: TestServer, cookie: string, name = DOCUMENT): Promise<Y.Doc> {
	const reader = pool.keep(await connectMux(server, cookie));
	await reader.open(name);
	await reader.roundTrip(name);
	reader.close();
	return reader.doc(name);
}

const notes = (doc: Y.Doc) => doc.getMap('annotations').toJSON() as Record<string, { text: string }>;

describe('damaged storage on the server', () => {
	it('a truncated row and a changed row are moved aside and reported; intact data is served; a device with a full copy rebuilds the document', async () => {
		let server = await pool.start(SETTINGS);
		const cookies = { a: await signIn(server.url, 'clinician@demo.steady'), b: await signIn(server.url, 'cohost@demo.steady') };
		const a = pool.keep(await connectMux(server, cookies.a));
		const b = pool.keep(await connectMux(server, cookies.b));
		await a.open(DOCUMENT);
		await b.open(DOCUMENT);
		const write = async (client: typeof a, key: string) => {
			client.doc(DOCUMENT).getMap('annotations').set(key, { text: `note ${key}` });
			await client.whenStored(DOCUMENT);
		};
		await write(a, 'a1');
		await write(b, 'b1');
		await write(a, 'a2');
		await write(b, 'b2');
		await write(a, 'a3');
		const full = notes(a.doc(DOCUMENT));
		a.close();
		b.close();

		// damage: a2's row loses its tail, a3's row has one byte changed
		const rows = server.context.db.prepare<[string], { seq: number; data: Buffer }>('SELECT seq, data FROM updates WHERE doc = ? ORDER BY seq').all(DOCUMENT);
		const rowOf = (key: string) => rows.find((r) => r.data.includes(`note ${key}`))!;
		const [a2, a3] = [rowOf('a2'), rowOf('a3')];
		const changed = Buffer.from(a3.data);
		changed[changed.indexOf('note a3')] = 'N'.charCodeAt(0);
		const damage = server.context.db.prepare('UPDATE updates SET data = ? WHERE seq = ?');
		damage.run(a2.data.subarray(0, a2.data.length - 4), a2.seq);
		damage.run(changed, a3.seq);
		await pool.stop(server);

		server = await pool.start(SETTINGS, server.dataDir);
		const damaged = await serverCopy(server, cookies.b);
		// b's writes and a's first one are intact and served; a2 is gone, and a3 (which
		// builds on a2) waits for it rather than showing changed content
		expect(notes(damaged)).toEqual({ a1: full.a1, b1: full.b1, b2: full.b2 });
		const health = await (await apiCall(server.url, '/api/health', '')).json();
		expect(health).toMatchObject({ status: 'degraded', damagedUpdates: 2 });
		const audited = server.context.audit.query({ event: 'storage-damaged' });
		expect(audited.map((r) => [r.document, r.detail?.replace(/:.*/, '')])).toEqual([
			[DOCUMENT, `update #${a2.seq}`],
			[DOCUMENT, `update #${a3.seq}`]
		]);
		// other documents are untouched
		expect((await serverCopy(server, cookies.b, 'care:alex')).getArray('verifications').length).toBeGreaterThan(0);

		// clinician a's device still holds the full copy: its normal sync restores it
		const device = pool.keep(await connectMux(server, cookies.a));
		await device.open(DOCUMENT, a.doc(DOCUMENT));
		await device.whenStored(DOCUMENT);
		expect(notes(await serverCopy(server, cookies.b))).toEqual(full);

		await pool.stop(server);
		server = await pool.start(SETTINGS, server.dataDir);
		expect(notes(await serverCopy(server, cookies.b))).toEqual(full);
		// the damaged rows are kept for inspection, not served
		expect(server.context.store.damagedCount()).toBe(2);
	});
});
