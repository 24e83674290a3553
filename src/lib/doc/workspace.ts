/**
 * The documents open on this device: each is a Y.Doc persisted in IndexedDB
 * (y-indexeddb) and attached to the device's one connection once its local copy
 * has loaded, so the first sync step already carries what the device knows.
 */
import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import { Awareness } from 'y-protocols/awareness';
import type { DeviceConnection } from './connection.ts';
import { SavedTracker, StoredTracker } from './stored-tracker.ts';

export interface OpenDocument {
	name: string;
	doc: Y.Doc;
	awareness: Awareness;
	/** resolves when the local copy has loaded (or at once without IndexedDB) */
	loaded: Promise<void>;
}

interface Entry extends OpenDocument {
	persistence: IndexeddbPersistence | null;
}

const TRACKER_KEY = 'steady:stored';

export interface WorkspaceOptions {
	/** local databases are named per user, so two people on one browser never mix */
	userId: string;
	connection: DeviceConnection;
	/** false in Node tests where there is no IndexedDB */
	persist?: boolean;
}

export class Workspace {
	#options: Required<WorkspaceOptions>;
	#open = new Map<string, Entry>();

	constructor(options: WorkspaceOptions) {
		this.#options = { persist: true, ...options };
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
		const entry: Entry = { name, doc, awareness, persistence, loaded: Promise.resolve() };
		entry.loaded = this.#attachWhenLoaded(entry);
		this.#open.set(name, entry);
		return entry;
	}

	close(name: string): void {
		const entry = this.#open.get(name);
		if (!entry) return;
		this.#open.delete(name);
		this.connection.detach(name);
		entry.awareness.destroy();
		void entry.persistence?.destroy();
		entry.doc.destroy();
	}

	closeAll(): void {
		for (const name of [...this.#open.keys()]) this.close(name);
	}

	/** Signing out removes every local copy this user had on the device (DESIGN §3). */
	async removeLocalData(names: string[]): Promise<void> {
		const all = new Set([...names, ...this.#open.keys()]);
		this.closeAll();
		await Promise.all([...all].map((name) => deleteDatabase(this.#databaseName(name))));
	}

	#databaseName(name: string): string {
		return `steady:${this.#options.userId}:${name}`;
	}

	async #attachWhenLoaded(entry: Entry): Promise<void> {
		let tracker = new StoredTracker();
		if (entry.persistence) {
			await entry.persistence.whenSynced;
			const saved = SavedTracker.safeParse(parseJson(await entry.persistence.get(TRACKER_KEY)));
			if (saved.success) tracker = new StoredTracker(saved.data);
		}
		if (this.#open.get(entry.name) !== entry) return; // closed while loading
		const persistence = entry.persistence;
		this.connection.attach(entry.name, entry.doc, {
			awareness: entry.awareness,
			tracker,
			onTrackerChange: (changed) => {
				if (persistence) void persistence.set(TRACKER_KEY, JSON.stringify(changed.toJSON()));
			}
		});
	}
}

function parseJson(value: unknown): unknown {
	if (typeof value !== 'string') return undefined;
	try {
		return JSON.parse(value);
	} catch {
		return undefined;
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
