/**
 * Benchmark 2, capacity and memory: `npm run bench -- capacity [--clients 500] [--minutes 0.75]`
 * (the full soak: `--minutes 10`). Needs `node --expose-gc` (npm run bench passes it).
 *
 * Steady runs in this process so its heap can be read after a full GC; clients run
 * in their own process (fanout-load.ts) or are bare sockets that hold no document.
 *
 * 1. Memory per loaded participant document: participants' documents are stored,
 *    then one clinician socket opens them all; the heap grows by the documents in
 *    the server's memory. The reference: the same updates loaded into the reference
 *    server's documents (its module-level map), in this process too.
 * 2. Soak: N clients (1 writer and 9 observers per document) hold their sockets while
 *    every writer replaces its reminder settings every 500 ms (traffic that does not
 *    grow the documents); the heap after GC is sampled and should stay flat.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as encoding from 'lib0/encoding';
import { createServer, type RunningServer } from '../../sync-server/src/app.ts';
import { loadConfig } from '../../sync-server/src/config.ts';
import { consoleLog, silentLog } from '../../sync-server/src/log.ts';
import { staffCookie, ticket } from '../../sync-server/test/demo-invite.ts';
import { documentName } from '../../src/lib/domain/document-names.ts';
import { MESSAGE, decodeFrame, encodeFrame } from '../../src/lib/protocol/frames.ts';
import type { LoadConfig, LoadMessage } from './fanout-load.ts';
import { CLINICIAN } from './support/enrol.ts';
import { planDocuments } from './support/fanout-plan.ts';
import { participantYear } from './support/participant-year.ts';
import { kB, MB, option, printTable, runWhenMain, verdict } from './support/stats.ts';

const PER_DOCUMENT_TARGET = 50 * 1024;

/**
 * The heap after GC plus the ArrayBuffers outside it: a room that keeps a document as
 * its stored bytes holds them in an ArrayBuffer, which heapUsed alone would not count.
 */
function heapAfterGc(): number {
	const gc = (globalThis as { gc?: () => void }).gc;
	if (!gc) throw new Error('run with node --expose-gc (npm run bench -- capacity does)');
	gc();
	gc();
	const usage = process.memoryUsage();
	return usage.heapUsed + usage.arrayBuffers;
}

async function startSteady(): Promise<RunningServer> {
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steady-bench-capacity-'));
	return createServer(
		loadConfig({ STEADY_DATA_DIR: dataDir, STEADY_DEMO: '1', STEADY_PORT: '0', STEADY_MAX_CONNECTIONS_PER_DEVICE: '1000', STEADY_IDLE_UNLOAD_MS: '3600000' }),
		{ log: process.env.BENCH_LOG ? consoleLog : silentLog }
	);
}

