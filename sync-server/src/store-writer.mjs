// The store writer: a worker thread that makes every append and compaction of the
// `updates` table (a damaged row is moved aside on the server's thread, at once).
//
// On Linux a write() to a file that is being fsynced can wait until the fsync ends
// (measured on this machine's ext4: up to 141 ms). When the server's thread appended
// to SQLite's log while a background fsync ran, each such wait held up every socket;
// here it holds up only this thread. Requests queue while a commit is on its way to
// the disk, and the next commit takes them all: one fsync per batch.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { checksumOf, StoreReply, StoreRequest, WriterData } from './store-shared.mjs';

const port = parentPort;
if (!port) throw new Error('store-writer.mjs runs as a worker thread');
const { file } = WriterData.parse(workerData);

const db = new Database(file);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 5000');

const insert = db.prepare('INSERT INTO updates (doc, data, checksum) VALUES (?, ?, ?)');
const selectDoc = db.prepare('SELECT seq, data, checksum FROM updates WHERE doc = ? ORDER BY seq');
const deleteUpTo = db.prepare('DELETE FROM updates WHERE doc = ? AND seq <= ?');
const insertAt = db.prepare('INSERT INTO updates (seq, doc, data, checksum) VALUES (?, ?, ?, ?)');
const selectSeqsUpTo = db.prepare('SELECT seq FROM updates WHERE doc = ? AND seq <= ? ORDER BY seq').pluck();

/** @type {Map<string, number[]>} numbers of the rows the current batch has inserted, per document */
const inserted = new Map();

/** @param {import('zod').input<typeof StoreReply>} message */
const reply = (message) => port.postMessage(StoreReply.parse(message));

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/** @typedef {{ seqs: number[]; queued: number; merged: Uint8Array }} Merge */

/**
 * The document's committed rows and the updates queued for it earlier in the batch,
 * merged through a Y.Doc, so deleted content is garbage-collected (Y.mergeUpdates
 * alone would keep every replaced record's bytes forever); null when there is nothing
 * to merge. Made before the batch takes the write lock: the server's thread may write
 * (an audit row) meanwhile. Throws when a row is damaged: the room moves such rows
 * aside on load.
 * @param {string} doc
 * @param {Uint8Array[]} queued
 * @returns {Merge | null}
 */
function mergeStored(doc, queued) {
	const rows = /** @type {Array<{ seq: number; data: Buffer; checksum: string | null }>} */ (selectDoc.all(doc));
	if (rows.length + queued.length < 2) return null;
	for (const row of rows) {
		if (row.checksum !== null && row.checksum !== checksumOf(row.data)) throw new Error(`update #${row.seq} fails its checksum`);
	}
	const ydoc = new Y.Doc();
	try {
		Y.applyUpdate(ydoc, Y.mergeUpdates([...rows.map((row) => new Uint8Array(row.data)), ...queued]));
		return { seqs: rows.map((row) => row.seq), queued: queued.length, merged: Y.encodeStateAsUpdate(ydoc) };
	} finally {
		ydoc.destroy();
	}
}

/**
 * Replaces the merged rows by their merge, which takes the last one's number so later
 * rows stay after it. A savepoint inside the batch: when it fails it is rolled back alone.
 */
const replace = db.transaction((/** @type {string} */ doc, /** @type {Merge} */ { seqs: committed, queued, merged }) => {
	const seqs = [...committed, ...(inserted.get(doc) ?? []).slice(0, queued)];
	const last = /** @type {number} */ (seqs.at(-1));
	const now = /** @type {number[]} */ (selectSeqsUpTo.all(doc, last));
	// a row moved aside by the server's thread since the merge was made
	if (now.length !== seqs.length || now.some((seq, i) => seq !== seqs[i])) throw new Error('its rows changed while they were merged');
	deleteUpTo.run(doc, last);
	insertAt.run(last, doc, merged, checksumOf(merged));
});

/**
 * @param {import('zod').output<typeof StoreRequest>} request
 * @param {Merge | Error | null | undefined} merge made for a compaction before the batch began
 */
function perform(request, merge) {
	if (request.op === 'append') {
		const { lastInsertRowid } = insert.run(request.doc, request.update, checksumOf(request.update));
		const rows = inserted.get(request.doc) ?? [];
		rows.push(Number(lastInsertRowid));
		inserted.set(request.doc, rows);
		return;
	}
	try {
		if (merge instanceof Error) throw merge;
		if (merge) replace(request.doc, merge);
	} catch (error) {
		reply({ kind: 'skipped', doc: request.doc, op: request.op, message: messageOf(error) });
	}
}

/** @type {Array<import('zod').output<typeof StoreRequest>>} */
let queue = [];
let done = 0;
let scheduled = false;

/** Commits everything queued in one transaction: with synchronous=FULL, one fsync. */
function commitBatch() {
	scheduled = false;
	const batch = queue;
	queue = [];
	done += batch.length;
	// Merges first, outside the write lock: a merge of a large document takes a while, and
	// the server's thread cannot write while we hold it (its transactions that read first
	// even fail at once: SQLite does not wait for a lock that could deadlock them).
	/** @type {Map<object, Merge | Error | null>} */
	const merges = new Map();
	/** @type {Map<string, Uint8Array[] | null>} the batch's appends per document; null once it has a compaction */
	const queued = new Map();
	inserted.clear();
	for (const request of batch) {
		const before = queued.has(request.doc) ? queued.get(request.doc) : [];
		if (request.op === 'append') {
			before?.push(request.update);
			if (before) queued.set(request.doc, before);
			continue;
		}
		// one compaction per document and batch: the next one comes soon enough
		queued.set(request.doc, null);
		if (!before) continue;
		try {
			merges.set(request, mergeStored(request.doc, before));
		} catch (error) {
			merges.set(request, error instanceof Error ? error : new Error(String(error)));
		}
	}
	try {
		// IMMEDIATE: the write lock from the start. A deferred transaction that read first
		// would fail as a whole (SQLITE_BUSY) if the server's thread wrote in between.
		db.transaction(() => batch.forEach((request) => perform(request, merges.get(request)))).immediate();
	} catch (error) {
		// after a failed commit or fsync nothing of the batch may be called stored
		reply({ kind: 'failed', through: done, message: messageOf(error) });
		return;
	}
	reply({ kind: 'committed', through: done });
}

port.on('message', (/** @type {unknown} */ message) => {
	// the server's thread sends what it queued in one turn as one array
	queue.push(...StoreRequest.array().parse(message));
	if (scheduled) return;
	scheduled = true;
	// after this turn, so that every request already in the port joins the batch
	setImmediate(commitBatch);
});
