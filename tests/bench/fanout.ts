/**
 * Benchmark 1, sync fan-out latency: `npm run bench -- fanout [--clients 50,500,2000] [--seconds 5]`.
 *
 * For each N, the same load (fanout-load.ts, its own process) runs against the
 * reference y-websocket server and against Steady's two endpoints, each server
 * started fresh in its own process. Prints write→observer latency, deliveries that
 * never arrived, CPU of server and generator, and Steady's p99 over the reference's.
 *
 * `--rounds R` runs the three servers R times, in a rotated order each round, and
 * pools each one's deliveries: the machine's drift then falls on all three alike,
 * and the per-round p99s show how far a single window can be trusted.
 */
import { fork } from 'node:child_process';
import type { LoadConfig, LoadMessage, LoadResult } from './fanout-load.ts';
import { planDocuments } from './support/fanout-plan.ts';
import { BenchServer } from './support/servers.ts';
import { ms, option, printTable, runWhenMain, summarize, verdict, type Summary } from './support/stats.ts';
import { WIRES, type Wire } from './support/sync-client.ts';

const LABEL: Record<Wire, string> = { reference: 'reference', single: 'Steady /sync/<doc>', mux: 'Steady /sync (mux)' };
/** the generator counts as saturated above this share of one core */
const SATURATED = 0.85;
/** the generator's own event-loop lag (p99) above which latencies say more about the machine than the server */
const STARVED_LAG_MS = 20;
/**
 * The generator allocates about 20 kB per delivery (ws frames, Yjs transactions),
 * and with V8's default young generation it paused 3–7 ms for a scavenge every
 * 0.6 s: about 1% of deliveries waited out one of its pauses, which is a p99 of
 * the generator, not of the server. A 64 MB semi-space makes those pauses about
 * half as frequent (docs/BENCHMARKS.md); it is the same for every server measured.
 */
const GENERATOR_FLAGS = ['--max-semi-space-size=64'];

interface Run {
	clients: number;
	wire: Wire;
	result: LoadResult;
	serverCpu: number;
}

/** One server at one N, its rounds pooled. */
interface Pooled {
	clients: number;
	wire: Wire;
	latency: Summary;
	roundP99s: number[];
	expected: number;
	missing: number;
	serverCpu: number;
	generatorCpu: number;
	generatorLagMs: number;
}

async function runOnce(clients: number, wire: Wire, measureMs: number): Promise<Run> {
	const server = await BenchServer.start(wire === 'reference' ? 'reference' : 'steady', {
		// one clinician device holds a socket per observed document here
		STEADY_MAX_CONNECTIONS_PER_DEVICE: '1000'
	});
	try {
		const documents = await planDocuments(server.url, wire, clients);
		const config: LoadConfig = { baseUrl: server.url, wire, documents, intervalMs: 500, warmupMs: 2000, measureMs };
		const child = fork('tests/bench/fanout-load.ts', [JSON.stringify(config)], { execArgv: ['--import', 'tsx', ...GENERATOR_FLAGS] });
		let cpuAtStart = 0;
		let wallAtStart = 0;
		const result = await new Promise<LoadResult & { serverCpu: number }>((resolve, reject) => {
			child.on('message', (message: LoadMessage) => {
				if (message.phase === 'measure') {
					cpuAtStart = server.cpuSeconds();
					wallAtStart = performance.now();
				} else if (message.phase === 'done') {
					const serverCpu = (server.cpuSeconds() - cpuAtStart) / ((performance.now() - wallAtStart) / 1000);
					resolve({ ...message.result, serverCpu });
				} else reject(new Error(message.error));
			});
			child.once('exit', (code) => reject(new Error(`the load generator exited with ${code} before reporting`)));
		});
		return { clients, wire, result, serverCpu: result.serverCpu };
	} finally {
		await server.dispose();
	}
}

