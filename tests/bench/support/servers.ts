/**
 * The servers a benchmark measures, each in its own process so its CPU and memory
 * are its own: Steady's real entry point (`sync-server/src/main.ts`, access checks,
 * audit and durable acknowledgements on) and the reference y-websocket server.
 * `node --import tsx` (not the tsx binary) so the pid is the server itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export type ServerKind = 'steady' | 'reference';

export class BenchServer {
	url = '';
	#output = '';

	private constructor(
		readonly kind: ServerKind,
		readonly child: ChildProcess,
		readonly dataDir: string | null
	) {}

	get wsUrl(): string {
		return this.url.replace(/^http/, 'ws');
	}

	get pid(): number {
		if (!this.child.pid) throw new Error(`the ${this.kind} server has no pid`);
		return this.child.pid;
	}

	/**
	 * Starts a server. Steady runs with the demo seed and `env` overrides (STEADY_*);
	 * `dataDir` reuses a data folder (a restart after a crash), else a fresh one.
	 */
	static async start(kind: ServerKind, env: Record<string, string> = {}, dataDir?: string): Promise<BenchServer> {
		const dir = kind === 'steady' ? (dataDir ?? mkdtempSync(path.join(tmpdir(), 'steady-bench-'))) : null;
		const entry = kind === 'steady' ? 'sync-server/src/main.ts' : 'tests/bench/support/reference-server.ts';
		const baseEnv = { ...process.env };
		delete baseEnv.YPERSISTENCE;
		const serverEnv =
			kind === 'steady'
				? { ...baseEnv, STEADY_DEMO: '1', STEADY_PORT: env.STEADY_PORT ?? '0', STEADY_HOST: '127.0.0.1', STEADY_DATA_DIR: dir ?? '', ...env }
				: baseEnv;
		// BENCH_CPU_PROF=<folder>: a V8 CPU profile of the server, written when it stops cleanly
		const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
		const child = spawn(process.execPath, ['--expose-gc', ...profile, '--import', 'tsx', entry], {
			env: serverEnv,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		const server = new BenchServer(kind, child, dir);
		await server.#listening();
		return server;
	}

	#listening(): Promise<void> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`the ${this.kind} server did not start:\n${this.#output}`)), 30_000);
			const onData = (chunk: Buffer) => {
				this.#output += chunk.toString();
				const match = /listening on (http:\/\/[\d.:]+)/.exec(this.#output);
				if (match?.[1] && !this.url) {
					this.url = match[1];
					clearTimeout(timer);
					resolve();
				}
			};
			this.child.stdout?.on('data', onData);
			this.child.stderr?.on('data', onData);
			this.child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`the ${this.kind} server exited with ${code}:\n${this.#output}`));
			});
		});
	}

	/** CPU seconds (user + system) the process has used so far, from /proc. */
	cpuSeconds(): number {
		return processCpuSeconds(this.pid);
	}

	/** Resident memory in bytes, from /proc. */
	rssBytes(): number {
		const status = readFileSync(`/proc/${this.pid}/status`, 'utf8');
		const kb = /VmRSS:\s+(\d+)/.exec(status)?.[1];
		return Number(kb ?? 0) * 1024;
	}

	/** SIGKILL is a crash; SIGTERM a clean stop. Keeps the data folder (see dispose). */
	async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
		if (this.child.exitCode !== null || this.child.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
		this.child.kill(signal);
		await exited;
	}

	async dispose(): Promise<void> {
		if (process.env.BENCH_CPU_PROF) await this.stop('SIGTERM');
		await this.stop('SIGKILL');
		if (this.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
	}
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

export function processCpuSeconds(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// fields after the command name (which may hold spaces) start at index 2
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
}
