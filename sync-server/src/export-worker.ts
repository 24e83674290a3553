/**
 * The export worker thread (started by export-runner.ts through
 * export-worker-boot.js): builds one export at a time from the stored documents,
 * over its own read-only connection to the database, so the main thread's event
 * loop keeps serving sockets meanwhile. WAL lets this reader run beside the
 * server's writer, and every update is stored before it is applied, so what this
 * connection reads is what the rooms hold.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { buildExport } from './export-build.ts';
import { JobMessage, type OutcomeMessage } from './export-messages.ts';
import { errorText } from './log.ts';
import { createSqliteReader } from './storage.ts';

const WorkerData = z.object({
	dbFile: z.string().min(1),
	/** slot 0 holds the id of the job the main thread no longer wants */
	cancel: z.instanceof(SharedArrayBuffer)
});

const port = parentPort;
if (!port) throw new Error('export-worker.ts runs as a worker thread (see export-runner.ts)');
const data = WorkerData.parse(workerData);
const db = new Database(data.dbFile, { readonly: true, fileMustExist: true });
db.pragma('busy_timeout = 5000');
const store = createSqliteReader(db);
const cancelled = new Int32Array(data.cancel);

port.on('message', (raw: unknown) => {
	const message = JobMessage.safeParse(raw);
	if (!message.success) {
		// without a job id nobody waits for an answer; say so in the log by failing loudly
		throw new Error(`the export worker got a message it cannot read: ${message.error.issues[0]?.message ?? 'invalid'}`);
	}
	const { jobId, job } = message.data;
	let reply: OutcomeMessage;
	try {
		reply = { jobId, outcome: buildExport(store, job, () => Atomics.load(cancelled, 0) !== jobId) };
	} catch (error) {
		reply = { jobId, outcome: { ok: false, reason: 'failed', message: errorText(error) } };
	}
	port.postMessage(reply);
});
