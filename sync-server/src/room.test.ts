import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { openDatabase, type Db } from './db.ts';
import { silentLog } from './log.ts';
import { ProtocolError, Room } from './room.ts';
import { createSqliteStore } from './storage.ts';
import { syncStep1, syncUpdate, tempDir } from '../test/support.ts';

let db: Db | null = null;
afterEach(() => db?.close());

function makeRoom(name = 'care:x') {
	db = openDatabase(tempDir());
	const store = createSqliteStore(db);
	return { store, room: new Room(name, store, 1000, silentLog) };
}

describe('room', () => {
	it('stores an update before it is applied and forwards it to the other clients only', () => {
		const { store, room } = makeRoom();
		const sent = new Map<string, Uint8Array[]>([['a', []], ['b', []]]);
		const a = { send: (m: Uint8Array) => sent.get('a')?.push(m) };
		const b = { send: (m: Uint8Array) => sent.get('b')?.push(m) };
		room.add(a);
		room.add(b);
		const doc = new Y.Doc();
		doc.getMap('m').set('k', 'v');
		expect(room.receive(a, syncUpdate(Y.encodeStateAsUpdate(doc)), true)).toBe('stored');
		expect(store.load('care:x')).toHaveLength(1);
		expect(room.doc.getMap('m').get('k')).toBe('v');
		expect(sent.get('a')).toHaveLength(0);
		expect(sent.get('b')).toHaveLength(1);
		room.destroy();
	});

	it('drops an update from a read-only client: not stored, not applied, not forwarded', () => {
		const { store, room } = makeRoom();
		const forwarded: Uint8Array[] = [];
		const reader = { send: () => {} };
		const other = { send: (m: Uint8Array) => forwarded.push(m) };
		room.add(reader);
		room.add(other);
		const doc = new Y.Doc();
		doc.getMap('m').set('k', 'v');
		expect(room.receive(reader, syncUpdate(Y.encodeStateAsUpdate(doc)), false)).toBe('dropped');
		expect(store.load('care:x')).toHaveLength(0);
		expect(room.doc.getMap('m').size).toBe(0);
		expect(forwarded).toHaveLength(0);
		room.destroy();
	});

	it('answers step 1 with step 2 for a read-only client too', () => {
		const { room } = makeRoom();
		const replies: Uint8Array[] = [];
		const reader = { send: (m: Uint8Array) => replies.push(m) };
		room.add(reader);
		expect(room.receive(reader, syncStep1(new Y.Doc()), false)).toBe('handled');
		expect(Array.from(replies[0]?.slice(0, 2) ?? [])).toEqual([0, 1]);
		room.destroy();
	});

	it('random bytes never throw anything but ProtocolError, and never store garbage', () => {
		const { store, room } = makeRoom();
		const client = { send: () => {} };
		room.add(client);
		const message = fc.oneof(
			fc.uint8Array({ maxLength: 64 }),
			fc.uint8Array({ maxLength: 64 }).map((tail) => new Uint8Array([0, 1, ...tail])),
			fc.uint8Array({ maxLength: 64 }).map((tail) => new Uint8Array([0, 2, ...tail])),
			fc.uint8Array({ maxLength: 64 }).map((tail) => new Uint8Array([0, 0, ...tail])),
			fc.uint8Array({ maxLength: 64 }).map((tail) => new Uint8Array([1, ...tail]))
		);
		fc.assert(
			fc.property(message, fc.boolean(), (bytes, canWrite) => {
				try {
					room.receive(client, bytes, canWrite);
				} catch (error) {
					if (!(error instanceof ProtocolError)) throw error;
				}
			}),
			{ numRuns: 2000 }
		);
		// whatever was stored must load cleanly into a fresh doc
		const fresh = new Y.Doc();
		for (const row of store.load('care:x')) Y.applyUpdate(fresh, row.update);
		room.destroy();
	});
});
