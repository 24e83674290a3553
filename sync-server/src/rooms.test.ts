import { afterEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { openDatabase, type Db } from './db.ts';
import { silentLog } from './log.ts';
import { Rooms } from './rooms.ts';
import { createSqliteStore, type DocumentStore } from './storage.ts';
import { syncStep1, syncUpdate, tempDir } from '../test/support.ts';

const open: Array<{ db: Db; store: DocumentStore }> = [];
afterEach(async () => {
	for (const { db, store } of open.splice(0)) {
		await store.close();
		db.close();
	}
});

function openStore() {
	const db = openDatabase(tempDir());
	const store = createSqliteStore(db);
	open.push({ db, store });
	return { db, store };
}

/** Holds SQLite's write lock from another connection: the store writer's commit waits (busy_timeout). */
function holdWriteLock(file: string): () => void {
	const other = new Database(file);
	other.exec('BEGIN IMMEDIATE');
	return () => {
		other.exec('COMMIT');
		other.close();
	};
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('rooms', () => {
	it('a room left idle while its updates wait for the disk is not unloaded: a device joining then gets them', async () => {
		const { db, store } = openStore();
		const rooms = new Rooms({ store, idleUnloadMs: 1, compactEvery: 1000, log: silentLog });
		const release = holdWriteLock(db.name);
		try {
			const writer = { send: () => {} };
			const room = rooms.join('care:x', writer);
			const source = new Y.Doc();
			source.getMap('m').set('note', 'attended');
			expect(room.receive(writer, syncUpdate(Y.encodeStateAsUpdate(source)), true)).toBe('stored');
			rooms.leave(room, writer);
			await wait(30); // well past idleUnloadMs; the commit still waits for the lock
			expect(store.load('care:x')).toHaveLength(0);

			const replies: Uint8Array[] = [];
			const device = { send: (m: Uint8Array) => replies.push(m) };
			const again = rooms.join('care:x', device);
			again.receive(device, syncStep1(new Y.Doc()), false);
			const fresh = new Y.Doc();
			Y.applyUpdate(fresh, stepTwo(replies[0]));
			expect(fresh.getMap('m').get('note')).toBe('attended');
			expect(again.stateVector()).toEqual(Y.encodeStateVector(source));
		} finally {
			release();
		}
		await store.flushed();
		rooms.closeAll();
	});
});

function stepTwo(message: Uint8Array | undefined): Uint8Array {
	if (!message) throw new Error('no reply');
	const decoder = decoding.createDecoder(message);
	expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 1]);
	return decoding.readVarUint8Array(decoder);
}
