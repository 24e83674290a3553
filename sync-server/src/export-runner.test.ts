/**
 * The export runner keeps the server alive whatever its worker does: a crash, an
 * exit, a reply that does not parse or no reply at all fails that one job with a
 * log line, and a fresh worker takes the next. A job whose request went away
 * leaves the queue or is stopped through the shared slot; a full queue is busy.
 * The workers here are small stand-ins (sync-server/test/export-workers/).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ExportJob } from './export-messages.ts';
import { ExportRunner, type ExportRunnerOptions } from './export-runner.ts';
import type { Log } from './log.ts';

const job: ExportJob = {
	kind: 'report',
	programId: 'demo',
	range: { from: '2026-01-05', to: '2026-01-11' },
	now: '2026-01-12T12:00:00.000Z',
	participant: { id: 'alex', displayName: 'Alex M.' }
};

const runners: ExportRunner[] = [];
afterEach(async () => {
	for (const runner of runners.splice(0)) await runner.close();
});

function runnerWith(worker: string, options: Partial<ExportRunnerOptions> = {}): { runner: ExportRunner; errors: string[] } {
	const errors: string[] = [];
	const log: Log = { info: () => {}, warn: () => {}, error: (message) => errors.push(message) };
	const entry = new URL(`../test/export-workers/${worker}.js`, import.meta.url);
	const runner = new ExportRunner({ dbFile: 'unused.sqlite', log, entry, ...options });
	runners.push(runner);
	return { runner, errors };
}

describe('a worker that misbehaves', () => {
	it('a worker that throws fails the job with why, logs it, and the next job gets a fresh worker', async () => {
		const { runner, errors } = runnerWith('crash');
		const first = await runner.run(job);
		expect(first).toEqual({ ok: false, reason: 'failed', message: expect.stringContaining('boom in the export worker') });
		expect(errors).toEqual([expect.stringContaining('boom in the export worker')]);
		// the replacement throws too, and again only that job fails
		expect((await runner.run(job)).ok).toBe(false);
		expect(errors).toHaveLength(2);
	});

	it('a worker that exits fails the job and names the exit code', async () => {
		const { runner, errors } = runnerWith('exit');
		expect(await runner.run(job)).toEqual({ ok: false, reason: 'failed', message: expect.stringContaining('exit code 7') });
		expect(errors).toHaveLength(1);
	});

	it('a reply that does not parse as an outcome fails the job', async () => {
		const { runner, errors } = runnerWith('garbage');
		expect(await runner.run(job)).toEqual({ ok: false, reason: 'failed', message: expect.stringContaining('does not parse') });
		expect(errors).toHaveLength(1);
	});

	it('a job over the memory limit ends its worker, not the server', async () => {
		const { runner, errors } = runnerWith('hog', { maxHeapMb: 16 });
		expect(await runner.run(job)).toEqual({ ok: false, reason: 'failed', message: expect.stringContaining('memory') });
		expect(errors).toHaveLength(1);
	});

	it('a worker that cannot start fails the job', async () => {
		const { runner, errors } = runnerWith('missing');
		expect(await runner.run(job)).toMatchObject({ ok: false, reason: 'failed' });
		expect(errors).toHaveLength(1);
	});

	it('a job the worker cannot be handed fails alone, and the next one runs', async () => {
		const { runner, errors } = runnerWith('echo');
		const uncloneable = { ...job, participant: { ...job.participant, toString: () => 'a function' } };
		expect(await runner.run(uncloneable)).toMatchObject({ ok: false, reason: 'failed', message: expect.stringContaining('could not be cloned') });
		expect(errors).toHaveLength(1);
		expect(await runner.run(job)).toMatchObject({ ok: true, built: { text: 'report' } });
	});

	it('a job over the time limit is stopped and fails', async () => {
		const { runner } = runnerWith('silent', { timeoutMs: 200 });
		expect(await runner.run(job)).toEqual({ ok: false, reason: 'failed', message: expect.stringContaining('took over 0.2 s') });
	});
});

describe('the queue', () => {
	it('runs jobs one at a time, in order, and refuses more than the queue holds as busy', async () => {
		const { runner } = runnerWith('echo', { maxQueued: 1 });
		const running = runner.run(job);
		const waiting = runner.run({ ...job, kind: 'fhir' });
		expect(await runner.run(job)).toMatchObject({ ok: false, reason: 'busy' });
		expect(await running).toMatchObject({ ok: true, built: { text: 'report' } });
		expect(await waiting).toMatchObject({ ok: true, built: { text: 'fhir' } });
	});

	it('a waiting job whose request goes away leaves the queue; the running one is told to stop', async () => {
		const { runner } = runnerWith('cancellable');
		const first = new AbortController();
		const second = new AbortController();
		const running = runner.run(job, first.signal);
		const waiting = runner.run(job, second.signal);
		second.abort();
		expect(await waiting).toMatchObject({ ok: false, reason: 'cancelled' });
		first.abort();
		expect(await running).toMatchObject({ ok: false, reason: 'cancelled' });
	});

	it('closing fails what is running and waiting, and refuses new jobs', async () => {
		const { runner } = runnerWith('silent');
		const running = runner.run(job);
		const waiting = runner.run(job);
		await runner.close();
		for (const outcome of [await running, await waiting, await runner.run(job)]) {
			expect(outcome).toEqual({ ok: false, reason: 'failed', message: 'the server is shutting down' });
		}
	});
});
