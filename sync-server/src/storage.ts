/**
 * Durable document storage: an append-only log of Yjs updates per document,
 * compacted from time to time into one merged update.
 *
 * An append goes to SQLite's write-ahead log without waiting for the disk, so the
 * update can be applied and forwarded at once; `whenDurable` then forces the log to
 * disk with one fsync for every append of the moment, off the event loop, and only
 * then may the server say STORED. (An fsync per update took ~3 ms of blocked event
 * loop each, which capped a server at a few hundred writes a second: docs/BENCHMARKS.md.)
 *
 * Each row carries a checksum of its bytes, so damage on disk is found on load even
 * where the bytes still decode. A damaged row is moved to `damaged_updates` (kept
 * for inspection, never deleted) and the rest of the document is served; any device
 * holding a full copy restores the missing part by its normal sync.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Db } from './db.ts';

export interface StoredUpdate {
	seq: number;
	update: Uint8Array;
	/** why the row cannot be trusted (its checksum does not match); absent when intact */
	damage?: string;
}

/** Reading only: what exports need, also over a read-only connection (export-worker.ts). */
export interface DocumentReader {
	/** every stored update of the document, oldest first */
	load(name: string): StoredUpdate[];
}

export interface DocumentStore extends DocumentReader {
	/** writes the update (durable once `whenDurable` calls back) and returns its sequence number */
	append(name: string, update: Uint8Array): number;
	/** calls `done` once everything appended so far is on disk */
	whenDurable(done: () => void): void;
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

export function createSqliteReader(db: Db): DocumentReader {
	const selectDoc = db.prepare<[string], UpdateRow>('SELECT seq, data, checksum FROM updates WHERE doc = ? ORDER BY seq');
	return {
		load: (name) =>
			selectDoc.all(name).map((row) => {
				const update = new Uint8Array(row.data);
				const intact = row.checksum === null || row.checksum === checksumOf(update);
				return intact ? { seq: row.seq, update } : { seq: row.seq, update, damage: 'its checksum does not match its bytes' };
			})
	};
}

export function createSqliteStore(db: Db, now: () => number = Date.now): DocumentStore {
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

	// Inside an outer transaction the pragma cannot change; that commit syncs as usual.
	const appendUnsynced = (name: string, update: Uint8Array): number => {
		const checksum = checksumOf(update);
		if (db.inTransaction) return Number(insert.run(name, update, checksum).lastInsertRowid);
		db.pragma('synchronous = NORMAL');
		try {
			return Number(insert.run(name, update, checksum).lastInsertRowid);
		} finally {
			db.pragma('synchronous = FULL');
		}
	};

	return {
		load: createSqliteReader(db).load,
		append: appendUnsynced,
		whenDurable: groupSync(db),
		compact: (name, merged, uptoSeq) => compact(name, merged, uptoSeq),
		quarantine: (name, seq, problem) => quarantine(name, seq, problem),
		damagedCount: () => countDamaged.get()?.n ?? 0,
		names: () => selectNames.all().map((row) => row.doc)
	};
}

/**
 * One fsync of the write-ahead log for every caller waiting at the moment it starts,
 * on libuv's thread pool; callers that arrive during an fsync wait for the next one.
 * fsync on any descriptor of the file flushes the file, so SQLite's own stays untouched.
 */
function groupSync(db: Db): (done: () => void) => void {
	let waiting: Array<() => void> = [];
	let syncing = false;
	const finish = (batch: Array<() => void>) => {
		syncing = false;
		for (const done of batch) done();
		if (waiting.length > 0) start();
	};
	const start = () => {
		syncing = true;
		// after the current turn, so one fsync covers every update that arrived in it
		setImmediate(() => {
			const batch = waiting;
			waiting = [];
			let fd: number;
			try {
				fd = fs.openSync(`${db.name}-wal`, 'r');
			} catch {
				// no log file (not in WAL mode): a checkpoint writes and syncs the database itself
				if (db.open) db.pragma('wal_checkpoint(FULL)');
				return finish(batch);
			}
			fs.fsync(fd, (error) =>
				fs.close(fd, () => {
					// After a failed fsync the kernel may have dropped the pages: nothing may be
					// called stored. Stop the process (as PostgreSQL does); on restart the log is
					// read back and devices resend what was never acknowledged.
					if (error) throw new Error(`fsync of the write-ahead log failed: ${error.message}`);
					finish(batch);
				})
			);
		});
	};
	return (done) => {
		waiting.push(done);
		if (!syncing) start();
	};
}
