/**
 * Runs the real sync server as its own process, so a test can stop it (SIGKILL, like
 * a crash, or SIGTERM) and start it again on the same port and data folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '../../support/free-port.ts';

export class ServerProcess {
	readonly dataDir = mkdtempSync(path.join(tmpdir(), 'steady-e2e-'));
	port = 0;
	#child: ChildProcess | null = null;
	#output = '';

	/** `env`: extra STEADY_* settings, e.g. a lower limit; read again at every start. */
	constructor(readonly env: Record<string, string> = {}) {}

	get url(): string {
		return `http://localhost:${this.port}`;
	}

	async start(): Promise<void> {
		if (this.port === 0) this.port = await freePort();
		const child = spawn(path.resolve('node_modules/.bin/tsx'), ['sync-server/src/main.ts'], {
			env: { ...process.env, STEADY_DEMO: '1', ...this.env, STEADY_PORT: String(this.port), STEADY_DATA_DIR: this.dataDir, STEADY_HOST: '127.0.0.1' },
			// its own process group, so stopping it also stops the node process tsx starts
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.#child = child;
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`the server did not start:\n${this.#output}`)), 30_000);
			const onData = (chunk: Buffer) => {
				this.#output += chunk.toString();
				// E2E_SERVER_LOG=1 shows what the server says, for a failing test
				if (process.env.E2E_SERVER_LOG) process.stderr.write(`[server] ${chunk.toString()}`);
				if (this.#output.includes('listening on')) {
					clearTimeout(timer);
					resolve();
				}
			};
			child.stdout?.on('data', onData);
			child.stderr?.on('data', onData);
			child.once('exit', (code) => {
				clearTimeout(timer);
				reject(new Error(`the server exited with ${code}:\n${this.#output}`));
			});
		});
	}

	/** SIGKILL is a crash; SIGTERM is a clean shutdown. */
	async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGKILL'): Promise<void> {
		const child = this.#child;
		if (!child?.pid || child.exitCode !== null) return;
		const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
		process.kill(-child.pid, signal);
		await exited;
		this.#child = null;
		this.#output = '';
	}

	async dispose(): Promise<void> {
		await this.stop('SIGKILL');
		rmSync(this.dataDir, { recursive: true, force: true });
	}
}
