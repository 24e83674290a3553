/**
 * Exports are built on a worker thread (DECISIONS: "Exports run in a worker
 * thread"); whatever happens there, the server answers and lives on. A document
 * the worker cannot read, or a worker that dies, answers 500 `export-failed` with
 * a log line and discloses nothing; a request that goes away stops its job and
 * discloses nothing; a refusal for want of consent comes before any document is read.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { apiCall, serverPool, signIn, type TestServer } from '../../sync-server/test/support.ts';
import { ExportRunner, type RunOutcome } from '../../sync-server/src/export-runner.ts';
import type { Log } from '../../sync-server/src/log.ts';

const pool = serverPool();
let server: TestServer;
let clinician: string;
let errors: string[];

const CARE_TEAM = 'Care team of Steady Demo IOP';
const reportPath = (participantId: string) =>
	`/api/exports/report?${new URLSearchParams({ participantId, from: '2026-01-05', to: '2026-01-11', recipient: CARE_TEAM, purpose: 'utilization review' })}`;

const disclosures = () => server.context.db.prepare('SELECT participant_id FROM disclosures').all();

beforeEach(async () => {
	errors = [];
	const log: Log = { info: () => {}, warn: () => {}, error: (message) => errors.push(message) };
	server = await pool.start({}, undefined, { log });
	for (const participant of ['alex', 'casey']) {
		server.context.consents.record(participant, { kind: 'care-team', recipient: CARE_TEAM, purpose: 'treatment' }, 'test-device');
	}
	clinician = await signIn(server.url, 'clinician@demo.steady');
});

/** Puts a runner with a stand-in worker (sync-server/test/export-workers/) in the server's place. */
function standIn(worker: string): { outcomes: Array<Promise<RunOutcome>>; restore: () => Promise<void> } {
	const real = server.context.exports;
	const runner = new ExportRunner({ dbFile: server.context.db.name, log: server.context.log, entry: new URL(`../../sync-server/test/export-workers/${worker}.js`, import.meta.url) });
	const outcomes: Array<Promise<RunOutcome>> = [];
	const run = runner.run.bind(runner);
	runner.run = (job, signal) => {
		const outcome = run(job, signal);
		outcomes.push(outcome);
		return outcome;
	};
	server.context.exports = runner;
	return {
		outcomes,
		restore: async () => {
			server.context.exports = real;
			await runner.close();
		}
	};
}

async function expectExportFailed(res: Response): Promise<void> {
	expect(res.status).toBe(500);
	const body = (await res.json()) as { error: { code: string; message: string } };
	expect(body.error.code).toBe('export-failed');
	expect(body.error.message).toContain('Try again');
}

describe('when building fails', () => {
	it('a stored document the worker cannot read answers 500 export-failed, is logged, discloses nothing, and other exports still work', async () => {
		server.context.store.append('self:alex', new Uint8Array([1, 2, 3]));
		await server.context.store.flushed();
		await expectExportFailed(await apiCall(server.url, reportPath('alex'), clinician));
		expect(errors).toEqual([expect.stringMatching(/^export report failed: .*Unexpected end of array/)]);
		expect(disclosures()).toEqual([]);

		expect((await apiCall(server.url, reportPath('casey'), clinician)).status).toBe(200);
		expect(disclosures()).toEqual([{ participant_id: 'casey' }]);
	});

	it('a worker that dies answers 500 export-failed and the server carries on', async () => {
		const { restore } = standIn('crash');
		await expectExportFailed(await apiCall(server.url, reportPath('alex'), clinician));
		expect(errors.some((line) => line.includes('boom in the export worker'))).toBe(true);
		expect((await apiCall(server.url, '/api/health', '')).status).toBe(200);
		await restore();
		expect((await apiCall(server.url, reportPath('alex'), clinician)).status).toBe(200);
	});
});

describe('a request that goes away', () => {
	it('stops its job and discloses nothing', async () => {
		const { outcomes, restore } = standIn('cancellable');
		const controller = new AbortController();
		const request = fetch(`${server.url}${reportPath('alex')}`, { headers: { cookie: clinician }, signal: controller.signal });
		await expect.poll(() => outcomes.length).toBe(1);
		controller.abort();
		await expect(request).rejects.toThrow();
		expect(await outcomes[0]).toMatchObject({ ok: false, reason: 'cancelled' });
		expect(disclosures()).toEqual([]);
		await restore();
	});
});

describe('consent first', () => {
	it('a refused export never reaches the worker', async () => {
		const { outcomes, restore } = standIn('crash');
		const res = await apiCall(server.url, reportPath('blair'), clinician);
		expect(res.status).toBe(403);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('no-consent');
		expect(outcomes).toEqual([]);
		await restore();
	});
});
