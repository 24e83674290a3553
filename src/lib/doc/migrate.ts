/**
 * Forward migrations of a document's Yjs content (DESIGN §2: "each document holds
 * meta.schemaVersion; migrations run forward on open").
 *
 * Who migrates: only a device that may write the document, once it has the
 * server's copy (the workspace calls `migrateDocument` when the connection reports
 * access 'write' and the first sync is done). A reader never migrates: the server
 * drops its edits, and a version stamp it wrote locally would lie about its copy.
 * A reader (or a writer before its first sync) reads an outdated document through
 * `forReading`, which migrates an in-memory copy with the very same steps.
 *
 * A document stamped with a version newer than this app knows is never migrated,
 * and the app must not write it: `documentVersion(doc).tooNew` tells the UI to say
 * "This document was written by a newer version of Steady; update the app".
 *
 * The rules every step follows, so that devices migrating the same document
 * concurrently, offline, end with the same data once they merge:
 *
 * 1. Pure and deterministic: the output depends only on the document's content,
 *    never on the clientID, the clock, randomness or the device.
 * 2. Idempotent: `upgradeRecord` returns unchanged (deep-equal) every record it does
 *    not recognise as the shape it upgrades, including newer shapes, so running it
 *    twice, or on a copy that merged someone else's migration, writes nothing.
 *    Records are rewritten only when the upgrade changes them.
 * 6. The stamp does not vouch for the records: an app still on the old version that
 *    writes while (not after) another device migrates leaves an old-shaped record
 *    under the new stamp once the two merge (the convergence test found this). So
 *    record upgrades of every step run on every migration and every read-time
 *    upgrade, whatever the stamp says; only `upgradeDoc` runs by version.
 * 3. Map collections and settings only are rewritten in place: two devices setting
 *    the same key to the same JSON make two Yjs items, but the winner is chosen the
 *    same way everywhere and the values are equal, so the merged data is equal.
 * 4. Log collections (Y.Array) are never rewritten: deleting an element and inserting
 *    its upgraded form on two devices leaves two copies after the merge. A step that
 *    must change the shape of log records writes them into a new map collection keyed
 *    by record id (same key, same value on every device) and the schema reads that.
 * 5. One transaction per migration run, with MIGRATION_ORIGIN, so observers (and the
 *    pending-change count) can tell it from the user's own edits.
 *
 * Known limit, by construction of last-writer-wins maps: a rewrite of a record races
 * with a concurrent edit of that same record on another device, and the merge keeps
 * one of the two. So a step rewrites as few records as it can.
 *
 * The migrations this app ships:
 *
 * - v0 -> v1: a document with content but no `meta.schemaVersion` (written before
 *   commands stamped it, or by a tool writing raw Yjs) is stamped version 1. The
 *   records need no change: version 1 is the shape `records.ts` has validated from
 *   the start, and an invalid record is reported by the read adapters, never
 *   "repaired" here (a guess would be invented data). SCHEMA_VERSION stays 1 until
 *   the data genuinely changes shape; the next change adds a step `from: 1` here.
 */
import * as Y from 'yjs';
import type { DocumentKind } from '../domain/document-names.ts';
import { COLLECTIONS, META, SCHEMA_VERSION, SETTINGS } from './schema.ts';

export const MIGRATION_ORIGIN = Symbol('steady:migration');

export interface Migration {
	/** the version this step reads; it writes `from + 1` */
	from: number;
	/** why the data changed, for the next reader of this file */
	why: string;
	/**
	 * A record (or setting) as version `from` wrote it -> as version `from + 1` writes it.
	 * Pure and idempotent; return the record unchanged when there is nothing to do.
	 * Applied to map collections and settings only (rule 4).
	 */
	upgradeRecord?: (kind: DocumentKind, collection: string, record: unknown) => unknown;
	/** Structural changes (e.g. a log copied into a map keyed by id); same rules. */
	upgradeDoc?: (doc: Y.Doc, kind: DocumentKind) => void;
}

export const MIGRATIONS: readonly Migration[] = [
	{ from: 0, why: 'unversioned documents are stamped; their records already have the version 1 shape' }
];

export interface DocumentVersion {
	/** meta.schemaVersion, or 0 when the document has none (or a value that is not a version) */
	version: number;
	/** the version this app writes */
	current: number;
	/** written by a newer app: do not migrate, do not write, ask the user to update */
	tooNew: boolean;
	/** older than this app's version and has content: a writer should migrate it */
	outdated: boolean;
	/** no content at all: nothing to migrate; the first command stamps it */
	empty: boolean;
}

export type MigrationResult =
	| { outcome: 'current' | 'empty'; version: number }
	| { outcome: 'migrated'; from: number; to: number }
	/** outdated (or holding old-shaped records), but this device may not write it: read it through `forReading` */
	| { outcome: 'read-only'; version: number }
	| { outcome: 'too-new'; version: number };

export interface MigrateOptions {
	/** true only when the connection reports access 'write' for this document */
	canWrite: boolean;
	/** for tests; the app uses MIGRATIONS and SCHEMA_VERSION */
	migrations?: readonly Migration[];
	target?: number;
}

export function documentVersion(doc: Y.Doc, kind: DocumentKind, current: number = SCHEMA_VERSION): DocumentVersion {
	const raw = doc.getMap(META).get('schemaVersion');
	const version = typeof raw === 'number' && Number.isSafeInteger(raw) && raw >= 0 ? raw : 0;
	const empty = !hasContent(doc, kind);
	return { version, current, tooNew: version > current, outdated: version < current && !empty, empty };
}

