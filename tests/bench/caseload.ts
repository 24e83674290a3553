/**
 * Benchmark 4, caseload: `npm run bench -- caseload [--participants 200] [--templates 20]`.
 *
 * A clinician's device syncs the documents of 200 participant-years for the first
 * time over loopback: with Steady, the app's own DeviceConnection (one multiplexed
 * socket, a ticket, access checks, documents read from SQLite by the server
 * process); the reference sends the same documents from the reference server over
 * one plain y-websocket socket per document. Then the dashboard: every row computed
 * from the synced documents (the reference: what a full recomputation costs),
 * against recomputing after one change (the changed document read again and its
 * participant's row derived anew).
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { DeviceConnection } from '../../src/lib/doc/connection.ts';
import { checkIn } from '../../src/lib/doc/commands.ts';
import { readCare, readProgram, readSelf } from '../../src/lib/doc/read.ts';
import { CaseloadCache } from '../../src/lib/domain/caseload-cache.ts';
import { sortRows } from '../../src/lib/domain/caseload-view.ts';
import { documentName } from '../../src/lib/domain/document-names.ts';
import { DEFAULT_POLICY, DEFAULT_RISK_RULES } from '../../src/lib/domain/policy.ts';
import { staffCookie, ticket } from '../../sync-server/test/demo-invite.ts';
import { caseloadFixture, PROGRAM } from './support/caseload-fixture.ts';
import { NOW } from './support/derive.ts';
import { CLINICIAN, inBatches } from './support/enrol.ts';
import { BenchServer } from './support/servers.ts';
import { MB, ms, option, printTable, runWhenMain, summarize, verdict } from './support/stats.ts';
import { SyncClient } from './support/sync-client.ts';

const SYNC_TARGET_MS = 2000;
const RECOMPUTE_TARGET_MS = 16;

/** Steady: the app's connection code, one socket, every document a clinician's device holds. */
async function steadyFirstSync(server: BenchServer, names: string[]): Promise<{ ms: number; docs: Map<string, Y.Doc> }> {
	const cookie = await staffCookie(server.url, CLINICIAN, undefined, 'Bench clinician laptop');
	const docs = new Map(names.map((name) => [name, new Y.Doc()]));
	const started = performance.now();
	const connection = new DeviceConnection({
		url: async () => ({ url: `${server.wsUrl}/sync?ticket=${await ticket(server.url, cookie)}` }),
		WebSocket: WebSocket as unknown as typeof globalThis.WebSocket
	});
	for (const [name, doc] of docs) connection.attach(name, doc);
	await new Promise<void>((resolve, reject) => {
		const check = () => {
			const statuses = connection.statuses();
			const denied = statuses.find((s) => s.denied);
			if (denied) reject(new Error(`${denied.name} was denied: ${denied.denied?.reason}`));
			else if (statuses.every((s) => s.synced)) resolve();
		};
		connection.subscribe(check);
		connection.connect();
	});
	const elapsed = performance.now() - started;
	connection.destroy();
	return { ms: elapsed, docs };
}

/** Reference: the documents are pushed to the reference server first (it keeps them while a socket holds them). */
async function referenceFirstSync(documents: Array<{ name: string; update: Uint8Array }>): Promise<number> {
	const server = await BenchServer.start('reference');
	try {
		const holders = await inBatches(documents, 32, async ({ name, update }) => {
			const client = await SyncClient.connect(server.wsUrl, 'reference', name);
			await client.synced;
			Y.applyUpdate(client.doc, update);
			return client;
		});
		// one more round trip per holder, so the server has applied every pushed update
		await inBatches(holders, 32, async (holder) => {
			const check = await SyncClient.connect(server.wsUrl, 'reference', holder.document);
			await check.synced;
			check.close();
		});
		const started = performance.now();
		const readers = await Promise.all(documents.map(({ name }) => SyncClient.connect(server.wsUrl, 'reference', name)));
		await Promise.all(readers.map((r) => r.synced));
		const elapsed = performance.now() - started;
		for (const client of [...holders, ...readers]) client.close();
		return elapsed;
	} finally {
		await server.dispose();
	}
}

/** Wall and CPU time of `runs` calls of `fn`; `before(i)` runs untimed before each. */
function timed(runs: number, fn: () => void, before: (i: number) => void = () => {}) {
	const wall: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < runs; i++) {
		before(i);
		const cpuBefore = process.cpuUsage();
		const started = performance.now();
		fn();
		wall.push(performance.now() - started);
		const used = process.cpuUsage(cpuBefore);
		cpu.push((used.user + used.system) / 1000);
	}
	return { wall: summarize(wall), cpu: summarize(cpu) };
}