/** Opens every document on one multiplexed socket and waits for each one's sync step 2; keeps no copy. */
async function openBare(server: RunningServer, names: string[]): Promise<WebSocket> {
	const cookie = await staffCookie(server.url, CLINICIAN, undefined, 'Bench capacity');
	const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync?ticket=${await ticket(server.url, cookie)}`);
	await new Promise((resolve, reject) => {
		ws.once('open', resolve);
		ws.once('error', reject);
	});
	const pending = new Set(names);
	const done = new Promise<void>((resolve) => {
		ws.on('message', (data: Buffer) => {
			const frame = decodeFrame(new Uint8Array(data));
			// sync step 2 is the answer to our step 1
			if (frame && frame.message[0] === MESSAGE.sync && frame.message[1] === 1) pending.delete(frame.document);
			if (pending.size === 0) resolve();
		});
	});
	const empty = new Y.Doc();
	for (const name of names) {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE.sync);
		syncProtocol.writeSyncStep1(encoder, empty);
		ws.send(encodeFrame(name, encoding.toUint8Array(encoder)));
	}
	await done;
	return ws;
}

/** participants made so far in this process, so every batch gets new ids */
let loadedSoFar = 0;

interface PerDocument {
	label: string;
	encoded: number;
	steady: number;
	reference: number;
}

async function memoryPerDocument(server: RunningServer, label: string, count: number, weeks: number): Promise<PerDocument> {
	const { directory, store } = server.context;
	const templates = Array.from({ length: 5 }, (_, i) => Y.encodeStateAsUpdate(participantYear(`t${i}`, 100 + i, weeks).self));
	const names: string[] = [];
	for (let i = 0; i < count; i++) {
		const id = `p-cap-${loadedSoFar++}`;
		directory.addParticipant({ id, programId: 'demo', displayName: `Capacity ${i}` });
		store.append(documentName('self', id), templates[i % templates.length] as Uint8Array);
		names.push(documentName('self', id));
	}
	await store.flushed();
	const before = heapAfterGc();
	const socket = await openBare(server, names);
	const steady = (heapAfterGc() - before) / count;
	socket.terminate();

	const { getYDoc, docs } = await import('@y/websocket-server/utils');
	const referenceBefore = heapAfterGc();
	for (const [i, name] of names.entries()) Y.applyUpdate(getYDoc(name), templates[i % templates.length] as Uint8Array);
	const reference = (heapAfterGc() - referenceBefore) / count;
	for (const doc of docs.values()) doc.destroy();
	docs.clear();
	const encoded = templates.reduce((sum, t) => sum + t.byteLength, 0) / templates.length;
	return { label, encoded, steady, reference };
}

async function soak(server: RunningServer, clients: number, minutes: number) {
	const documents = await planDocuments(server.url, 'mux', clients);
	const config: LoadConfig = { baseUrl: server.url, wire: 'mux', documents, intervalMs: 500, warmupMs: 3000, measureMs: minutes * 60_000, write: 'reminders' };
	const child = fork('tests/bench/fanout-load.ts', [JSON.stringify(config)], { execArgv: ['--import', 'tsx'] });
	const samples: Array<{ at: number; heap: number }> = [];
	let held = 0;
	let timer: NodeJS.Timeout | undefined;
	const sample = () => samples.push({ at: performance.now(), heap: heapAfterGc() });
	await new Promise<void>((resolve, reject) => {
		child.on('message', (message: LoadMessage) => {
			if (message.phase === 'measure') {
				held = server.context.rooms.loaded().length;
				sample();
				timer = setInterval(sample, Math.max(2000, (minutes * 60_000) / 30));
			} else if (message.phase === 'done') resolve();
			else reject(new Error(message.error));
		});
		child.once('exit', (code) => reject(new Error(`the load generator exited with ${code}`)));
	}).finally(() => clearInterval(timer));
	const first = samples[0]?.heap ?? NaN;
	const last = samples.at(-1)?.heap ?? NaN;
	// least-squares slope of heap over time, per minute
	const n = samples.length;
	const meanT = samples.reduce((s, p) => s + p.at, 0) / n;
	const meanH = samples.reduce((s, p) => s + p.heap, 0) / n;
	const slope = samples.reduce((s, p) => s + (p.at - meanT) * (p.heap - meanH), 0) / samples.reduce((s, p) => s + (p.at - meanT) ** 2, 0);
	return { first, last, max: Math.max(...samples.map((s) => s.heap)), perMinute: slope * 60_000, samples: n, documents: held };
}

export async function capacity(args: readonly string[]): Promise<boolean> {
	const clients = option(args, 'clients', 500);
	const minutes = option(args, 'minutes', 0.75);
	const documents = option(args, 'documents', 200);
	const server = await startSteady();
	try {
		// not measured: the first documents a process loads also pay for code and caches made once
		await memoryPerDocument(server, 'warm-up', 20, 12);
		const rows = [await memoryPerDocument(server, 'participant, 12 weeks (a typical IOP stay)', documents, 12), await memoryPerDocument(server, 'participant-year', documents, 50)];
		printTable(
			`Server memory per loaded participant document (self:<id>, ${documents} loaded, heap after GC plus ArrayBuffers)`,
			['document', 'encoded', 'Steady', 'reference', 'Steady/ref', 'target ≤ 50 kB'],
			rows.map((r) => [r.label, kB(r.encoded), kB(r.steady), kB(r.reference), (r.steady / r.reference).toFixed(2), verdict(r.steady <= PER_DOCUMENT_TARGET)])
		);
		process.stderr.write(`capacity: soak with ${clients} clients for ${minutes} min…\n`);
		const held = await soak(server, clients, minutes);
		const growth = held.last - held.first;
		const flat = held.perMinute < 1024 * 1024 && growth < Math.max(2 * 1024 * 1024, held.first * 0.05);
		printTable(
			`Soak: ${clients} connections held on ${held.documents} loaded documents, a write every 500 ms per document, ${minutes} min (heap after GC plus ArrayBuffers, ${held.samples} samples)`,
			['heap at start', 'at end', 'peak', 'trend', 'verdict'],
			[[MB(held.first), MB(held.last), MB(held.max), `${kB(held.perMinute, 0)}/min`, flat ? 'flat' : 'GROWING']]
		);
		// both sizes are held to the target: a participant may stay in the program a year
		return rows.every((r) => r.steady <= PER_DOCUMENT_TARGET) && flat;
	} finally {
		await server.close();
		fs.rmSync(server.context.config.dataDir, { recursive: true, force: true });
	}
}

runWhenMain(import.meta.url, capacity);
