import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DeviceConnection, DocumentStatus } from './connection.ts';
import { documentVersion, forReading, migrateDocument, MIGRATION_ORIGIN, type Migration, MIGRATIONS } from './migrate.ts';
import { readDocument } from './read.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { Workspace } from './workspace.ts';

const join = { id: '01J0000000000000000000000A', occurrenceId: 'evening@2026-03-09', type: 'join', at: '2026-03-09T22:01:00.000Z', deviceId: 'phone' };
const message = {
	id: '01J0000000000000000000000M',
	updatedAt: '2026-03-09T12:00:00.000Z',
	updatedBy: 'alex',
	text: 'running late tonight',
	topic: 'general'
};

/** A self document as the app wrote it before commands stamped a version: raw Yjs, no meta. */
function unversionedSelf(): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		doc.getArray('presence').push([join]);
		doc.getMap('messages').set(message.id, message);
	});
	return doc;
}

function updatesOf(doc: Y.Doc): Array<{ origin: unknown }> {
	const seen: Array<{ origin: unknown }> = [];
	doc.on('update', (_update: Uint8Array, origin: unknown) => seen.push({ origin }));
	return seen;
}

/**
 * A test-only step, as a later app version might add one: version 1 had care-team
 * messages without a topic; version 2 requires it and files old ones under 'general'.
 */
const addTopic: Migration = {
	from: 1,
	why: 'test fixture: messages gained a required topic',
	upgradeRecord: (kind, collection, record) =>
		kind === 'self' && collection === 'messages' && isObject(record) && !('topic' in record) ? { ...record, topic: 'general' } : record
};
const toV2 = { migrations: [...MIGRATIONS, addTopic], target: 2 };

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function v1SelfWithoutTopic(): Y.Doc {
	const doc = new Y.Doc();
	doc.transact(() => {
		doc.getMap('meta').set('schemaVersion', 1);
		doc.getArray('presence').push([join]);
		const { topic: _topic, ...old } = message;
		doc.getMap('messages').set(old.id, old);
		doc.getMap('messages').set('01J0000000000000000000000N', { ...message, id: '01J0000000000000000000000N', topic: 'technical-trouble' });
	});
	return doc;
}

