import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type Db } from './db.ts';
import { silentLog, type Log } from './log.ts';
import { createAudit } from './audit.ts';
import { Room } from './room.ts';
import { createSqliteStore, type DocumentStore } from './storage.ts';
import { syncUpdate, tempDir } from '../test/support.ts';

const open: Array<{ db: Db; store: DocumentStore }> = [];
function openStore(dir: string) {
	const db = openDatabase(dir);
	const opened = { db, store: createSqliteStore(db) };
	open.push(opened);
	return opened;
}
afterEach(async () => {
	for (const { db, store } of open.splice(0)) {
		await store.close();
		if (db.open) db.close();
	}
});

function edit(fn: (doc: Y.Doc) => void, base?: Y.Doc): Uint8Array {
	const doc = new Y.Doc();
	if (base) Y.applyUpdate(doc, Y.encodeStateAsUpdate(base));
	const before = Y.encodeStateVector(doc);
	fn(doc);
	return Y.encodeStateAsUpdate(doc, before);
}

function docOf(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const u of updates) Y.applyUpdate(doc, u);
	return doc;
}

describe('SQLite document store', () => {
	it('uses WAL with synchronous=FULL so an acknowledged update survives kill -9', () => {
		const { db } = openStore(tempDir());
		expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.pragma('synchronous', { simple: true })).toBe(2);
	});

	it('an appended update is there after the database is closed and reopened', async () => {
		const dir = tempDir();
		const first = openStore(dir);
		first.store.append('self:alex', edit((d) => d.getMap('absences').set('a1', { note: 'sick' })));
		first.store.append('care:alex', edit((d) => d.getMap('leaves').set('l1', { reason: 'trip' })));
		await first.store.close();
		first.db.close();

		const second = openStore(dir);
		const self = docOf(second.store.load('self:alex').map((r) => r.update));
		expect(self.getMap('absences').get('a1')).toEqual({ note: 'sick' });
		expect(second.store.load('care:alex')).toHaveLength(1);
		expect(second.store.names()).toEqual(['care:alex', 'self:alex']);
	});

	it('an append does not wait for the disk; whenDurable calls back in order once the writer has committed it', async () => {
		const { store } = openStore(tempDir());
		const order: string[] = [];
		store.append('self:x', edit((d) => d.getMap('absences').set('a1', { note: 'sick' })));
		expect(store.load('self:x')).toHaveLength(0); // queued, not yet committed
		const all = new Promise<void>((resolve) => {
			store.whenDurable(() => {
				order.push(`first, ${store.load('self:x').length} row`);
				store.append('self:x', edit((d) => d.getMap('absences').set('a2', { note: 'trip' })));
				// a caller after a later append waits for its commit
				store.whenDurable(() => {
					order.push(`later, ${store.load('self:x').length} rows`);
					resolve();
				});
			});
			store.whenDurable(() => order.push('second'));
		});
		expect(order).toEqual([]);
		await all;
		expect(order).toEqual(['first, 1 row', 'second', 'later, 2 rows']);
	});

	it('with nothing queued, whenDurable calls back at once (after this turn)', async () => {
		const { store } = openStore(tempDir());
		const called: string[] = [];
		store.whenDurable(() => called.push('durable'));
		expect(called).toEqual([]);
		await Promise.resolve();
		expect(called).toEqual(['durable']);
	});

	it('after a failed commit, flushed() rejects and close() still ends: neither waits forever', async () => {
		const dir = tempDir();
		const db = openDatabase(dir);
		const failures: string[] = [];
		const store = createSqliteStore(db, { onFailure: (message) => failures.push(message) });
		open.push({ db, store });
		db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON updates BEGIN SELECT RAISE(ABORT, 'simulated: disk full'); END;`);
		const outcome = (promise: Promise<void>) =>
			Promise.race([
				promise.then(() => 'resolved', (error: Error) => `rejected: ${error.message}`),
				new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2000))
			]);

		store.append('self:x', edit((d) => d.getMap('absences').set('a1', { note: 'sick' })));
		expect(await outcome(store.flushed())).toMatch(/^rejected: .*simulated: disk full/);
		store.append('self:x', edit((d) => d.getMap('absences').set('a2', { note: 'trip' })));
		expect(await outcome(store.close())).toBe('resolved');
		expect(failures).toHaveLength(2);
	});

	it('a write on the server\'s connection while the writer compacts waits for it; it does not fail the writer\'s commit', async () => {
		const db = openDatabase(tempDir());
		const failures: string[] = [];
		const store = createSqliteStore(db, { onFailure: (message) => failures.push(message), onSkipped: (message) => failures.push(message) });
		open.push({ db, store });
		db.exec('CREATE TABLE elsewhere (x)');
		// a document big enough that compacting it takes a while
		const doc = new Y.Doc();
		doc.on('update', (update: Uint8Array) => store.append('self:x', update));
		for (let i = 0; i < 3000; i++) doc.getMap('m').set(`k${i % 300}`, { i, text: 'x'.repeat(40) });
		await store.flushed();
		const started = Date.now();
		store.compact('self:x');
		await store.flushed();
		const compaction = Date.now() - started;

		for (let i = 0; i < 3000; i++) doc.getMap('m').set(`k${i % 300}`, { i, text: 'y'.repeat(40) });
		await store.flushed();
		store.compact('self:x');
		doc.getMap('m').set('last', 'in the same batch');
		// while the writer is inside the compaction, the server's thread writes elsewhere (an audit row, say)
		Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Math.max(5, compaction / 3));
		db.prepare('INSERT INTO elsewhere (x) VALUES (1)').run();
		await store.flushed();
		expect(failures).toEqual([]);
		expect(store.load('self:x')).toHaveLength(2);
		const stored = docOf(store.load('self:x').map((r) => r.update)).getMap('m');
		expect([stored.get('k0'), stored.get('last')]).toEqual([{ i: 2700, text: 'y'.repeat(40) }, 'in the same batch']);
	});

	it('compaction merges the log into one row numbered as the last one, and keeps later updates', async () => {
		const { store } = openStore(tempDir());
		const doc = new Y.Doc();
		const append = (i: number) => {
			const before = Y.encodeStateVector(doc);
			doc.getArray('presence').push([{ i }]);
			store.append('self:x', Y.encodeStateAsUpdate(doc, before));
		};
		for (let i = 0; i < 3; i++) append(i);
		store.compact('self:x');
		for (let i = 3; i < 5; i++) append(i);
		await store.flushed();
		const rows = store.load('self:x');
		expect(rows).toHaveLength(3);
		expect(rows.map((r) => r.seq)).toEqual([3, 4, 5]);
		expect(docOf(rows.map((r) => r.update)).getArray('presence').toJSON()).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
	});

	it('compaction garbage-collects replaced values, which merging bytes alone would keep', async () => {
		const { store } = openStore(tempDir());
		const doc = new Y.Doc();
		doc.on('update', (update: Uint8Array) => store.append('self:x', update));
		for (let i = 0; i < 50; i++) doc.getMap('reminders').set('settings', { note: 'x'.repeat(200), i });
		await store.flushed();
		const bytesMerged = Y.mergeUpdates(store.load('self:x').map((r) => r.update)).byteLength;
		store.compact('self:x');
		await store.flushed();
		const rows = store.load('self:x');
		expect(rows).toHaveLength(1);
		expect(rows[0]?.update.byteLength).toBeLessThan(bytesMerged / 10);
		expect(docOf(rows.map((r) => r.update)).getMap('reminders').get('settings')).toEqual({ note: 'x'.repeat(200), i: 49 });
	});
});

describe('two writers on one database', () => {
	it("the server's own transactions wait for the store writer's commits instead of failing", async () => {
		const { db, store } = openStore(tempDir());
		const audit = createAudit(db);
		const doc = new Y.Doc();
		doc.on('update', (update: Uint8Array) => store.append('self:x', update));
		// the writer commits all the time while audit rows (read the last hash, then insert) go in
		for (let i = 0; i < 800; i++) {
			doc.getMap('m').set(`k${i}`, 'x'.repeat(2000));
			audit.record({ event: 'document-open-read', document: `self:${i}` });
			if (i % 2 === 0) await new Promise((resolve) => setImmediate(resolve));
		}
		await store.flushed();
		expect(audit.list(1000)).toHaveLength(800);
		expect(docOf(store.load('self:x').map((r) => r.update)).getMap('m').size).toBe(800);
	});
});

describe('a room over the store', () => {
	it('compacts in the background after `compactEvery` updates without losing any', async () => {
		const { store } = openStore(tempDir());
		const room = new Room('self:x', store, 5, silentLog);
		const client = { send: () => {} };
		room.add(client);
		const source = new Y.Doc();
		source.on('update', (update: Uint8Array) => {
			expect(room.receive(client, syncUpdate(update), true)).toBe('stored');
		});
		for (let i = 0; i < 12; i++) source.getMap('m').set(`k${i}`, i);
		await new Promise((resolve) => setImmediate(resolve));
		await store.flushed();
		expect(store.load('self:x').length).toBeLessThan(12);
		expect(docOf(store.load('self:x').map((r) => r.update)).getMap('m').toJSON()).toEqual(source.getMap('m').toJSON());
		room.destroy();
	});

	it('a stored row that does not apply is moved aside and reported; the rest is served and compaction goes on', async () => {
		const { db, store } = openStore(tempDir());
		const good = edit((d) => d.getMap('m').set('a', 1));
		store.append('care:x', good);
		store.append('care:x', new Uint8Array([1, 2, 3, 4, 5, 250]));
		store.append('care:x', edit((d) => d.getMap('m').set('b', 2)));
		await store.flushed();
		const badSeq = 2;
		const errors: string[] = [];
		const damages: number[] = [];
		const log: Log = { ...silentLog, error: (m) => errors.push(m) };
		const room = new Room('care:x', store, 1, log, (d) => damages.push(d.seq));
		expect(docOf([room.snapshot()]).getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
		expect(errors.join()).toMatch(new RegExp(`care:x: stored update #${badSeq} is damaged \\(it does not decode`));
		expect(damages).toEqual([badSeq]);
		room.compact();
		await store.flushed();
		expect(store.damagedCount()).toBe(1);
		expect(db.prepare('SELECT doc, problem FROM damaged_updates WHERE seq = ?').get(badSeq)).toMatchObject({ doc: 'care:x' });
		expect(store.load('care:x')).toHaveLength(1);
		expect(store.load('care:x').map((r) => r.seq)).not.toContain(badSeq);
		expect(docOf(store.load('care:x').map((r) => r.update)).getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
		room.destroy();
	});

	it('a row whose bytes changed on disk but still decode is caught by its checksum', async () => {
		const { db, store } = openStore(tempDir());
		store.append('care:x', edit((d) => d.getMap('m').set('note', 'attended')));
		await store.flushed();
		const seq = 1;
		// flip one letter of the stored string: still a valid Yjs update, with different content
		const row = db.prepare<[number], { data: Buffer }>('SELECT data FROM updates WHERE seq = ?').get(seq)!;
		const data = Buffer.from(row.data);
		data[data.indexOf('attended')] = 'x'.charCodeAt(0);
		db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(data, seq);
		expect(docOf([new Uint8Array(data)]).getMap('m').get('note')).toBe('xttended');

		const damages: string[] = [];
		const room = new Room('care:x', store, 100, silentLog, (d) => damages.push(d.problem));
		expect(docOf([room.snapshot()]).getMap('m').get('note')).toBeUndefined();
		expect(damages).toEqual(['its checksum does not match its bytes']);
		room.destroy();
	});
});
