/**
 * A device's saved copy of a document (y-indexeddb) with a damaged row: y-indexeddb
 * stops loading at the row that does not apply and never reports the copy loaded,
 * which would leave the document unusable on this device.
 *
 * `watchLocalLoad` notices that (its load transaction ended without 'synced'), and
 * `repairLocalCopy` applies every row that still applies, moves the others to the
 * database's `custom` store (kept, not deleted) and finishes the load, so the device
 * syncs as usual: the server sends back whatever the damaged rows held.
 */
import * as idb from 'lib0/indexeddb';
import * as Y from 'yjs';
import { fetchUpdates, type IndexeddbPersistence } from 'y-indexeddb';

/** Calls `onFailed` when the local load breaks off; returns the unsubscribe. */
export function watchLocalLoad(persistence: IndexeddbPersistence, onFailed: () => void): () => void {
	const onTransaction = (transaction: Y.Transaction) => {
		if (transaction.origin !== persistence) return;
		stop();
		// y-indexeddb reports 'synced' right after its load transaction; without it, a row threw
		queueMicrotask(() => {
			if (!persistence.synced) onFailed();
		});
	};
	const stop = () => persistence.doc.off('afterTransaction', onTransaction);
	persistence.doc.on('afterTransaction', onTransaction);
	return stop;
}

/** Repairs the local copy as described above; returns how many rows were damaged. */
export async function repairLocalCopy(persistence: IndexeddbPersistence): Promise<number> {
	const db = await persistence._db;
	const [updates, custom] = idb.transact(db, ['updates', 'custom']) as [IDBObjectStore, IDBObjectStore];
	const rows = await idb.getAllKeysValues(updates);
	let damaged = 0;
	for (const { k, v } of rows as Array<{ k: number; v: Uint8Array }>) {
		try {
			Y.applyUpdate(persistence.doc, v, persistence);
		} catch {
			damaged++;
			await idb.put(custom, v.slice().buffer, `damaged-update:${k}`);
			await idb.del(updates, k);
		}
	}
	// the rows left apply now: let y-indexeddb take its bookkeeping up again
	await fetchUpdates(persistence);
	persistence.synced = true;
	persistence.emit('synced', [persistence]);
	return damaged;
}
