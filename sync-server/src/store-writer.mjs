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

/** @param {import('zod').input<typeof StoreReply>} message */
const reply = (message) => port.postMessage(StoreReply.parse(message));

/** @param {unknown} error */
const messageOf = (error) => (error instanceof Error ? error.message : String(error));

/**
 * The document's rows merged through a Y.Doc, so deleted content is garbage-collected
 * (Y.mergeUpdates alone would keep every replaced record's bytes forever). Throws,
 * changing nothing, when a row is damaged: the room moves such rows aside on load.
 */
const compact = db.transaction((/** @type {string} */ doc) => {
	const rows = /** @type {Array<{ seq: number; data: Buffer; checksum: string | null }>} */ (selectDoc.all(doc));
	const last = rows.at(-1);
	if (rows.length < 2 || !last) return;
	for (const row of rows) {
		if (row.checksum !== null && row.checksum !== checksumOf(row.data)) throw new Error(`update #${row.seq} fails its checksum`);
	}
	const ydoc = new Y.Doc();
	try {
		Y.applyUpdate(ydoc, Y.mergeUpdates(rows.map((row) => new Uint8Array(row.data))));
		const merged = Y.encodeStateAsUpdate(ydoc);
		// the merged update takes the last replaced row's number, so later rows stay after it
		deleteUpTo.run(doc, last.seq);
		insertAt.run(last.seq, doc, merged, checksumOf(merged));
	} finally {
		ydoc.destroy();
	}
});

/** @param {import('zod').output<typeof StoreRequest>} request */
function perform(request) {
	if (request.op === 'append') {
		insert.run(request.doc, request.update, checksumOf(request.update));
		return;
	}
	try {
		// a savepoint inside the batch: a failed compaction is rolled back alone
		compact(request.doc);
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
	try {
		// IMMEDIATE: the write lock from the start. A deferred transaction that began with a
		// compaction's read would fail as a whole (SQLITE_BUSY) if the server's thread wrote
		// anything (an audit row) before its first write; this way that write waits for us.
		db.transaction(() => batch.forEach(perform)).immediate();
	} catch (error) {
		// after a failed commit or fsync nothing of the batch may be called stored
		reply({ kind: 'failed', through: done, message: messageOf(error) });
		return;
	}
	reply({ kind: 'committed', through: done });
}

port.on('message', (/** @type {unknown} */ message) => {
	queue.push(StoreRequest.parse(message));
	if (scheduled) return;
	scheduled = true;
	// after this turn, so that every request already in the port joins the batch
	setImmediate(commitBatch);
});