/**
 * Brings a writable document up to the app's version in one transaction. Reports,
 * and leaves untouched, a document that is current, empty, too new, or not ours to write.
 */
export function migrateDocument(doc: Y.Doc, kind: DocumentKind, options: MigrateOptions): MigrationResult {
	const plan = planFor(doc, kind, options);
	if (plan.outcome) return plan.outcome;
	if (!options.canWrite) return { outcome: 'read-only', version: plan.version };
	doc.transact(() => {
		for (const step of plan.structural) step.upgradeDoc?.(doc, kind);
		for (const [map, key, upgraded] of staleRecords(doc, kind, plan.recordSteps)) map.set(key, upgraded);
		const meta = doc.getMap(META);
		if (meta.get('schemaVersion') !== plan.target) meta.set('schemaVersion', plan.target);
	}, MIGRATION_ORIGIN);
	return { outcome: 'migrated', from: plan.version, to: plan.target };
}

/**
 * The document to hand to the read adapters: the document itself when nothing needs
 * upgrading (or it is too new, or empty), else an in-memory copy migrated with the
 * same steps. The copy is never attached or persisted, so a reader stamps nothing.
 * Copying costs time proportional to the document; it happens only while old data
 * is present, until a writer migrates it. Views call
 * `readDocument(forReading(doc, kind), kind)`.
 */
export function forReading(doc: Y.Doc, kind: DocumentKind, options: Omit<MigrateOptions, 'canWrite'> = {}): Y.Doc {
	const plan = planFor(doc, kind, options);
	if (plan.outcome || (plan.structural.every((step) => !step.upgradeDoc) && plan.stale === 0)) return doc;
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	migrateDocument(copy, kind, { ...options, canWrite: true });
	return copy;
}

interface Plan {
	/** set when there is nothing to do */
	outcome: MigrationResult | null;
	version: number;
	target: number;
	/** the steps between the stamp and the target, whose `upgradeDoc` runs */
	structural: Migration[];
	/** every step up to the target with a record upgrade: these run whatever the stamp (rule 6) */
	recordSteps: Migration[];
	/** how many records an upgrade would change now */
	stale: number;
}

function planFor(doc: Y.Doc, kind: DocumentKind, options: Omit<MigrateOptions, 'canWrite'>): Plan {
	const migrations = options.migrations ?? MIGRATIONS;
	const target = options.target ?? SCHEMA_VERSION;
	const state = documentVersion(doc, kind, target);
	const plan: Plan = { outcome: null, version: state.version, target, structural: [], recordSteps: [], stale: 0 };
	if (state.tooNew) return { ...plan, outcome: { outcome: 'too-new', version: state.version } };
	if (state.empty) return { ...plan, outcome: { outcome: 'empty', version: state.version } };
	plan.structural = stepsBetween(migrations, state.version, target);
	plan.recordSteps = migrations.filter((step) => step.from < target && step.upgradeRecord).sort((a, b) => a.from - b.from);
	plan.stale = staleRecords(doc, kind, plan.recordSteps).length;
	if (!state.outdated && plan.stale === 0) return { ...plan, outcome: { outcome: 'current', version: state.version } };
	return plan;
}

function stepsBetween(migrations: readonly Migration[], from: number, to: number): Migration[] {
	const steps: Migration[] = [];
	for (let version = from; version < to; version++) {
		const step = migrations.find((migration) => migration.from === version);
		if (!step) throw new Error(`No migration from schema version ${version}: add one to MIGRATIONS in src/lib/doc/migrate.ts`);
		steps.push(step);
	}
	return steps;
}

/** Map records and settings that the record upgrades would change, with their upgraded form. */
function staleRecords(doc: Y.Doc, kind: DocumentKind, steps: readonly Migration[]): Array<[Y.Map<unknown>, string, unknown]> {
	const stale: Array<[Y.Map<unknown>, string, unknown]> = [];
	if (steps.length === 0) return stale;
	// A setting is upgraded under its own name (e.g. 'enrollment'), a record under its collection's.
	const scan = (map: Y.Map<unknown>, collection: string | null) => {
		for (const [key, value] of map.entries()) {
			const upgraded = steps.reduce((record, step) => step.upgradeRecord!(kind, collection ?? key, record), value);
			if (canonical(upgraded) !== canonical(value)) stale.push([map, key, upgraded]);
		}
	};
	for (const [name, collection] of Object.entries(COLLECTIONS[kind])) {
		if (collection.shape === 'map') scan(doc.getMap(name), name);
	}
	scan(doc.getMap(SETTINGS), null);
	return stale;
}

function hasContent(doc: Y.Doc, kind: DocumentKind): boolean {
	if (doc.getMap(SETTINGS).size > 0) return true;
	for (const [name, collection] of Object.entries(COLLECTIONS[kind])) {
		if (collection.shape === 'map' ? doc.getMap(name).size > 0 : doc.getArray(name).length > 0) return true;
	}
	return false;
}

/** JSON with sorted keys: two records are the same when their content is, whatever the key order. */
function canonical(value: unknown): string {
	return JSON.stringify(value, (_key, inner: unknown) =>
		inner && typeof inner === 'object' && !Array.isArray(inner)
			? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
			: inner
	);
}