function pool(runs: readonly Run[]): Pooled[] {
	const pooled: Pooled[] = [];
	for (const run of runs) {
		if (pooled.some((p) => p.clients === run.clients && p.wire === run.wire)) continue;
		const same = runs.filter((r) => r.clients === run.clients && r.wire === run.wire);
		const mean = (value: (r: Run) => number) => same.reduce((sum, r) => sum + value(r), 0) / same.length;
		pooled.push({
			clients: run.clients,
			wire: run.wire,
			latency: summarize(same.flatMap((r) => r.result.samples)),
			roundP99s: same.map((r) => summarize(r.result.samples).p99),
			expected: same.reduce((sum, r) => sum + r.result.expected, 0),
			missing: same.reduce((sum, r) => sum + r.result.missing, 0),
			serverCpu: mean((r) => r.serverCpu),
			generatorCpu: Math.max(...same.map((r) => r.result.cpu)),
			generatorLagMs: Math.max(...same.map((r) => r.result.eventLoopP99Ms))
		});
	}
	return pooled;
}

export async function fanout(args: readonly string[]): Promise<boolean> {
	const sizesAt = args.indexOf('--clients');
	const sizes = sizesAt >= 0 ? (args[sizesAt + 1] ?? '').split(',').map(Number) : [50, 500, 2000];
	const measureMs = option(args, 'seconds', 5) * 1000;
	const rounds = option(args, 'rounds', 2);
	const runs: Run[] = [];
	for (let round = 0; round < rounds; round++) {
		for (const clients of sizes) {
			// rotated, so that no server is always the first to run after a quiet spell
			const order = WIRES.map((_, i) => WIRES[(i + round) % WIRES.length] as Wire);
			for (const wire of order) {
				process.stderr.write(`fan-out: round ${round + 1}/${rounds}, N=${clients} ${LABEL[wire]}…\n`);
				runs.push(await runOnce(clients, wire, measureMs));
			}
		}
	}
	const pooled = pool(runs);
	let ok = true;
	const rows = pooled.map((run) => {
		const reference = pooled.find((r) => r.clients === run.clients && r.wire === 'reference');
		const ratio = reference ? run.latency.p99 / reference.latency.p99 : NaN;
		if (run.wire !== 'reference' && !(ratio <= 1)) ok = false;
		const row = [
			String(run.clients),
			LABEL[run.wire],
			ms(run.latency.p50),
			ms(run.latency.p95),
			ms(run.latency.p99),
			ms(run.latency.max),
			run.wire === 'reference' ? '1 (ref)' : `${ratio.toFixed(2)}`,
			`${run.missing}/${run.expected}`,
			`${Math.round(run.serverCpu * 100)}%`,
			`${Math.round(run.generatorCpu * 100)}%${run.generatorCpu > SATURATED ? ' SATURATED' : ''}`,
			ms(run.generatorLagMs)
		];
		if (rounds > 1) row.splice(5, 0, run.roundP99s.map((p99) => p99.toFixed(1)).join(' · '));
		return row;
	});
	const header = ['N', 'server', 'p50', 'p95', 'p99', 'max', 'p99/ref', 'not delivered', 'server CPU', 'generator CPU', 'generator lag p99'];
	if (rounds > 1) header.splice(5, 0, 'p99 per round (ms)');
	const window = rounds > 1 ? `${rounds} rounds of ${measureMs / 1000} s measured, pooled` : `${measureMs / 1000} s measured`;
	printTable(`Sync fan-out: write → observer latency (1 writer + 9 observers per document, a write every 500 ms, ${window})`, header, rows);
	console.log(`Target: Steady's p99 no worse than the reference's: ${verdict(ok)}.`);
	if (pooled.some((r) => r.generatorCpu > SATURATED)) {
		console.log('SATURATED: the load generator used most of a core; those rows measure the generator as much as the server.');
	}
	if (pooled.some((r) => r.generatorLagMs > STARVED_LAG_MS)) {
		console.log(
			`STARVED: the generator's event loop lagged over ${STARVED_LAG_MS} ms at p99 while using little CPU: other processes held the cores, ` +
				'so those latencies measure the machine, not the server. Rerun on an idle machine.'
		);
	}
	return ok;
}

runWhenMain(import.meta.url, fanout);
