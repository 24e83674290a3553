/**
 * The bundle's entry for the browser pages of growth-first-open-browser.ts: zod set
 * up as the app sets it up, then on the page's global object what the benchmark
 * calls: a timed open of stored bytes, and the save and timed load of the three
 * local copies through y-indexeddb.
 */
import './device-zod.ts';
import * as Y from 'yjs';
import { IndexeddbPersistence, storeState } from 'y-indexeddb';
import { openAndDerive, storedFromJson, type StoredYear, type StoredYearJson } from './open-and-derive.ts';

const NAMES = ['program', 'self', 'care'] as const satisfies readonly (keyof StoredYear)[];

export interface LocalLoad {
	/** from opening the three local copies until the last has loaded, in ms */
	load: number;
	/** the browser's time-zone data loaded meanwhile (Intl's first use), in ms; null when not */
	timeZoneData: number | null;
}

const page = {
	firstOpen: (json: StoredYearJson) => openAndDerive(storedFromJson(json)),

	async saveLocalCopies(json: StoredYearJson): Promise<void> {
		const stored = storedFromJson(json);
		for (const name of NAMES) {
			const doc = new Y.Doc();
			const persistence = new IndexeddbPersistence(`bench:${name}`, doc);
			await persistence.whenSynced;
			Y.applyUpdate(doc, stored[name]);
			// one merged row, as the app keeps a local copy once it has loaded (workspace.ts)
			await storeState(persistence, true);
			await persistence.destroy();
		}
	},

	/**
	 * The three local copies opened at once, as the app opens a participant's
	 * documents; with `loadTimeZoneData`, Intl's first use is made while they load.
	 */
	async loadLocalCopies(loadTimeZoneData: boolean): Promise<LocalLoad> {
		const started = performance.now();
		const loaded = NAMES.map((name) => new IndexeddbPersistence(`bench:${name}`, new Y.Doc()).whenSynced);
		const loading = performance.now();
		if (loadTimeZoneData) Intl.DateTimeFormat().resolvedOptions();
		const timeZoneData = loadTimeZoneData ? performance.now() - loading : null;
		await Promise.all(loaded);
		return { load: performance.now() - started, timeZoneData };
	}
};

export type FirstOpenPage = typeof page;
(globalThis as unknown as { bench: FirstOpenPage }).bench = page;
