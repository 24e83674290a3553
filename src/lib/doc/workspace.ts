/**
 * The documents open on this device: each is a Y.Doc persisted in IndexedDB
 * (y-indexeddb) and attached to the device's one connection once its local copy
 * has loaded, so the first sync step already carries what the device knows.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import { repairLocalCopy, watchLocalLoad } from './local-repair.ts';
import { Awareness } from 'y-protocols/awareness';
import { parseDocumentName } from '../domain/document-names.ts';
import type { DeviceConnection } from './connection.ts';
import { migrateDocument } from './migrate.ts';
import { SavedTracker, StoredTracker } from './stored-tracker.ts';
import { linkTabs } from './tab-channel.ts';

export interface OpenDocument {
	name: string;
	doc: Y.Doc;
	awareness: Awareness;
	/** resolves when the local copy has loaded (or at once without IndexedDB) */
	loaded: Promise<void>;
}

interface Entry extends OpenDocument {
	persistence: IndexeddbPersistence | null;
	/** resolves when the document is closed, so a pending load stops waiting */
	closed: Promise<void>;
	close: () => void;
	unlinkTabs: () => void;
}

const TRACKER_KEY = 'steady:stored';

/**
 * y-indexeddb adds a row per update and per open, and merges only at 500 rows;
 * a phone opening the app many times a day would read hundreds of rows at start.
 * Past this many, the local copy is merged into one row once it has loaded.
 */
const COMPACT_AFTER_ROWS = 20;

export interface WorkspaceOptions {
	/** local databases are named per user, so two people on one browser never mix */
	userId: string;
	connection: DeviceConnection;
	/** false in Node tests where there is no IndexedDB */
	persist?: boolean;
	/** the saved copy of a document had damaged rows: they were set aside (local-repair.ts) */
	onLocalCopyRepaired?: (name: string, damagedRows: number) => void;
}

export class Workspace {
	#options: Required<WorkspaceOptions>;
	#open = new Map<string, Entry>();

	constructor(options: WorkspaceOptions) {
		this.#options = { persist: true, onLocalCopyRepaired: () => {}, ...options };
	}

	get connection(): DeviceConnection {
		return this.#options.connection;
	}

	open(name: string): OpenDocument {
		const existing = this.#open.get(name);
		if (existing) return existing;
		const doc = new Y.Doc();
		const awareness = new Awareness(doc);
		awareness.setLocalState(null);
		const persistence = this.#options.persist ? new IndexeddbPersistence(this.#databaseName(name), doc) : null;
		if (persistence) {
			watchLocalLoad(persistence, () => {
				void repairLocalCopy(persistence).then((rows) => this.#options.onLocalCopyRepaired(name, rows));
			});
		}
		let close = () => {};
		const closed = new Promise<void>((resolve) => (close = resolve));
		const unlinkTabs = linkTabs(this.#databaseName(name), doc);
		const entry: Entry = { name, doc, awareness, persistence, loaded: Promise.resolve(), closed, close, unlinkTabs };
		// registered first: without IndexedDB the attach runs synchronously and checks it
		this.#open.set(name, entry);
		entry.loaded = this.#attachWhenLoaded(entry);
		return entry;
	}

	close(name: string): void {
		const entry = this.#open.get(name);
		if (!entry) return;
		this.#open.delete(name);
		entry.close();
		entry.unlinkTabs();
		this.connection.detach(name);
		entry.awareness.destroy();
		void entry.persistence?.destroy();
		entry.doc.destroy();
	}

	closeAll(): void {
		for (const name of [...this.#open.keys()]) this.close(name);
	}

	/** The server refused this document: keep no copy of it on the device. */
	forgetLocalCopy(name: string): void {
		void this.#open.get(name)?.persistence?.clearData();
	}

	/** Signing out removes every local copy this user had on the device (DESIGN §3). */
	async removeLocalData(): Promise<void> {
		const prefix = this.#databaseName('');
		const all = new Set([...this.#open.keys()].map((name) => this.#databaseName(name)));
		for (const { name } of (await indexedDB.databases?.()) ?? []) if (name?.startsWith(prefix)) all.add(name);
		this.closeAll();
		await Promise.all([...all].map(deleteDatabase));
	}

	#databaseName(name: string): string {
		return `steady:${this.#options.userId}:${name}`;
	}

	async #attachWhenLoaded(entry: Entry): Promise<void> {
		const persistence = entry.persistence;
		let tracker = new StoredTracker();
		if (persistence) {
			const isOpen = await Promise.race([persistence.whenSynced.then(() => true), entry.closed.then(() => false)]);
			if (!isOpen) return;
			// (y-indexeddb's own row count is only set after 'synced', so count here)
			if ((await countRows(persistence)) > COMPACT_AFTER_ROWS) void storeState(persistence, true);
			const saved = await readSavedTracker(persistence);
			if (saved) tracker = new StoredTracker(saved);
		}
		if (this.#open.get(entry.name) !== entry) return; // closed while loading
		this.connection.attach(entry.name, entry.doc, {
			awareness: entry.awareness,
			tracker,
			onTrackerChange: (changed) => {
				if (persistence) void saveTracker(persistence, changed);
			}
		});
		this.#migrateWhenWritable(entry);
	}

	/**
	 * Forward migrations run once per open, on a device that may write the document and
	 * only after the server's copy has arrived, so what it stamps covers the merged data.
	 */
	#migrateWhenWritable(entry: Entry): void {
		const kind = parseDocumentName(entry.name)?.kind;
		if (!kind) return;
		const tryMigrate = () => {
			if (this.#open.get(entry.name) !== entry) return stop();
			const status = this.connection.status(entry.name);
			if (status?.access !== 'write' || !status.synced) return;
			stop();
			migrateDocument(entry.doc, kind, { canWrite: true });
		};
		const stop = this.connection.subscribe(tryMigrate);
		void entry.closed.then(stop);
		tryMigrate();
	}
}

function countRows(persistence: IndexeddbPersistence): Promise<number> {
	return new Promise((resolve) => {
		try {
			const request = persistence.db?.transaction('updates').objectStore('updates').count();
			if (!request) return resolve(0);
			request.onsuccess = () => resolve(request.result);
			request.onerror = () => resolve(0);
		} catch {
			resolve(0); // closed meanwhile: nothing to compact
		}
	});
}

async function readSavedTracker(persistence: IndexeddbPersistence): Promise<SavedTracker | null> {
	try {
		const raw: unknown = await persistence.get(TRACKER_KEY);
		const parsed = SavedTracker.safeParse(typeof raw === 'string' ? JSON.parse(raw) : undefined);
		return parsed.success ? parsed.data : null;
	} catch {
		// closed meanwhile, or a damaged value: start counting afresh
		return null;
	}
}

/** Another tab of the app may have saved too: merge, never overwrite. */
async function saveTracker(persistence: IndexeddbPersistence, tracker: StoredTracker): Promise<void> {
	const saved = await readSavedTracker(persistence);
	if (saved) tracker.merge(saved);
	try {
		await persistence.set(TRACKER_KEY, JSON.stringify(tracker.toJSON()));
	} catch {
		// closed meanwhile: the next change saves again
	}
}

function deleteDatabase(name: string): Promise<void> {
	return new Promise((resolve, reject) => {
		const request = indexedDB.deleteDatabase(name);
		request.onsuccess = () => resolve();
		request.onerror = () => reject(request.error ?? new Error(`could not delete ${name}`));
		// Another tab still has it open: it is deleted once that tab lets go.
		request.onblocked = () => resolve();
	});
}
