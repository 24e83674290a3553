/**
 * Devices that migrate the same old document while offline, and keep editing it,
 * end with the same data once every update has reached every device, whatever the
 * order and however often each update arrives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { putRecord } from '../../src/lib/doc/codec.ts';
import { checkIn, LOCAL_ORIGIN } from '../../src/lib/doc/commands.ts';
import { forReading, migrateDocument, type Migration, MIGRATIONS } from '../../src/lib/doc/migrate.ts';
import { readDocument } from '../../src/lib/doc/read.ts';
import { SCHEMA_VERSION } from '../../src/lib/doc/schema.ts';

const SEED = 20260309;
const RUNS = 150;

type Op = { type: 'migrate' } | { type: 'join'; minute: number } | { type: 'message'; n: number } | { type: 'old-app-message'; n: number };

interface Peer {
	name: string;
	doc: Y.Doc;
	updates: Uint8Array[];
	written: { presence: string[]; messages: string[] };
}

const messageId = (peer: string, n: number) => `msg-${peer}-${n}`;

function baseMessage(id: string, topic?: string) {
	return { id, updatedAt: '2026-03-09T12:00:00.000Z', updatedBy: 'alex', text: `note ${id}`, ...(topic ? { topic } : {}) };
}

/** The old document every peer starts from, written with raw Yjs as the older app did. */
function oldDocument(version: 0 | 1, presence: number, messages: number): Uint8Array {
	const doc = new Y.Doc();
	doc.clientID = 1;
	doc.transact(() => {
		if (version > 0) doc.getMap('meta').set('schemaVersion', version);
		for (let i = 0; i < presence; i++) {
			doc.getArray('presence').push([
				{ id: `base-join-${i}`, occurrenceId: 'evening@2026-03-09', type: 'join', at: `2026-03-09T22:${String(i).padStart(2, '0')}:00.000Z`, deviceId: 'phone' }
			]);
		}
		// version 0 wrote the topic (it is part of version 1); the version-1 fixture below pretends it did not
		for (let i = 0; i < messages; i++) doc.getMap('messages').set(`base-${i}`, baseMessage(`base-${i}`, version === 0 ? 'general' : undefined));
	});
	return Y.encodeStateAsUpdate(doc);
}

/** Test-only step, as a later version might add one: messages gain a required topic. */
const addTopic: Migration = {
	from: 1,
	why: 'test fixture: messages gained a required topic',
	upgradeRecord: (kind, collection, record) =>
		kind === 'self' && collection === 'messages' && typeof record === 'object' && record !== null && !('topic' in record)
			? { ...record, topic: 'general' }
			: record
};

interface World {
	base: 0 | 1;
	options: { migrations: readonly Migration[]; target: number };
}
const PRODUCTION: World = { base: 0, options: { migrations: MIGRATIONS, target: 1 } };
const FIXTURE_V2: World = { base: 1, options: { migrations: [...MIGRATIONS, addTopic], target: 2 } };

function apply(world: World, peer: Peer, op: Op): void {
	const { doc } = peer;
	switch (op.type) {
		case 'migrate':
			migrateDocument(doc, 'self', { canWrite: true, ...world.options });
			return;
		case 'join': {
			const write = () =>
				checkIn(doc, { occurrenceId: 'evening@2026-03-09', at: `2026-03-09T23:${String(op.minute).padStart(2, '0')}:00.000Z`, deviceId: peer.name });
			// this app's commands refuse a document a newer app (here, the v2 fixture) has stamped
			const version = doc.getMap('meta').get('schemaVersion');
			if (typeof version === 'number' && version > SCHEMA_VERSION) {
				expect(write).toThrow(/newer version of Steady/);
				return;
			}
			peer.written.presence.push(write());
			return;
		}
		case 'message': {
			// this app version: a valid record, in one local transaction
			const id = messageId(peer.name, op.n);
			doc.transact(() => putRecord(doc, 'self', 'messages', { ...baseMessage(id), topic: 'technical-trouble' }), LOCAL_ORIGIN);
			peer.written.messages.push(id);
			return;
		}
		case 'old-app-message': {
			// an app still on the base version writes the base shape and stamps its own version
			const id = messageId(peer.name, op.n);
			doc.transact(() => {
				doc.getMap('messages').set(id, baseMessage(id, world.base === 0 ? 'general' : undefined));
				if (world.base > 0) doc.getMap('meta').set('schemaVersion', world.base);
			});
			peer.written.messages.push(id);
			return;
		}
	}
}

const op: fc.Arbitrary<Op> = fc.oneof(
	{ arbitrary: fc.constant({ type: 'migrate' as const }), weight: 3 },
	{ arbitrary: fc.record({ type: fc.constant('join' as const), minute: fc.integer({ min: 0, max: 59 }) }), weight: 2 },
	{ arbitrary: fc.record({ type: fc.constant('message' as const), n: fc.nat(5) }), weight: 2 },
	{ arbitrary: fc.record({ type: fc.constant('old-app-message' as const), n: fc.nat(5) }), weight: 1 }
);

