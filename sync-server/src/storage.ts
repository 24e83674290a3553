/**
 * Durable document storage: an append-only log of Yjs updates per document,
 * compacted from time to time into one merged update.
 *
 * Each row carries a checksum of its bytes, so damage on disk is found on load even
 * where the bytes still decode. A damaged row is moved to `damaged_updates` (kept
 * for inspection, never deleted) and the rest of the document is served; any device
 * holding a full copy restores the missing part by its normal sync.
 */
import { createHash } from 'node:crypto';
import type { Db } from './db.ts';

export interface StoredUpdate {
	seq: number;
	update: Uint8Array;
	/** why the row cannot be trusted (its checksum does not match); absent when intact */
	damage?: string;
}

export interface DocumentStore {
	/** every stored update of the document, oldest first */
	load(name: string): StoredUpdate[];
	/** writes the update durably and returns its sequence number */
	append(name: string, update: Uint8Array): number;
	/** replaces the updates up to `uptoSeq` by `merged`, atomically */
	compact(name: string, merged: Uint8Array, uptoSeq: number): void;
	/** moves a damaged row out of the document's log, keeping its bytes and the problem */
	quarantine(name: string, seq: number, problem: string): void;
	/** how many damaged rows have been moved aside, over all documents */
	damagedCount(): number;
	/** names of every stored document */
	names(): string[];
}

interface UpdateRow {
	seq: number;
	data: Buffer;
	checksum: string | null;
}

/** A short digest of the bytes; rows written before checksums existed have none. */
export const checksumOf = (data: Uint8Array): string => createHash('sha256').update(data).digest('base64url').slice(0, 22);

export function createSqliteStore(db: Db, now: () => number = Date.now): DocumentStore {
	const selectDoc = db.prepare<[string], UpdateRow>('SELECT seq, data, checksum FROM updates WHERE doc = ? ORDER BY seq');
	const insert = db.prepare<[string, Uint8Array, string]>('INSERT INTO updates (doc, data, checksum) VALUES (?, ?, ?)');
	const deleteUpTo = db.prepare<[string, number]>('DELETE FROM updates WHERE doc = ? AND seq <= ?');
	const insertAt = db.prepare<[number, string, Uint8Array, string]>('INSERT INTO updates (seq, doc, data, checksum) VALUES (?, ?, ?, ?)');
	const selectNames = db.prepare<[], { doc: string }>('SELECT DISTINCT doc FROM updates ORDER BY doc');
	const moveAside = db.prepare<[string, string, number, string]>(
		'INSERT OR REPLACE INTO damaged_updates (seq, doc, data, problem, found_at) SELECT seq, doc, data, ?, ? FROM updates WHERE seq = ? AND doc = ?'
	);
	const deleteOne = db.prepare<[number, string]>('DELETE FROM updates WHERE seq = ? AND doc = ?');
	const countDamaged = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM damaged_updates');

	// The merged update takes the sequence number of the last update it replaces,
	// so the log stays in order and later updates stay after it.
	const compact = db.transaction((name: string, merged: Uint8Array, uptoSeq: number) => {
		deleteUpTo.run(name, uptoSeq);
		insertAt.run(uptoSeq, name, merged, checksumOf(merged));
	});
	const quarantine = db.transaction((name: string, seq: number, problem: string) => {
		moveAside.run(problem, new Date(now()).toISOString(), seq, name);
		deleteOne.run(seq, name);
	});

	return {
		load: (name) =>
			selectDoc.all(name).map((row) => {
				const update = new Uint8Array(row.data);
				const intact = row.checksum === null || row.checksum === checksumOf(update);
				return intact ? { seq: row.seq, update } : { seq: row.seq, update, damage: 'its checksum does not match its bytes' };
			}),
		append: (name, update) => Number(insert.run(name, update, checksumOf(update)).lastInsertRowid),
		compact: (name, merged, uptoSeq) => compact(name, merged, uptoSeq),
		quarantine: (name, seq, problem) => quarantine(name, seq, problem),
		damagedCount: () => countDamaged.get()?.n ?? 0,
		names: () => selectNames.all().map((row) => row.doc)
	};
}
