/**
 * Benchmark 8, exports: `npm run bench -- exports [--participants 100] [--templates 10] [--rounds 3]`.
 *
 * A year's attendance CSV of a whole program (100 participant-years) from the real
 * server process, built on its export worker. Meanwhile a client asks
 * `/api/health` one request after another: how long each waits is how long the
 * server's event loop (sockets, check-ins, heartbeats) waits. The reference: the
 * same requests with no export running. The first export also starts the worker.
 */
import { createConsents } from '../../sync-server/src/consents.ts';
import { openDatabase } from '../../sync-server/src/db.ts';
import { staffCookie } from '../../sync-server/test/demo-invite.ts';
import { caseloadFixture } from './support/caseload-fixture.ts';
import { CLINICIAN } from './support/enrol.ts';
import { BenchServer } from './support/servers.ts';
import { MB, ms, option, printTable, runWhenMain, summarize, type Summary, verdict } from './support/stats.ts';

const RECIPIENT = 'Care team of Bench IOP';
/** a health answer during an export waits no longer than this (p95) */
const HEALTH_TARGET_MS = 50;

async function health(url: string): Promise<number> {
	const started = performance.now();
	const res = await fetch(`${url}/api/health`);
	await res.json();
	return performance.now() - started;
}

/** Health requests one after another until `until` settles; their latencies. */
async function healthWhile(url: string, until: Promise<unknown>): Promise<number[]> {
	let done = false;
	void until.finally(() => (done = true));
	const samples: number[] = [];
	while (!done) samples.push(await health(url));
	return samples;
}

async function exportCsv(url: string, cookie: string): Promise<{ ms: number; bytes: number }> {
	const query = new URLSearchParams({ scope: 'program', from: '2025-01-06', to: '2025-12-31', recipient: RECIPIENT, purpose: 'annual utilization review' });
	const started = performance.now();
	const res = await fetch(`${url}/api/exports/attendance.csv?${query}`, { headers: { cookie } });
	const text = await res.text();
	if (res.status !== 200) throw new Error(`the export answered ${res.status}: ${text}`);
	return { ms: performance.now() - started, bytes: Buffer.byteLength(text) };
}

const row = (what: string, s: Summary, extra: string): string[] => [what, String(s.count), ms(s.p50), ms(s.p95), ms(s.max), extra];

export async function exportsBench(args: readonly string[]): Promise<boolean> {
	const participants = option(args, 'participants', 100);
	const templates = option(args, 'templates', 10);
	const rounds = option(args, 'rounds', 3);
	const fixture = await caseloadFixture(participants, templates);
	const db = openDatabase(fixture.dataDir);
	const consents = createConsents(db);
	for (const id of fixture.participantIds) consents.record(id, { kind: 'care-team', recipient: RECIPIENT, purpose: 'treatment' }, 'bench');
	db.close();

	const server = await BenchServer.start('steady', {}, fixture.dataDir);
	try {
		const cookie = await staffCookie(server.url, CLINICIAN, undefined, 'Bench exports');
		const idle: number[] = [];
		for (let i = 0; i < 200; i++) idle.push(await health(server.url));
		const exports: Array<{ ms: number; bytes: number }> = [];
		const during: number[] = [];
		for (let round = 0; round < rounds; round++) {
			const exported = exportCsv(server.url, cookie);
			during.push(...(await healthWhile(server.url, exported)));
			exports.push(await exported);
		}
		const duringSummary = summarize(during);
		const [cold, ...warm] = exports;
		printTable(
			`Exports: a year's program CSV of ${participants} participant-years (${MB(cold?.bytes ?? 0)}), built on the export worker; took ${ms(cold?.ms ?? NaN, 0)} cold (worker start), ${warm.map((e) => ms(e.ms, 0)).join(', ')} warm`,
			['/api/health answered', 'count', 'median', 'p95', 'max', `target p95 ≤ ${HEALTH_TARGET_MS} ms`],
			[row(`during the ${rounds} exports`, duringSummary, verdict(duringSummary.p95 <= HEALTH_TARGET_MS)), row('reference: no export running', summarize(idle), '')]
		);
		return duringSummary.p95 <= HEALTH_TARGET_MS;
	} finally {
		await server.dispose();
	}
}

runWhenMain(import.meta.url, exportsBench);