const scenario = fc.record({
	presence: fc.integer({ min: 0, max: 5 }),
	messages: fc.integer({ min: 1, max: 5 }),
	peers: fc.array(fc.array(op, { maxLength: 6 }), { minLength: 2, maxLength: 3 }),
	/** delivery: sort keys for the shuffled updates, and which ones arrive twice */
	order: fc.array(fc.nat(), { minLength: 40, maxLength: 40 }),
	duplicates: fc.array(fc.nat(), { maxLength: 8 })
});

/** Map collections list in the order this copy learned their keys: compare by id. */
function comparable(doc: Y.Doc, world: World) {
	const data = readDocument(forReading(doc, 'self', world.options), 'self') as unknown as Record<string, unknown>;
	const sorted = Object.fromEntries(
		Object.entries(data).map(([key, value]) => [
			key,
			Array.isArray(value) ? [...(value as Array<Record<string, unknown>>)].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))) : value
		])
	);
	return { ...sorted, schemaVersion: doc.getMap('meta').get('schemaVersion') };
}

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function run(world: World, input: Scenario) {
	const base = oldDocument(world.base, input.presence, input.messages);
	const peers: Peer[] = input.peers.map((_, index) => {
		const doc = new Y.Doc();
		doc.clientID = 100 + index; // seeded runs replay exactly
		Y.applyUpdate(doc, base);
		const peer: Peer = { name: `p${index}`, doc, updates: [], written: { presence: [], messages: [] } };
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== 'remote') peer.updates.push(update);
		});
		return peer;
	});

	// offline: each peer migrates and edits on its own
	input.peers.forEach((ops, index) => ops.forEach((o) => apply(world, peers[index]!, o)));

	// back online: every update reaches every other peer, shuffled, some twice
	for (const [index, peer] of peers.entries()) {
		const incoming = peers.filter((other) => other !== peer).flatMap((other) => other.updates);
		const withDuplicates = [...incoming, ...input.duplicates.filter(() => incoming.length > 0).map((n) => incoming[n % incoming.length]!)];
		const keyed = withDuplicates.map((update, i) => ({ update, key: input.order[(i + index * 7) % input.order.length]! * 1000 + i }));
		keyed.sort((a, b) => a.key - b.key);
		for (const { update } of keyed) Y.applyUpdate(peer.doc, update, 'remote');
	}

	const results = peers.map((peer) => comparable(peer.doc, world));
	for (const result of results.slice(1)) expect(result).toEqual(results[0]);
	const vectors = peers.map((peer) => Y.encodeStateVector(peer.doc));
	for (const vector of vectors.slice(1)) expect(vector).toEqual(vectors[0]);

	// nothing lost, nothing doubled, everything valid in the app's shape
	const merged = readDocument(forReading(peers[0]!.doc, 'self', world.options), 'self');
	expect(merged.invalid).toEqual([]);
	const presenceIds = merged.presence.map((event) => event.id);
	const expectedPresence = [...Array.from({ length: input.presence }, (_, i) => `base-join-${i}`), ...peers.flatMap((p) => p.written.presence)];
	expect([...presenceIds].sort()).toEqual([...expectedPresence].sort());
	const messageIds = merged.messages.map((message) => message.id).sort();
	const expectedMessages = new Set([...Array.from({ length: input.messages }, (_, i) => `base-${i}`), ...peers.flatMap((p) => p.written.messages)]);
	expect(messageIds).toEqual([...expectedMessages].sort());

	// the next writer to open the merged document brings the stored data itself up to date
	const next = peers[0]!.doc;
	migrateDocument(next, 'self', { canWrite: true, ...world.options });
	expect(next.getMap('meta').get('schemaVersion')).toBe(world.options.target);
	expect(readDocument(next, 'self').invalid).toEqual([]);
	expect(comparable(next, world)).toEqual({ ...results[0], schemaVersion: world.options.target });
}

describe('concurrent offline migrations converge', () => {
	it('v0 -> v1 (the shipped migration): peers stamping and checking in offline end identical', () => {
		fc.assert(
			fc.property(scenario, (input) => run(PRODUCTION, input)),
			{ seed: SEED, numRuns: RUNS }
		);
	});

	it('a data-changing step (test fixture v1 -> v2) rewritten on several peers at once leaves no duplicates and no old shapes', () => {
		fc.assert(
			fc.property(scenario, (input) => run(FIXTURE_V2, input)),
			{ seed: SEED + 1, numRuns: RUNS }
		);
	});

	it('two peers migrating the same records offline write equal values, so the merge is equal whichever wins', () => {
		const base = oldDocument(1, 2, 3);
		const [a, b] = [7, 3].map((clientID) => {
			const doc = new Y.Doc();
			doc.clientID = clientID;
			Y.applyUpdate(doc, base);
			migrateDocument(doc, 'self', { canWrite: true, ...FIXTURE_V2.options });
			return doc;
		}) as [Y.Doc, Y.Doc];
		Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
		Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
		expect(a.getArray('presence').length).toBe(2);
		expect(a.getMap('messages').size).toBe(3);
		expect(a.getMap('messages').toJSON()).toEqual(b.getMap('messages').toJSON());
		expect(readDocument(a, 'self').invalid).toEqual([]);
		expect(a.getMap('meta').get('schemaVersion')).toBe(2);
	});
});
