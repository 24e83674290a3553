/**
 * Runs exports on one worker thread (export-worker.ts), one job at a time, the
 * others waiting in a short queue, so building a large export never blocks the
 * event loop that serves every socket (DECISIONS: "Exports run in a worker
 * thread"). The worker starts on the first export and stops after a quiet spell.
 *
 * Whatever the worker does, the server lives: a crash, a reply that does not
 * parse, a job over the time limit or over the memory limit answers that job as
 * failed (the worker is replaced for the next one). A job whose request went away
 * is dropped from the queue, or stopped between participants while it runs.
 */
import { Worker } from 'node:worker_threads';
import { OutcomeMessage, type ExportJob, type ExportOutcome } from './export-messages.ts';
import { errorText, type Log } from './log.ts';

export type RunOutcome = ExportOutcome | { ok: false; reason: 'busy'; message: string };

export interface ExportRunnerOptions {
	/** the SQLite file the worker opens read-only */
	dbFile: string;
	log: Log;
	/** the worker's entry point; tests pass misbehaving ones */
	entry?: URL;
	/** jobs that may wait behind the running one; more are refused as busy */
	maxQueued?: number;
	/** a job running longer is stopped */
	timeoutMs?: number;
	/** the worker stops after this long without work, giving its memory back */
	idleMs?: number;
	/** the worker's heap limit: a runaway export ends the worker, not the server */
	maxHeapMb?: number;
}

interface Pending {
	jobId: number;
	job: ExportJob;
	resolve: (outcome: RunOutcome) => void;
	signal: AbortSignal | undefined;
	onAbort: () => void;
}

const failed = (message: string): RunOutcome => ({ ok: false, reason: 'failed', message });

export class ExportRunner {
	readonly #options: Required<ExportRunnerOptions>;
	/** slot 0: the id of the running job the main thread no longer wants (read by the worker) */
	readonly #cancel = new Int32Array(new SharedArrayBuffer(4));
	#worker: Worker | null = null;
	#running: Pending | null = null;
	readonly #queue: Pending[] = [];
	#nextJobId = 1;
	#jobTimer: NodeJS.Timeout | undefined;
	#idleTimer: NodeJS.Timeout | undefined;
	#closed = false;

	constructor(options: ExportRunnerOptions) {
		this.#options = {
			entry: new URL('./export-worker-boot.js', import.meta.url),
			maxQueued: 8,
			timeoutMs: 120_000,
			idleMs: 60_000,
			maxHeapMb: 1024,
			...options
		};
	}

	/** Builds the export on the worker; resolves, never rejects. */
	run(job: ExportJob, signal?: AbortSignal): Promise<RunOutcome> {
		if (this.#closed) return Promise.resolve(failed('the server is shutting down'));
		if (signal?.aborted) return Promise.resolve({ ok: false, reason: 'cancelled', message: 'the request went away' });
		if (this.#queue.length >= this.#options.maxQueued) {
			return Promise.resolve({ ok: false, reason: 'busy', message: `${this.#queue.length} exports are already waiting` });
		}
		return new Promise((resolve) => {
			const pending: Pending = { jobId: this.#nextJobId++, job, resolve, signal, onAbort: () => this.#abort(pending) };
			signal?.addEventListener('abort', pending.onAbort, { once: true });
			this.#queue.push(pending);
			this.#next();
		});
	}

	/** Fails what is waiting and stops the worker. */
	async close(): Promise<void> {
		this.#closed = true;
		clearTimeout(this.#idleTimer);
		for (const pending of [...this.#queue.splice(0), ...(this.#running ? [this.#running] : [])]) this.#finish(pending, failed('the server is shutting down'));
		await this.#stopWorker();
	}

	#abort(pending: Pending): void {
		const waiting = this.#queue.indexOf(pending);
		if (waiting >= 0) {
			this.#queue.splice(waiting, 1);
			this.#finish(pending, { ok: false, reason: 'cancelled', message: 'the request went away' });
		} else if (this.#running === pending) {
			// the worker looks between participants and answers `cancelled`
			Atomics.store(this.#cancel, 0, pending.jobId);
		}
	}

	#next(): void {
		if (this.#running || this.#closed) return;
		const pending = this.#queue.shift();
		clearTimeout(this.#idleTimer);
		if (!pending) {
			this.#idleTimer = setTimeout(() => void this.#stopWorker(), this.#options.idleMs).unref();
			return;
		}
		this.#running = pending;
		Atomics.store(this.#cancel, 0, 0);
		let worker: Worker;
		try {
			worker = this.#worker ??= this.#startWorker();
			worker.postMessage({ jobId: pending.jobId, job: pending.job });
		} catch (error) {
			this.#options.log.error(`exports: the export worker could not take the job: ${errorText(error)}`);
			this.#finish(pending, failed(errorText(error)));
			return;
		}
		this.#jobTimer = setTimeout(() => this.#lose(worker, `the export took over ${this.#options.timeoutMs / 1000} s and was stopped`), this.#options.timeoutMs);
	}

	#startWorker(): Worker {
		const worker = new Worker(this.#options.entry, {
			workerData: { dbFile: this.#options.dbFile, cancel: this.#cancel.buffer },
			resourceLimits: { maxOldGenerationSizeMb: this.#options.maxHeapMb }
		});
		// the server's listener keeps the process alive; an idle worker must not
		worker.unref();
		worker.on('message', (raw: unknown) => this.#onMessage(worker, raw));
		worker.on('error', (error) => this.#lose(worker, `the export worker failed: ${errorText(error)}`));
		worker.on('exit', (code) => this.#lose(worker, `the export worker stopped unexpectedly (exit code ${code})`));
		return worker;
	}

	#onMessage(worker: Worker, raw: unknown): void {
		const message = OutcomeMessage.safeParse(raw);
		const running = this.#running;
		if (!message.success || !running || message.data.jobId !== running.jobId) {
			// a worker that answers something else cannot be trusted with the next job either
			const why = message.success ? `an answer to job ${message.data.jobId}, which is not running` : (message.error.issues[0]?.message ?? 'invalid');
			this.#lose(worker, `the export worker sent a message that does not parse as an answer (${why})`);
			return;
		}
		this.#finish(running, message.data.outcome);
	}

	/** The worker is no use any more: the running job fails, a fresh worker takes the next. */
	#lose(worker: Worker, message: string): void {
		if (this.#worker !== worker) return; // already replaced (e.g. its exit after an error)
		this.#worker = null;
		void worker.terminate();
		this.#options.log.error(`exports: ${message}`);
		if (this.#running) this.#finish(this.#running, failed(message));
	}

	#finish(pending: Pending, outcome: RunOutcome): void {
		if (this.#running === pending) {
			this.#running = null;
			clearTimeout(this.#jobTimer);
		}
		pending.signal?.removeEventListener('abort', pending.onAbort);
		pending.resolve(outcome);
		this.#next();
	}

	async #stopWorker(): Promise<void> {
		const worker = this.#worker;
		this.#worker = null;
		await worker?.terminate();
	}
}
