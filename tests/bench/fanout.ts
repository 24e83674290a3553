/**
 * Benchmark 1, sync fan-out latency: `npm run bench -- fanout [--clients 50,500,2000] [--seconds 5]`.
 *
 * For each N, the same load (fanout-load.ts, its own process) runs against the
 * reference y-websocket server and against Steady's two endpoints, each server
 * started fresh in its own process. Prints write→observer latency, deliveries that
 * never arrived, CPU of server and generator, and Steady's p99 over the reference's.
 */
import { fork } from 'node:child_process';
import type { LoadConfig, LoadMessage, LoadResult } from './fanout-load.ts';
import { BenchServer } from './support/servers.ts';
import { ms, printTable, runWhenMain, verdict } from './support/stats.ts';
import { WIRES, type Wire } from './support/sync-client.ts';

const LABEL: Record<Wire, string> = { reference: 'reference', single: 'Steady /sync/<doc>', mux: 'Steady /sync (mux)' };
/** the generator counts as saturated above this share of one core */
const SATURATED = 0.85;
/** the generator's own event-loop lag (p99) above which latencies say more about the machine than the server */
const STARVED_LAG_MS = 20;

interface Run {
	clients: number;
	wire: Wire;
	result: LoadResult;
	serverCpu: number;
}

async function runOnce(clients: number, wire: Wire, measureMs: number): Promise<Run> {
	const server = await BenchServer.start(wire === 'reference' ? 'reference' : 'steady', {
		// one clinician device holds a socket per observed document here
		STEADY_MAX_CONNECTIONS_PER_DEVICE: '1000'
	});
	try {
		const config: LoadConfig = { baseUrl: server.url, wire, clients, intervalMs: 500, warmupMs: 2000, measureMs };
		const child = fork('tests/bench/fanout-load.ts', [JSON.stringify(config)], { execArgv: ['--import', 'tsx'] });
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

export async function fanout(args: readonly string[]): Promise<boolean> {
	const sizesAt = args.indexOf('--clients');
	const sizes = sizesAt >= 0 ? (args[sizesAt + 1] ?? '').split(',').map(Number) : [50, 500, 2000];
	const secondsAt = args.indexOf('--seconds');
	const measureMs = (secondsAt >= 0 ? Number(args[secondsAt + 1]) : 5) * 1000;
	const runs: Run[] = [];
	for (const clients of sizes) {
		for (const wire of WIRES) {
			process.stderr.write(`fan-out: N=${clients} ${LABEL[wire]}…\n`);
			runs.push(await runOnce(clients, wire, measureMs));
		}
	}
	let ok = true;
	const rows = runs.map((run) => {
		const reference = runs.find((r) => r.clients === run.clients && r.wire === 'reference');
		const ratio = reference ? run.result.latency.p99 / reference.result.latency.p99 : NaN;
		if (run.wire !== 'reference' && !(ratio <= 1)) ok = false;
		const { latency, missing, expected, cpu } = run.result;
		return [
			String(run.clients),
			LABEL[run.wire],
			ms(latency.p50),
			ms(latency.p95),
			ms(latency.p99),
			ms(latency.max),
			run.wire === 'reference' ? '1 (ref)' : `${ratio.toFixed(2)}`,
			`${missing}/${expected}`,
			`${Math.round(run.serverCpu * 100)}%`,
			`${Math.round(cpu * 100)}%${cpu > SATURATED ? ' SATURATED' : ''}`,
			ms(run.result.eventLoopP99Ms)
		];
	});
	printTable(
		`Sync fan-out: write → observer latency (1 writer + 9 observers per document, a write every 500 ms, ${measureMs / 1000} s measured)`,
		['N', 'server', 'p50', 'p95', 'p99', 'max', 'p99/ref', 'not delivered', 'server CPU', 'generator CPU', 'generator lag p99'],
		rows
	);
	console.log(`Target: Steady's p99 no worse than the reference's: ${verdict(ok)}.`);
	if (runs.some((r) => r.result.cpu > SATURATED)) {
		console.log('SATURATED: the load generator used most of a core; those rows measure the generator as much as the server.');
	}
	if (runs.some((r) => r.result.eventLoopP99Ms > STARVED_LAG_MS)) {
		console.log(
			`STARVED: the generator's event loop lagged over ${STARVED_LAG_MS} ms at p99 while using little CPU: other processes held the cores, ` +
				'so those latencies measure the machine, not the server. Rerun on an idle machine.'
		);
	}
	return ok;
}

runWhenMain(import.meta.url, fanout);
