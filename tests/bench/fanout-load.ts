/**
 * The fan-out load generator, run in its own process by fanout.ts (child_process.fork):
 * the documents planned for it (support/fanout-plan.ts), one writer (a participant
 * checking in with the real `checkIn` command) and nine observers (clinician
 * devices) per document. Every
 * writer writes every `intervalMs`; an observer notes the time from the write until
 * the new presence record arrives in its copy. It reports its own CPU use, so a
 * saturated generator is visible.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type * as Y from 'yjs';
import { putSingleton, stampSchemaVersion } from '../../src/lib/doc/codec.ts';
import { LOCAL_ORIGIN, checkIn } from '../../src/lib/doc/commands.ts';
import { inBatches } from './support/enrol.ts';
import type { PlannedDocument } from './support/fanout-plan.ts';
import { SyncClient, type Wire } from './support/sync-client.ts';

export interface LoadConfig {
	baseUrl: string;
	wire: Wire;
	/** made by the process that forks this one (support/fanout-plan.ts says why) */
	documents: PlannedDocument[];
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
	/** write → observer latencies in ms, one per delivery (pooled over rounds by fanout.ts) */
	samples: number[];
	expected: number;
	/** deliveries that had not arrived a grace period after the last write */
	missing: number;
	/** the generator's CPU use over the window, 1 = one core */
	cpu: number;
	eventLoopP99Ms: number;
	setupMs: number;
}

export type LoadMessage = { phase: 'measure' } | { phase: 'done'; result: LoadResult } | { phase: 'failed'; error: string };

const GRACE_MS = 2000;

async function connectAll(config: LoadConfig): Promise<{ writers: SyncClient[]; observers: SyncClient[][] }> {
	const wsUrl = config.baseUrl.replace(/^http/, 'ws');
	const connect = ({ name, ticket }: { name: string; ticket: string | undefined }) => SyncClient.connect(wsUrl, config.wire, name, ticket);
	const writers = await inBatches(
		config.documents.map((d) => ({ name: d.name, ticket: d.writerTicket })),
		32,
		connect
	);
	const connected = await inBatches(
		config.documents.flatMap((d) => d.observerTickets.map((ticket) => ({ name: d.name, ticket }))),
		32,
		connect
	);
	let next = 0;
	const observers = config.documents.map((d) => connected.slice(next, (next += d.observerTickets.length)));
	await Promise.all([...writers, ...observers.flat()].map((c) => c.synced));
	return { writers, observers };
}

async function run(config: LoadConfig, report: (message: LoadMessage) => Promise<void>): Promise<void> {
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
	void report({ phase: 'measure' });
	await sleep(config.measureMs);
	measuring = false;
	const cpu = process.cpuUsage(cpuBefore);
	const wall = performance.now() - wallBefore;
	loop.disable();
	for (const stop of timers) stop();
	await sleep(GRACE_MS);
	for (const client of [...writers, ...observers.flat()]) client.close();

	await report({
		phase: 'done',
		result: {
			samples,
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

/** Resolves once the message is handed over: disconnecting earlier can drop a large one (all the samples). */
const send = (message: LoadMessage) => new Promise<void>((resolve) => (process.send ? process.send(message, undefined, {}, () => resolve()) : resolve()));
const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig;
run(config, send).then(
	() => process.disconnect?.(),
	(error: unknown) => {
		void send({ phase: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) }).then(() => process.disconnect?.());
	}
);
