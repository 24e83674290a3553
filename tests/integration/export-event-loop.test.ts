/**
 * A large export must not stall the server: while a program's CSV of many
 * participant-years is built (on the export worker), the same server keeps
 * answering other requests, and its event loop never waits anywhere near as long
 * as the export takes. Both checks are structural, not timings against a fixed
 * bound: built on the main thread, the export held the loop for its whole length
 * (nothing else answered until it was done), which fails both.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseloadFixture, type CaseloadFixture } from '../bench/support/caseload-fixture.ts';
import { apiCall, serverPool, signIn, type TestServer } from '../../sync-server/test/support.ts';

const PARTICIPANTS = 30;
const RECIPIENT = 'Care team of Bench IOP';
const pool = serverPool();
let fixture: CaseloadFixture;

beforeAll(async () => {
	fixture = await caseloadFixture(PARTICIPANTS, 2);
}, 120_000);
afterAll(() => fs.rmSync(fixture.dataDir, { recursive: true, force: true }));

async function serverWithConsents(): Promise<{ server: TestServer; clinician: string }> {
	const server = await pool.start({}, fixture.dataDir);
	for (const id of fixture.participantIds) server.context.consents.record(id, { kind: 'care-team', recipient: RECIPIENT, purpose: 'treatment' }, 'test-device');
	return { server, clinician: await signIn(server.url, 'clinician@demo.steady') };
}

const csvPath = (from: string, to: string) =>
	`/api/exports/attendance.csv?${new URLSearchParams({ scope: 'program', from, to, recipient: RECIPIENT, purpose: 'annual utilization review' })}`;

describe('a large export', () => {
	it('leaves the event loop free: other requests are answered meanwhile and no loop delay comes near the export’s length', async () => {
		const { server, clinician } = await serverWithConsents();
		// a small export first, so the worker has started and the measured one is all building
		expect((await apiCall(server.url, csvPath('2025-01-06', '2025-01-12'), clinician)).status).toBe(200);

		const delay = monitorEventLoopDelay({ resolution: 10 });
		delay.enable();
		// the histogram records from its second tick on: let it start before the export
		await new Promise((resolve) => setTimeout(resolve, 50));
		const started = performance.now();
		let exportDone = false;
		const exported = apiCall(server.url, csvPath('2025-01-06', '2025-12-31'), clinician).then(async (res) => {
			const text = await res.text();
			exportDone = true;
			return { status: res.status, rows: text.trim().split('\r\n').length - 1 };
		});
		let answeredMeanwhile = 0;
		while (!exportDone) {
			const health = await apiCall(server.url, '/api/health', '');
			expect(health.status).toBe(200);
			await health.json();
			if (!exportDone) answeredMeanwhile++;
		}
		const { status, rows } = await exported;
		const exportMs = performance.now() - started;
		delay.disable();
		const maxDelayMs = delay.max / 1e6;

		expect(status).toBe(200);
		expect(rows).toBeGreaterThan(PARTICIPANTS * 100); // ~150 sessions a year each
		expect(answeredMeanwhile).toBeGreaterThanOrEqual(5);
		expect(maxDelayMs).toBeLessThan(exportMs / 3);
	}, 120_000);
});
