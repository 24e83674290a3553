/**
 * Durable document storage: an append-only log of Yjs updates per document,
 * compacted from time to time into one merged update.
 *
 * Every write to the log happens on the store writer's thread (store-writer.ts), so
 * the server's thread never waits for the disk: an append is queued and returns, the
 * update can be forwarded at once, and `whenDurable` calls back once the writer's
 * commit (one fsync for everything queued meanwhile) is on disk; only then may the
 * server say STORED. Reads happen here, on the server's own connection, and see
 * what is committed: a room keeps what it has queued but not yet seen committed.
 *
 * Each row carries a checksum of its bytes, so damage on disk is found on load even
 * where the bytes still decode. A damaged row is moved to `damaged_updates` (kept
 * for inspection, never deleted) and the rest of the document is served; any device
 * holding a full copy restores the missing part by its normal sync.
 */
import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import { writeTransaction, type Db } from './db.ts';
import { checksumOf, StoreReply, type StoreRequest, type WriterData } from './store-shared.mjs';

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
	/** queues the update; it is stored, and `load` returns it, once `whenDurable` calls back */
	append(name: string, update: Uint8Array): void;
	/** calls `done` once everything queued so far is committed and on disk, in the order asked */
	whenDurable(done: () => void): void;
	/** everything queued so far is on disk; rejects when a commit of it failed */
	flushed(): Promise<void>;
	/** queues replacing the document's rows by one merged update */
	compact(name: string): void;
	/** moves a damaged row out of the document's log at once, keeping its bytes and the problem */
	quarantine(name: string, seq: number, problem: string): void;
	/** how many damaged rows have been moved aside, over all documents */
	damagedCount(): number;
	/** names of every stored document */
	names(): string[];
	/** waits for what is queued (committed or failed), then stops the writer */
	close(): Promise<void>;
}

export interface StoreOptions {
	/** a commit failed: what was queued since the last one is not stored (the server resets its rooms) */
	onFailure?: (message: string) => void;
	/** a queued compaction or quarantine could not be done and changed nothing */
	onSkipped?: (message: string) => void;
}

interface UpdateRow {
	seq: number;
	data: Buffer;
	checksum: string | null;
}

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

export function createSqliteStore(db: Db, options: StoreOptions = {}, now: () => number = Date.now): DocumentStore {
	const selectNames = db.prepare<[], { doc: string }>('SELECT DISTINCT doc FROM updates ORDER BY doc');
	const countDamaged = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM damaged_updates');
	const moveAside = db.prepare<[string, string, number, string]>(
		'INSERT OR REPLACE INTO damaged_updates (seq, doc, data, problem, found_at) SELECT seq, doc, data, ?, ? FROM updates WHERE seq = ? AND doc = ?'
	);
	const deleteOne = db.prepare<[number, string]>('DELETE FROM updates WHERE seq = ? AND doc = ?');
	// The one write to `updates` made on this thread: rare, and health and the audit
	// trail must count the damage as soon as it is found.
	const quarantine = writeTransaction(db, (name: string, seq: number, problem: string) => {
		moveAside.run(problem, new Date(now()).toISOString(), seq, name);
		deleteOne.run(seq, name);
	});
	const writer = startWriter(db.name, options);

	return {
		load: createSqliteReader(db).load,
		append: (name, update) => writer.send({ op: 'append', doc: name, update }),
		whenDurable: (done) => writer.whenDone(done),
		flushed: () => new Promise((resolve, reject) => writer.whenDone(resolve, reject)),
		compact: (name) => writer.send({ op: 'compact', doc: name }),
		quarantine: (name, seq, problem) => quarantine(name, seq, problem),
		damagedCount: () => countDamaged.get()?.n ?? 0,
		names: () => selectNames.all().map((row) => row.doc),
		close: () => writer.close()
	};
}

/**
 * The store writer's thread and the callers waiting for it. Requests are numbered
 * by the order they are sent; the writer answers with how many are committed.
 * The thread keeps the process alive only while something waits for it.
 */
function startWriter(file: string, { onFailure, onSkipped }: StoreOptions) {
	const workerData: z.input<typeof WriterData> = { file };
	const worker = new Worker(new URL('./store-writer.mjs', import.meta.url), { workerData });
	worker.unref();
	let sent = 0;
	let committed = 0;
	let waiting: Array<{ through: number; done: () => void; failed?: (error: Error) => void }> = [];
	let crashed: Error | null = null;
	// Requests go over in one message per turn, each update in a buffer of its own
	// that is moved, not copied: a received update is a view into the socket's larger
	// buffer, which postMessage would otherwise clone whole, every time.
	let outbox: Array<z.input<typeof StoreRequest>> = [];
	let moved: ArrayBuffer[] = [];
	const post = () => {
		worker.postMessage(outbox, moved);
		outbox = [];
		moved = [];
	};

	/** `failure` is why the requests through `through` were not stored; null when they are */
	const settle = (through: number, failure: string | null) => {
		committed = through;
		const ready = waiting.filter((w) => w.through <= through);
		waiting = waiting.filter((w) => w.through > through);
		if (committed === sent) worker.unref();
		for (const w of ready) {
			if (failure === null) w.done();
			else w.failed?.(new Error(`the store could not commit: ${failure}`));
		}
	};
	worker.on('message', (message: unknown) => {
		const reply = StoreReply.parse(message);
		if (reply.kind === 'committed') settle(reply.through, null);
		else if (reply.kind === 'skipped') onSkipped?.(`${reply.op} of ${reply.doc}: ${reply.message}`);
		else {
			settle(reply.through, reply.message);
			if (onFailure) onFailure(reply.message);
			else throw new Error(`the store could not commit: ${reply.message}`);
		}
	});
	worker.on('error', (error) => {
		// the writer thread died (a bug, or it could not open the database): nothing more can be stored
		crashed = error;
		throw new Error(`the store writer stopped: ${error.message}`);
	});

	return {
		send(request: z.input<typeof StoreRequest>): void {
			if (crashed) throw crashed;
			if (sent === committed) worker.ref();
			sent++;
			if (outbox.length === 0) setImmediate(post);
			if (request.op === 'append') {
				const own = request.update.slice();
				moved.push(own.buffer);
				outbox.push({ ...request, update: own });
			} else outbox.push(request);
		},
		/** `done` once everything sent so far is committed; `failed`, if given, when a commit of it failed */
		whenDone(done: () => void, failed?: (error: Error) => void): void {
			if (committed === sent) queueMicrotask(done);
			else waiting.push({ through: sent, done, failed });
		},
		async close(): Promise<void> {
			// committed or not, nothing more will come of what is queued
			if (committed < sent && !crashed) await new Promise<void>((resolve) => waiting.push({ through: sent, done: resolve, failed: () => resolve() }));
			await worker.terminate();
		}
	};
}
