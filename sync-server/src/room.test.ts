import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import { openDatabase, type Db } from './db.ts';
import { silentLog } from './log.ts';
import { ProtocolError, Room } from './room.ts';
import { createSqliteStore, type DocumentStore } from './storage.ts';
import { syncStep1, syncUpdate, tempDir } from '../test/support.ts';

let db: Db | null = null;
let store: DocumentStore | null = null;
afterEach(async () => {
	await store?.close();
	db?.close();
});

function makeRoom(name = 'care:x') {
	db = openDatabase(tempDir());
	store = createSqliteStore(db);
	return { store, room: new Room(name, store, 1000, silentLog) };
}

describe('room', () => {
	it('queues an update to the store, forwards it to the other clients only, and serves it before it is committed', async () => {
		const { store, room } = makeRoom();
		const sent = new Map<string, Uint8Array[]>([['a', []], ['b', []]]);
		const a = { send: (m: Uint8Array) => sent.get('a')?.push(m) };
		const b = { send: (m: Uint8Array) => sent.get('b')?.push(m) };
		room.add(a);
		room.add(b);
		const doc = new Y.Doc();
		doc.getMap('m').set('k', 'v');
		expect(room.receive(a, syncUpdate(Y.encodeStateAsUpdate(doc)), true)).toBe('stored');
		expect(docOf(room.snapshot()).getMap('m').get('k')).toBe('v');
		await store.flushed();
		expect(store.load('care:x')).toHaveLength(1);
		expect(docOf(room.snapshot()).getMap('m').get('k')).toBe('v');
		expect(sent.get('a')).toHaveLength(0);
		expect(sent.get('b')).toHaveLength(1);
		room.destroy();
	});

	it('drops an update from a read-only client: not stored, not applied, not forwarded', async () => {
		const { store, room } = makeRoom();
		const forwarded: Uint8Array[] = [];
		const reader = { send: () => {} };
		const other = { send: (m: Uint8Array) => forwarded.push(m) };
		room.add(reader);
		room.add(other);
		const doc = new Y.Doc();
		doc.getMap('m').set('k', 'v');
		expect(room.receive(reader, syncUpdate(Y.encodeStateAsUpdate(doc)), false)).toBe('dropped');
		await store.flushed();
		expect(store.load('care:x')).toHaveLength(0);
		expect(docOf(room.snapshot()).getMap('m').size).toBe(0);
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

	it('answers from its stored bytes: step 1 carries their state vector, step 2 only what the client lacks', async () => {
		const { store } = makeRoom();
		const source = new Y.Doc();
		const updates: Uint8Array[] = [];
		source.on('update', (update: Uint8Array) => updates.push(update));
		source.getMap('m').set('a', 1);
		source.getMap('m').set('b', 2);
		for (const update of updates) store.append('care:x', update);
		await store.flushed();
		const room = new Room('care:x', store, 1000, silentLog);
		const replies: Uint8Array[] = [];
		const reader = { send: (m: Uint8Array) => replies.push(m) };
		room.add(reader);
		room.greet(reader);
		expect(syncPayload(replies[0], 0)).toEqual(Y.encodeStateVector(source));

		// a device that holds the first update gets the second only
		const device = new Y.Doc();
		Y.applyUpdate(device, updates[0] as Uint8Array);
		expect(room.receive(reader, syncStep1(device), false)).toBe('handled');
		const missing = syncPayload(replies[1], 1);
		expect(Y.decodeUpdate(missing).structs).toHaveLength(1);
		Y.applyUpdate(device, missing);
		expect(device.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });

		// a new device gets the stored bytes, merged
		expect(room.receive(reader, syncStep1(new Y.Doc()), false)).toBe('handled');
		const fresh = new Y.Doc();
		Y.applyUpdate(fresh, syncPayload(replies[2], 1));
		expect(fresh.getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
		room.destroy();
	});

	it('a write is stored and forwarded, and its state vector covers it', async () => {
		const { store } = makeRoom();
		const source = new Y.Doc();
		source.getMap('m').set('a', 1);
		store.append('care:x', Y.encodeStateAsUpdate(source));
		await store.flushed();
		const room = new Room('care:x', store, 1000, silentLog);
		const forwarded: Uint8Array[] = [];
		const writer = { send: () => {} };
		const other = { send: (m: Uint8Array) => forwarded.push(m) };
		room.add(writer);
		room.add(other);
		const before = Y.encodeStateVector(source);
		source.getMap('m').set('b', 2);
		expect(room.receive(writer, syncUpdate(Y.encodeStateAsUpdate(source, before)), true)).toBe('stored');
		expect(forwarded).toHaveLength(1);
		expect(room.stateVector()).toEqual(Y.encodeStateVector(source));
		await store.flushed();
		expect(store.load('care:x')).toHaveLength(2);
		expect(docOf(room.snapshot()).getMap('m').toJSON()).toEqual({ a: 1, b: 2 });
		room.destroy();
	});

	it('after a compaction its stored size is what the store holds: replaced values no longer count against the size limit', async () => {
		db = openDatabase(tempDir());
		store = createSqliteStore(db);
		const room = new Room('care:x', store, 5, silentLog);
		const writer = { send: () => {} };
		room.add(writer);
		const source = new Y.Doc();
		let appended = 0;
		for (let i = 0; i < 20; i++) {
			const before = Y.encodeStateVector(source);
			source.getMap('m').set('note', `draft ${i} `.repeat(50));
			const update = Y.encodeStateAsUpdate(source, before);
			appended += update.byteLength;
			room.receive(writer, syncUpdate(update), true);
			await store.flushed();
		}
		room.compact();
		await store.flushed();
		const held = store.load('care:x').reduce((sum, row) => sum + row.update.byteLength, 0);
		expect(held).toBeLessThan(appended / 4);
		// the next write is admitted against what is stored, not against every byte ever appended
		let admittedAt = -1;
		const sized = { send: () => {}, admit: (storedBytes: number) => void (admittedAt = storedBytes) };
		room.add(sized);
		const before = Y.encodeStateVector(source);
		source.getMap('m').set('note', 'final');
		room.receive(sized, syncUpdate(Y.encodeStateAsUpdate(source, before)), true);
		expect(admittedAt).toBe(held);
		room.destroy();
	});

	it('an update read back from the store before its commit is reported is counted once in the stored size', async () => {
		const { store, room } = makeRoom();
		const writer = { send: () => {} };
		room.add(writer);
		const source = new Y.Doc();
		source.getMap('m').set('note', 'x'.repeat(1000));
		const update = Y.encodeStateAsUpdate(source);
		room.receive(writer, syncUpdate(update), true);
		// the store posts what a turn queued once the turn is over
		await new Promise((resolve) => setImmediate(resolve));
		// the writer has committed, and this thread has not yet heard so: a step 1 now reads the row
		const sleeper = new Int32Array(new SharedArrayBuffer(4));
		while (store.load('care:x').length === 0) Atomics.wait(sleeper, 0, 0, 1);
		room.receive(writer, syncStep1(new Y.Doc()), false);
		expect(room.storedBytes).toBe(update.byteLength);
		await store.flushed();
		expect(room.storedBytes).toBe(update.byteLength);
		expect(docOf(room.snapshot()).getMap('m').get('note')).toBe('x'.repeat(1000));
		room.destroy();
	});

	it('an update that arrives before the one it builds on is stored but not claimed until the gap fills', () => {
		const { room } = makeRoom();
		const writer = { send: () => {} };
		room.add(writer);
		const source = new Y.Doc();
		const updates: Uint8Array[] = [];
		source.on('update', (update: Uint8Array) => updates.push(update));
		source.getMap('m').set('a', 1);
		source.getMap('m').set('b', 2);
		const claimed = () => Y.decodeStateVector(room.stateVector()).get(source.clientID) ?? 0;
		expect(room.receive(writer, syncUpdate(updates[1] as Uint8Array), true)).toBe('stored');
		expect(claimed()).toBe(0);
		expect(room.receive(writer, syncUpdate(updates[0] as Uint8Array), true)).toBe('stored');
		expect(room.stateVector()).toEqual(Y.encodeStateVector(source));
		room.destroy();
	});

	it('a room loaded over stored rows with a gap claims only what precedes it, and all once the gap fills', async () => {
		const { store } = makeRoom();
		const source = new Y.Doc();
		const updates: Uint8Array[] = [];
		source.on('update', (update: Uint8Array) => updates.push(update));
		for (const key of ['a', 'b', 'c']) source.getMap('m').set(key, key);
		store.append('care:x', updates[0] as Uint8Array);
		store.append('care:x', updates[2] as Uint8Array);
		await store.flushed();
		const room = new Room('care:x', store, 1000, silentLog);
		const writer = { send: () => {} };
		room.add(writer);
		expect(Y.decodeStateVector(room.stateVector()).get(source.clientID)).toBe(1);
		expect(room.receive(writer, syncUpdate(updates[1] as Uint8Array), true)).toBe('stored');
		expect(room.stateVector()).toEqual(Y.encodeStateVector(source));
		expect(docOf(room.snapshot()).getMap('m').toJSON()).toEqual({ a: 'a', b: 'b', c: 'c' });
		room.destroy();
	});

	it('random bytes never throw anything but ProtocolError, and never store garbage', async () => {
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
		await store.flushed();
		const fresh = new Y.Doc();
		for (const row of store.load('care:x')) Y.applyUpdate(fresh, row.update);
		room.destroy();
	});
});

function docOf(update: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return doc;
}

/** The payload of a sync message of the given subtype (0 step 1, 1 step 2). */
function syncPayload(message: Uint8Array | undefined, subtype: number): Uint8Array {
	if (!message) throw new Error('no message');
	const decoder = decoding.createDecoder(message);
	expect(decoding.readVarUint(decoder)).toBe(0);
	expect(decoding.readVarUint(decoder)).toBe(subtype);
	return decoding.readVarUint8Array(decoder);
}
