import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openDatabase, type Db } from './db.ts';
import { silentLog, type Log } from './log.ts';
import { Room } from './room.ts';
import { createSqliteStore } from './storage.ts';
import { syncUpdate, tempDir } from '../test/support.ts';

const open: Db[] = [];
function openStore(dir: string) {
	const db = openDatabase(dir);
	open.push(db);
	return { db, store: createSqliteStore(db) };
}
afterEach(() => {
	for (const db of open.splice(0)) if (db.open) db.close();
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

	it('an appended update is there after the database is closed and reopened', () => {
		const dir = tempDir();
		const first = openStore(dir);
		first.store.append('self:alex', edit((d) => d.getMap('absences').set('a1', { note: 'sick' })));
		first.store.append('care:alex', edit((d) => d.getMap('leaves').set('l1', { reason: 'trip' })));
		first.db.close();

		const second = openStore(dir);
		const self = docOf(second.store.load('self:alex').map((r) => r.update));
		expect(self.getMap('absences').get('a1')).toEqual({ note: 'sick' });
		expect(second.store.load('care:alex')).toHaveLength(1);
		expect(second.store.names()).toEqual(['care:alex', 'self:alex']);
	});

	it('an append does not wait for the disk, and whenDurable calls back every waiting caller after one sync', async () => {
		const { db, store } = openStore(tempDir());
		const order: string[] = [];
		store.append('self:x', edit((d) => d.getMap('absences').set('a1', { note: 'sick' })));
		expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL again for every other write
		const all = new Promise<void>((resolve) => {
			store.whenDurable(() => order.push('first'));
			store.whenDurable(() => {
				order.push('second');
				// a caller during a sync waits for the next one
				store.whenDurable(() => {
					order.push('later');
					resolve();
				});
			});
		});
		expect(order).toEqual([]);
		await all;
		expect(order).toEqual(['first', 'second', 'later']);
	});

	it('compaction replaces the log up to a sequence number and keeps later updates', () => {
		const { store } = openStore(tempDir());
		const doc = new Y.Doc();
		const seqs: number[] = [];
		for (let i = 0; i < 5; i++) {
			const before = Y.encodeStateVector(doc);
			doc.getArray('presence').push([{ i }]);
			seqs.push(store.append('self:x', Y.encodeStateAsUpdate(doc, before)));
		}
		const merged = Y.mergeUpdates(store.load('self:x').slice(0, 3).map((r) => r.update));
		store.compact('self:x', merged, seqs[2] as number);
		const rows = store.load('self:x');
		expect(rows.map((r) => r.seq)).toEqual([seqs[2], seqs[3], seqs[4]]);
		expect(docOf(rows.map((r) => r.update)).getArray('presence').toJSON()).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));
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
		expect(store.load('self:x').length).toBeLessThan(12);
		expect(docOf(store.load('self:x').map((r) => r.update)).getMap('m').toJSON()).toEqual(source.getMap('m').toJSON());
		room.destroy();
	});

	it('a stored row that does not apply is moved aside and reported; the rest is served and compaction goes on', async () => {
		const { db, store } = openStore(tempDir());
		const good = edit((d) => d.getMap('m').set('a', 1));
		store.append('care:x', good);
		const badSeq = store.append('care:x', new Uint8Array([1, 2, 3, 4, 5, 250]));
		store.append('care:x', edit((d) => d.getMap('m').set('b', 2)));
		const errors: string[] = [];
		const damages: number[] = [];
		const log: Log = { ...silentLog, error: (m) => errors.push(m) };
		const room = new Room('care:x', store, 1, log, (d) => damages.push(d.seq));
		expect(room.doc.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
		expect(errors.join()).toMatch(new RegExp(`care:x: stored update #${badSeq} is damaged \\(it does not apply`));
		expect(damages).toEqual([badSeq]);
		expect(store.damagedCount()).toBe(1);
		expect(db.prepare('SELECT doc, problem FROM damaged_updates WHERE seq = ?').get(badSeq)).toMatchObject({ doc: 'care:x' });
		room.compact();
		expect(store.load('care:x').map((r) => r.seq)).not.toContain(badSeq);
		expect(docOf(store.load('care:x').map((r) => r.update)).getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
		room.destroy();
	});

	it('a row whose bytes changed on disk but still decode is caught by its checksum', () => {
		const { db, store } = openStore(tempDir());
		const seq = store.append('care:x', edit((d) => d.getMap('m').set('note', 'attended')));
		// flip one letter of the stored string: still a valid Yjs update, with different content
		const row = db.prepare<[number], { data: Buffer }>('SELECT data FROM updates WHERE seq = ?').get(seq)!;
		const data = Buffer.from(row.data);
		data[data.indexOf('attended')] = 'x'.charCodeAt(0);
		db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(data, seq);
		expect(docOf([new Uint8Array(data)]).getMap('m').get('note')).toBe('xttended');

		const damages: string[] = [];
		const room = new Room('care:x', store, 100, silentLog, (d) => damages.push(d.problem));
		expect(room.doc.getMap('m').get('note')).toBeUndefined();
		expect(damages).toEqual(['its checksum does not match its bytes']);
		room.destroy();
	});
});
