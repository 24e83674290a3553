/**
 * The real server process (main.ts) for tests that crash it: `node --import tsx`
 * directly, so the PID is the server itself and SIGKILL hits it, not a wrapper.
 * Every child still running is killed after each test.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { afterEach } from 'vitest';
import { until } from './support.ts';

const MAIN = path.resolve(import.meta.dirname, '../src/main.ts');

export interface LaunchedServer {
	child: ChildProcess;
	/** the base URL, once the server says it listens */
	url(): Promise<string>;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
	output(): string;
}

export function processPool() {
	const children: ChildProcess[] = [];
	afterEach(() => {
		for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
	});
	return {
		launch(env: Record<string, string>): LaunchedServer {
			const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
				env: { ...process.env, STEADY_PORT: '0', STEADY_DEMO: '1', STEADY_APP_DIR: path.join(env.STEADY_DATA_DIR ?? '', 'none'), ...env },
				stdio: ['ignore', 'pipe', 'pipe']
			});
			children.push(child);
			let output = '';
			child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
			child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
			const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
				child.once('exit', (code, signal) => resolve({ code, signal }))
			);
			const url = () => until(() => /listening on (http:\/\/\S+)/.exec(output)?.[1], 'the server to listen', 20_000);
			return { child, url, exited, output: () => output };
		}
	};
}

/** Kills the server like a crash and waits until it is gone. */
export async function crash(server: LaunchedServer): Promise<void> {
	server.child.kill('SIGKILL');
	await server.exited;
}
