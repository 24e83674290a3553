/**
 * Durable document storage: an append-only log of Yjs updates per document,
 * compacted from time to time into one merged update.
 */
import type { Db } from './db.ts';

export interface StoredUpdate {
	seq: number;
	update: Uint8Array;
}

export interface DocumentStore {
	/** every stored update of the document, oldest first */
	load(name: string): StoredUpdate[];
	/** writes the update durably and returns its sequence number */
	append(name: string, update: Uint8Array): number;
	/** replaces the updates up to `uptoSeq` by `merged`, atomically */
	compact(name: string, merged: Uint8Array, uptoSeq: number): void;
	/** names of every stored document */
	names(): string[];
}

interface UpdateRow {
	seq: number;
	data: Buffer;
}

export function createSqliteStore(db: Db): DocumentStore {
	const selectDoc = db.prepare<[string], UpdateRow>('SELECT seq, data FROM updates WHERE doc = ? ORDER BY seq');
	const insert = db.prepare<[string, Uint8Array]>('INSERT INTO updates (doc, data) VALUES (?, ?)');
	const deleteUpTo = db.prepare<[string, number]>('DELETE FROM updates WHERE doc = ? AND seq <= ?');
	const insertAt = db.prepare<[number, string, Uint8Array]>('INSERT INTO updates (seq, doc, data) VALUES (?, ?, ?)');
	const selectNames = db.prepare<[], { doc: string }>('SELECT DISTINCT doc FROM updates ORDER BY doc');

	// The merged update takes the sequence number of the last update it replaces,
	// so the log stays in order and later updates stay after it.
	const compact = db.transaction((name: string, merged: Uint8Array, uptoSeq: number) => {
		deleteUpTo.run(name, uptoSeq);
		insertAt.run(uptoSeq, name, merged);
	});

	return {
		load: (name) => selectDoc.all(name).map((row) => ({ seq: row.seq, update: new Uint8Array(row.data) })),
		append: (name, update) => Number(insert.run(name, update).lastInsertRowid),
		compact: (name, merged, uptoSeq) => compact(name, merged, uptoSeq),
		names: () => selectNames.all().map((row) => row.doc)
	};
}