export async function caseload(args: readonly string[]): Promise<boolean> {
	const participants = option(args, 'participants', 200);
	const templates = option(args, 'templates', 20);
	process.stderr.write(`caseload: building ${participants} participant-years from ${templates} distinct ones…\n`);
	const fixture = await caseloadFixture(participants, templates);
	const names = fixture.documents.map((d) => d.name).concat(fixture.participantIds.map((id) => documentName('private', id)));
	const bytes = fixture.documents.reduce((sum, d) => sum + d.update.byteLength, 0);

	const server = await BenchServer.start('steady', {}, fixture.dataDir);
	let steady: Awaited<ReturnType<typeof steadyFirstSync>>;
	let serverCpuMs: number;
	const serverCpuBefore = server.cpuSeconds();
	const clientCpuBefore = process.cpuUsage();
	try {
		steady = await steadyFirstSync(server, names);
		serverCpuMs = (server.cpuSeconds() - serverCpuBefore) * 1000;
	} finally {
		await server.dispose();
	}
	const clientCpu = process.cpuUsage(clientCpuBefore);
	const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000;
	const referenceMs = await referenceFirstSync(fixture.documents);
	printTable(
		`Caseload first sync: ${participants} participant-years, ${names.length} documents (${MB(bytes)}) to a clinician's new device over loopback`,
		['server', 'sockets', 'first sync', 'server CPU', 'device CPU', 'target ≤ 2 s'],
		[
			['Steady (DeviceConnection, /sync, from SQLite)', '1', ms(steady.ms, 0), ms(serverCpuMs, 0), ms(clientCpuMs, 0), verdict(steady.ms <= SYNC_TARGET_MS)],
			['reference (y-websocket, no access checks, from memory)', String(fixture.documents.length), ms(referenceMs, 0), '', '', '']
		]
	);

	// the dashboard, from the documents the device just synced, as LiveCaseload does it
	const doc = (name: string) => steady.docs.get(name) ?? new Y.Doc();
	const program = readProgram(doc(documentName('program', PROGRAM)));
	const programData = {
		timeZone: program.info?.timeZone ?? 'America/New_York',
		policy: program.policy ?? DEFAULT_POLICY,
		rules: program.riskRules ?? DEFAULT_RISK_RULES,
		groups: program.groups,
		exceptions: program.exceptions,
		catalog: program.makeupCatalog
	};
	const participant = (id: string) => ({ id, displayName: id, self: readSelf(doc(documentName('self', id))), care: readCare(doc(documentName('care', id))) });
	const cache = new CaseloadCache(NOW);
	for (const id of fixture.participantIds) cache.setParticipant(participant(id));
	cache.setProgram(programData);
	// a program change marks every row stale; the app spreads that work over frames, here it is done at once
	cache.computeStale(() => false);
	const rowCount = cache.rows.length;
	if (rowCount !== participants) throw new Error(`the dashboard has ${rowCount} rows for ${participants} participants`);
	const full = timed(5, () => {
		cache.setProgram(programData);
		for (const id of fixture.participantIds) cache.setParticipant(participant(id));
		sortRows(cache.rows, 'attendance14', 'ascending');
	});
	let changes = 0;
	const change = timed(30, () => {
		const id = fixture.participantIds[changes++ % fixture.participantIds.length] ?? '';
		cache.setParticipant(participant(id));
		sortRows(cache.rows, 'attendance14', 'ascending');
	}, (i) => {
		const id = fixture.participantIds[i % fixture.participantIds.length] ?? '';
		checkIn(doc(documentName('self', id)), { occurrenceId: 'evening@2025-12-18', at: '2025-12-18T23:01:00.000Z', deviceId: 'bench' });
	});
	printTable(
		`Caseload dashboard (CaseloadCache, as LiveCaseload drives it): ${participants} rows (attendance, hours, make-ups, scores, risk flags)`,
		['what', 'median', 'p95', 'CPU median', 'target ≤ 16 ms'],
		[
			['after one change: that participant’s documents read, their row recomputed, rows sorted', ms(change.wall.p50), ms(change.wall.p95), ms(change.cpu.p50), verdict(change.wall.p50 <= RECOMPUTE_TARGET_MS)],
			['reference: every document read and every row recomputed', ms(full.wall.p50), ms(full.wall.p95), ms(full.cpu.p50), '']
		]
	);
	return steady.ms <= SYNC_TARGET_MS && change.wall.p50 <= RECOMPUTE_TARGET_MS;
}

runWhenMain(import.meta.url, caseload);