describe('migrating a document on open', () => {
	it('a writer stamps an unversioned document with the current version and keeps every record', () => {
		const doc = unversionedSelf();
		const before = readDocument(doc, 'self');
		const updates = updatesOf(doc);
		expect(documentVersion(doc, 'self')).toMatchObject({ version: 0, outdated: true, tooNew: false });

		expect(migrateDocument(doc, 'self', { canWrite: true })).toEqual({ outcome: 'migrated', from: 0, to: SCHEMA_VERSION });
		expect(doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
		expect(readDocument(doc, 'self')).toEqual(before);
		expect(before.invalid).toEqual([]);
		expect(updates).toEqual([{ origin: MIGRATION_ORIGIN }]);
	});

	it('migrating twice writes nothing the second time', () => {
		const doc = unversionedSelf();
		migrateDocument(doc, 'self', { canWrite: true });
		const updates = updatesOf(doc);
		expect(migrateDocument(doc, 'self', { canWrite: true })).toEqual({ outcome: 'current', version: SCHEMA_VERSION });
		expect(updates).toEqual([]);
	});

	it('a reader never migrates, and still reads the outdated document', () => {
		const doc = v1SelfWithoutTopic();
		const state = Y.encodeStateAsUpdate(doc);
		expect(migrateDocument(doc, 'self', { canWrite: false, ...toV2 })).toEqual({ outcome: 'read-only', version: 1 });
		expect(Y.encodeStateAsUpdate(doc)).toEqual(state);

		const readable = readDocument(forReading(doc, 'self', toV2), 'self');
		expect(readable.invalid).toEqual([]);
		expect(readable.messages.map((m) => m.topic).sort()).toEqual(['general', 'technical-trouble']);
		expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
		expect(doc.getMap('meta').get('schemaVersion')).toBe(1);
	});

	it('without the upgrade, the old record would be reported invalid (so the read-time upgrade is needed)', () => {
		const result = readDocument(v1SelfWithoutTopic(), 'self');
		expect(result.invalid).toEqual([{ collection: 'messages', key: message.id, problem: expect.stringMatching(/^topic: /) as string }]);
	});

	it('a document written by a newer app is reported and left untouched, even by a writer', () => {
		const doc = unversionedSelf();
		doc.getMap('meta').set('schemaVersion', SCHEMA_VERSION + 1);
		const updates = updatesOf(doc);
		expect(documentVersion(doc, 'self')).toMatchObject({ tooNew: true, outdated: false });
		expect(migrateDocument(doc, 'self', { canWrite: true })).toEqual({ outcome: 'too-new', version: SCHEMA_VERSION + 1 });
		expect(forReading(doc, 'self')).toBe(doc);
		expect(updates).toEqual([]);
	});

	it('an empty document is not stamped: the first command does that', () => {
		const doc = new Y.Doc();
		const updates = updatesOf(doc);
		expect(migrateDocument(doc, 'care', { canWrite: true })).toEqual({ outcome: 'empty', version: 0 });
		expect(updates).toEqual([]);
	});

	it('runs every step from the stored version in one transaction, rewriting only records that change', () => {
		const doc = unversionedSelf();
		const { topic: _topic, ...old } = message;
		doc.getMap('messages').set(old.id, old);
		const current = { ...message, id: '01J0000000000000000000000N', topic: 'technical-trouble' };
		doc.getMap('messages').set(current.id, current);
		const changedKeys: string[] = [];
		doc.getMap('messages').observe((event) => changedKeys.push(...event.keysChanged));
		const updates = updatesOf(doc);

		expect(migrateDocument(doc, 'self', { canWrite: true, ...toV2 })).toEqual({ outcome: 'migrated', from: 0, to: 2 });
		expect(updates).toEqual([{ origin: MIGRATION_ORIGIN }]);
		expect(changedKeys).toEqual([old.id]);
		expect(doc.getMap('meta').get('schemaVersion')).toBe(2);
		expect(doc.getArray('presence').toArray()).toEqual([join]);
		expect(readDocument(doc, 'self').invalid).toEqual([]);
	});

	it('an old-shaped record under the new stamp (an old app wrote concurrently) is still upgraded', () => {
		const doc = v1SelfWithoutTopic();
		doc.getMap('meta').set('schemaVersion', 2);
		expect(readDocument(forReading(doc, 'self', toV2), 'self').invalid).toEqual([]);
		expect(migrateDocument(doc, 'self', { canWrite: false, ...toV2 })).toEqual({ outcome: 'read-only', version: 2 });
		expect(migrateDocument(doc, 'self', { canWrite: true, ...toV2 })).toEqual({ outcome: 'migrated', from: 2, to: 2 });
		expect(readDocument(doc, 'self').invalid).toEqual([]);
		expect(migrateDocument(doc, 'self', { canWrite: true, ...toV2 })).toEqual({ outcome: 'current', version: 2 });
	});

	it('a missing step is an error that says where to add it', () => {
		const doc = v1SelfWithoutTopic();
		expect(() => migrateDocument(doc, 'self', { canWrite: true, target: 2 })).toThrow(
			'No migration from schema version 1: add one to MIGRATIONS in src/lib/doc/migrate.ts'
		);
	});
});

describe('the workspace migrates a document it opens', () => {
	function fakeConnection(status: DocumentStatus) {
		const listeners = new Set<() => void>();
		const connection = {
			attach: () => {},
			detach: () => {},
			status: () => status,
			subscribe: (listener: () => void) => {
				listeners.add(listener);
				return () => listeners.delete(listener);
			}
		};
		const emit = () => listeners.forEach((listener) => listener());
		return { connection: connection as unknown as DeviceConnection, emit, listeners };
	}

	async function openUnversioned(status: DocumentStatus) {
		const fake = fakeConnection(status);
		const workspace = new Workspace({ userId: 'u1', connection: fake.connection, persist: false });
		const open = workspace.open(status.name);
		Y.applyUpdate(open.doc, Y.encodeStateAsUpdate(unversionedSelf()));
		await open.loaded;
		return { ...fake, workspace, doc: open.doc };
	}

	it('only once the server said "write" and its copy has arrived', async () => {
		const status: DocumentStatus = { name: 'self:alex', access: null, synced: false, unstored: 0, denied: null };
		const { doc, emit, listeners, workspace } = await openUnversioned(status);
		expect(doc.getMap('meta').get('schemaVersion')).toBeUndefined();
		status.access = 'write';
		emit();
		expect(doc.getMap('meta').get('schemaVersion')).toBeUndefined();
		status.synced = true;
		emit();
		expect(doc.getMap('meta').get('schemaVersion')).toBe(SCHEMA_VERSION);
		expect(listeners.size).toBe(0);
		workspace.closeAll();
	});

	it('never on a read-only connection', async () => {
		const status: DocumentStatus = { name: 'care:alex', access: 'read', synced: true, unstored: 0, denied: null };
		const fake = fakeConnection(status);
		const workspace = new Workspace({ userId: 'u1', connection: fake.connection, persist: false });
		const open = workspace.open('care:alex');
		open.doc.getMap('leaves').set('l1', { reason: 'approved' });
		await open.loaded;
		fake.emit();
		expect(open.doc.getMap('meta').get('schemaVersion')).toBeUndefined();
		workspace.close('care:alex');
		await new Promise((resolve) => setTimeout(resolve));
		expect(fake.listeners.size).toBe(0);
	});
});
