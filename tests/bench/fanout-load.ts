/**
 * The fan-out load generator, run in its own process by fanout.ts (child_process.fork):
 * N clients on N/10 documents, one writer (a participant checking in with the real
 * `checkIn` command) and nine observers (clinician devices) per document. Every
 * writer writes every `intervalMs`; an observer notes the time from the write until
 * the new presence record arrives in its copy. It reports its own CPU use, so a
 * saturated generator is visible.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type * as Y from 'yjs';
import { putSingleton, stampSchemaVersion } from '../../src/lib/doc/codec.ts';
import { LOCAL_ORIGIN, checkIn } from '../../src/lib/doc/commands.ts';
import { documentName } from '../../src/lib/domain/document-names.ts';
import { clinicianDevices, enrolParticipants, inBatches, ticketsFor } from './support/enrol.ts';
import { summarize, type Summary } from './support/stats.ts';
import { SyncClient, type Wire } from './support/sync-client.ts';

export interface LoadConfig {
	baseUrl: string;
	wire: Wire;
	clients: number;
	intervalMs: number;
	warmupMs: number;
	measureMs: number;
	/**
	 * `check-in`: each write appends a presence event (latency is measured);
	 * `reminders`: each write replaces the participant's reminder settings, traffic
	 * that does not grow the document (for the memory soak).
	 */
	write?: 'check-in' | 'reminders';
}

export interface LoadResult {
	latency: Summary;
	expected: number;
	/** deliveries that had not arrived a grace period after the last write */
	missing: number;
	/** the generator's CPU use over the window, 1 = one core */
	cpu: number;
	eventLoopP99Ms: number;
	setupMs: number;
}

export type LoadMessage = { phase: 'measure' } | { phase: 'done'; result: LoadResult } | { phase: 'failed'; error: string };

const OBSERVERS_PER_DOCUMENT = 9;
const GRACE_MS = 2000;

async function connectAll(config: LoadConfig): Promise<{ writers: SyncClient[]; observers: SyncClient[][] }> {
	const documents = Math.max(1, Math.round(config.clients / (OBSERVERS_PER_DOCUMENT + 1)));
	const wsUrl = config.baseUrl.replace(/^http/, 'ws');
	let names: string[];
	let writerTickets: (string | undefined)[];
	let observerTickets: (string | undefined)[];
	if (config.wire === 'reference') {
		names = Array.from({ length: documents }, (_, i) => `self:bench-${i}`);
		writerTickets = names.map(() => undefined);
		observerTickets = Array.from({ length: documents * OBSERVERS_PER_DOCUMENT }, () => undefined);
	} else {
		const participants = await enrolParticipants(config.baseUrl, documents);
		const clinicians = await clinicianDevices(config.baseUrl, OBSERVERS_PER_DOCUMENT);
		names = participants.map((p) => documentName('self', p.participantId));
		writerTickets = await ticketsFor(config.baseUrl, participants.map((p) => p.cookie));
		observerTickets = await ticketsFor(config.baseUrl, names.flatMap(() => clinicians));
	}
	const writers = await inBatches(
		names.map((name, d) => ({ name, ticket: writerTickets[d] })),
		32,
		({ name, ticket }) => SyncClient.connect(wsUrl, config.wire, name, ticket)
	);
	const flat = names.flatMap((name, d) => Array.from({ length: OBSERVERS_PER_DOCUMENT }, (_, o) => ({ name, ticket: observerTickets[d * OBSERVERS_PER_DOCUMENT + o] })));
	const connected = await inBatches(flat, 32, ({ name, ticket }) => SyncClient.connect(wsUrl, config.wire, name, ticket));
	await Promise.all([...writers, ...connected].map((c) => c.synced));
	const observers = names.map((_, d) => connected.slice(d * OBSERVERS_PER_DOCUMENT, (d + 1) * OBSERVERS_PER_DOCUMENT));
	return { writers, observers };
}

async function run(config: LoadConfig, report: (message: LoadMessage) => void): Promise<void> {
	const setupStarted = performance.now();
	const { writers, observers } = await connectAll(config);
	const setupMs = performance.now() - setupStarted;

	const sentAt = new Map<string, number>();
	let measuring = false;
	let expected = 0;
	const samples: number[] = [];
	for (const group of observers) {
		for (const observer of group) {
			observer.doc.getArray('presence').observe((event: Y.YArrayEvent<unknown>) => {
				const now = performance.now();
				for (const item of event.changes.added) {
					for (const value of item.content.getContent() as Array<{ id?: string }>) {
						const at = value.id ? sentAt.get(value.id) : undefined;
						if (at !== undefined) samples.push(now - at);
					}
				}
			});
		}
	}

	const timers = writers.map((writer, d) => {
		const write = () => {
			if (config.write === 'reminders') return replaceReminders(writer.doc);
			const at = performance.now();
			const id = checkIn(writer.doc, { occurrenceId: 'evening@2026-11-26', at: new Date().toISOString(), deviceId: 'bench' });
			if (measuring) {
				sentAt.set(id, at);
				expected += observers[d]?.length ?? 0;
			}
		};
		let interval: NodeJS.Timeout | undefined;
		const start = setTimeout(() => {
			write();
			interval = setInterval(write, config.intervalMs);
		}, Math.random() * config.intervalMs);
		return () => {
			clearTimeout(start);
			clearInterval(interval);
		};
	});

	await sleep(config.warmupMs);
	const loop = monitorEventLoopDelay({ resolution: 10 });
	loop.enable();
	const cpuBefore = process.cpuUsage();
	const wallBefore = performance.now();
	measuring = true;
	report({ phase: 'measure' });
	await sleep(config.measureMs);
	measuring = false;
	const cpu = process.cpuUsage(cpuBefore);
	const wall = performance.now() - wallBefore;
	loop.disable();
	for (const stop of timers) stop();
	await sleep(GRACE_MS);
	for (const client of [...writers, ...observers.flat()]) client.close();

	report({
		phase: 'done',
		result: {
			latency: summarize(samples),
			expected,
			missing: expected - samples.length,
			cpu: (cpu.user + cpu.system) / 1000 / wall,
			eventLoopP99Ms: loop.percentile(99) / 1e6,
			setupMs
		}
	});
}

let flips = 0;
function replaceReminders(doc: Y.Doc): void {
	const at = new Date().toISOString();
	doc.transact(() => {
		stampSchemaVersion(doc);
		putSingleton(doc, 'self', 'reminders', { id: 'reminders', dayBefore: true, hourBefore: flips++ % 2 === 0, updatedAt: at, updatedBy: 'u-bench' });
	}, LOCAL_ORIGIN);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const send = (message: LoadMessage) => process.send?.(message);
const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
run(config, send).then(
	() => process.disconnect?.(),
	(error: unknown) => {
		send({ phase: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
		process.disconnect?.();
	}
);
