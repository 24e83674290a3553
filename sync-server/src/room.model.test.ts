/**
 * A model test of rooms over the real store: random interleavings of writers'
 * edits (sent late, twice, or before what they depend on), readers' step 1 with
 * partial state, compactions, flushes and idle unloads. The model is every update
 * the room has received; the room must answer as a reader of all of them would.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { openDatabase, type Db } from './db.ts';
import { silentLog } from './log.ts';
import type { RoomClient } from './room.ts';
import { Rooms } from './rooms.ts';
import { createSqliteStore, type DocumentStore } from './storage.ts';
import { syncStep1, syncUpdate, tempDir } from '../test/support.ts';

const NAME = 'care:model';
const WRITERS = 3;

type Action =
	| { t: 'edit'; w: number; kind: 'set' | 'unset' | 'push' | 'cut'; key: number; value: number }
	| { t: 'send'; w: number; pick: number; keep: boolean }
	| { t: 'resend'; pick: number }
	| { t: 'pull'; w: number }
	| { t: 'step1'; mask: number }
	| { t: 'compact' }
	| { t: 'flush' }
	| { t: 'unload' };

const action: fc.Arbitrary<Action> = fc.oneof(
	{ weight: 5, arbitrary: fc.record({ t: fc.constant('edit' as const), w: fc.nat(WRITERS - 1), kind: fc.constantFrom('set' as const, 'unset' as const, 'push' as const, 'cut' as const), key: fc.nat(3), value: fc.nat(99) }) },
	{ weight: 5, arbitrary: fc.record({ t: fc.constant('send' as const), w: fc.nat(WRITERS - 1), pick: fc.nat(), keep: fc.boolean() }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('resend' as const), pick: fc.nat() }) },
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('pull' as const), w: fc.nat(WRITERS - 1) }) },
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('step1' as const), mask: fc.nat() }) },
	{ weight: 1, arbitrary: fc.constant({ t: 'compact' as const }) },
	{ weight: 1, arbitrary: fc.constant({ t: 'flush' as const }) },
	{ weight: 1, arbitrary: fc.constant({ t: 'unload' as const }) }
);

const open: Array<{ db: Db; store: DocumentStore }> = [];
afterEach(async () => {
	for (const { db, store } of open.splice(0)) {
		await store.close();
		db.close();
	}
});

// one database for all runs (opening one per run costs more than the run); each run its own document
const shared = (() => {
	let opened: { db: Db; store: DocumentStore } | null = null;
	return () => {
		if (!opened) {
			const db = openDatabase(tempDir());
			opened = { db, store: createSqliteStore(db) };
			open.push(opened);
		}
		return opened.store;
	};
})();

let runs = 0;

async function run(actions: Action[], compactEvery: number): Promise<void> {
	const store = shared();
	const name = `${NAME}-${runs++}`;
	const rooms = new Rooms({ store, idleUnloadMs: 0, compactEvery, log: silentLog });
	const writer: RoomClient = { send: () => {} };
	const reader: RoomClient & { replies: Uint8Array[] } = { replies: [], send: (m) => reader.replies.push(m) };
	// a connected device: synced on each join, then kept current by what the room forwards
	const live = new Y.Doc();
	const device: RoomClient = {
		send: (message) => {
			const decoder = decoding.createDecoder(message);
			if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) === 0) return;
			Y.applyUpdate(live, decoding.readVarUint8Array(decoder));
		}
	};
	let room = rooms.join(name, writer);
	rooms.join(name, reader);
	const connect = () => {
		rooms.join(name, device);
		room.receive(device, syncStep1(live), false);
	};
	connect();

	const docs = Array.from({ length: WRITERS }, (_, i) => {
		const doc = new Y.Doc();
		doc.clientID = 1000 + i;
		return doc;
	});
	const outbox: Uint8Array[][] = docs.map(() => []);
	docs.forEach((doc, i) => doc.on('update', (update: Uint8Array, origin: unknown) => origin === 'local' && outbox[i]?.push(update)));
	const received: Uint8Array[] = [];
	const late: string[] = [];

	const receive = (update: Uint8Array) => {
		received.push(update);
		expect(room.receive(writer, syncUpdate(update), true)).toBe('stored');
		// STORED: what this state vector covers is in the store once whenDurable calls back
		const claimed = room.stateVector();
		store.whenDurable(() => {
			const stored = stateOf(store.load(name).map((row) => row.update));
			for (const [client, clock] of Y.decodeStateVector(claimed)) {
				if ((stored.get(client) ?? 0) < clock) late.push(`client ${client}: STORED claims ${clock}, the store holds ${stored.get(client) ?? 0}`);
			}
		});
	};

	const step1 = (stateVector: Uint8Array): Uint8Array => {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, 0);
		encoding.writeVarUint(encoder, 0);
		encoding.writeVarUint8Array(encoder, stateVector);
		reader.replies.length = 0;
		expect(room.receive(reader, encoding.toUint8Array(encoder), false)).toBe('handled');
		const decoder = decoding.createDecoder(reader.replies[0] as Uint8Array);
		decoding.readVarUint(decoder);
		expect(decoding.readVarUint(decoder)).toBe(1);
		return decoding.readVarUint8Array(decoder);
	};

	for (const a of actions) {
		switch (a.t) {
			case 'edit': {
				const doc = docs[a.w] as Y.Doc;
				doc.transact(() => {
					const map = doc.getMap('m');
					const list = doc.getArray('a');
					if (a.kind === 'set') map.set(`k${a.key}`, a.value);
					else if (a.kind === 'unset') map.delete(`k${a.key}`);
					else if (a.kind === 'push') list.push([a.value]);
					else if (list.length > 0) list.delete(a.key % list.length, 1);
				}, 'local');
				break;
			}
			case 'send': {
				const box = outbox[a.w] as Uint8Array[];
				if (box.length === 0) break;
				const index = a.pick % box.length;
				const update = box[index] as Uint8Array;
				if (!a.keep) box.splice(index, 1);
				receive(update);
				break;
			}
			case 'resend':
				if (received.length > 0) receive(received[a.pick % received.length] as Uint8Array);
				break;
			case 'pull': {
				const doc = docs[a.w] as Y.Doc;
				Y.applyUpdate(doc, step1(Y.encodeStateVector(doc)), 'remote');
				break;
			}
			case 'step1': {
				// a device holding some of what was received (integrated or waiting)
				const device = new Y.Doc();
				received.forEach((update, i) => (a.mask >> i) & 1 && Y.applyUpdate(device, update));
				Y.applyUpdate(device, step1(Y.encodeStateVector(device)));
				expect(contentOf(device)).toEqual(contentOf(docOf(received)));
				break;
			}
			case 'compact':
				room.compact();
				break;
			case 'flush': {
				await store.flushed();
				expect(late).toEqual([]);
				expect(contentOf(docOf(store.load(name).map((row) => row.update)))).toEqual(contentOf(docOf(received)));
				break;
			}
			case 'unload': {
				// what rooms.ts does when the last client leaves: unload after idleUnloadMs, load again on join
				rooms.leave(room, writer);
				rooms.leave(room, reader);
				rooms.leave(room, device);
				await new Promise((resolve) => setTimeout(resolve, 2));
				room = rooms.join(name, writer);
				rooms.join(name, reader);
				connect();
				break;
			}
		}
		expect(vectorOf(room.stateVector())).toEqual(vectorOf(Y.encodeStateVectorFromUpdate(mergeAll(received))));
		expect(contentOf(live)).toEqual(contentOf(docOf(received)));
	}
	await store.flushed();
	expect(late).toEqual([]);
	expect(contentOf(docOf(store.load(name).map((row) => row.update)))).toEqual(contentOf(docOf(received)));
	expect(contentOf(docOf([room.snapshot()]))).toEqual(contentOf(docOf(received)));
	rooms.closeAll();
}

describe('rooms over the real store (model)', () => {
	it('state vector, stored content, step 2 answers and STORED agree with every update received', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(action, { minLength: 5, maxLength: 40, size: 'max' }), fc.integer({ min: 2, max: 30 }), (actions, compactEvery) => run(actions, compactEvery)),
			{ numRuns: 200 }
		);
	}, 60_000);
});

function mergeAll(updates: Uint8Array[]): Uint8Array {
	return updates.length === 0 ? Y.encodeStateAsUpdate(new Y.Doc()) : Y.mergeUpdates(updates);
}

function stateOf(updates: Uint8Array[]): Map<number, number> {
	return Y.decodeStateVector(Y.encodeStateVectorFromUpdate(mergeAll(updates)));
}

function vectorOf(stateVector: Uint8Array): Array<[number, number]> {
	return Array.from(Y.decodeStateVector(stateVector)).sort((x, y) => x[0] - y[0]);
}

function docOf(updates: Uint8Array[]): Y.Doc {
	const doc = new Y.Doc();
	for (const update of updates) Y.applyUpdate(doc, update);
	return doc;
}

function contentOf(doc: Y.Doc) {
	return { m: doc.getMap('m').toJSON(), a: doc.getArray('a').toJSON() };
}
