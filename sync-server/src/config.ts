/**
 * Server configuration from the environment, validated once at start.
 * A bad value stops the server with a message that names the variable and the fix.
 */
import path from 'node:path';
import { z } from 'zod';

export interface Config {
	port: number;
	host: string;
	/** the SQLite file lives inside: <dataDir>/steady.sqlite */
	dataDir: string;
	/** a WebSocket message (frame) over this many bytes closes the connection with 4413 */
	maxMessageBytes: number;
	/** a document with no connection is unloaded from memory after this long */
	idleUnloadMs: number;
	/** the SvelteKit adapter-node output (holds handler.js) */
	appDir: string;
	/** documents one multiplexed connection may hold open at once */
	maxDocumentsPerConnection: number;
	/** compact a document's stored updates into one after this many appends */
	compactEvery: number;
	/** seed the demo program when the database is empty */
	seedDemo: boolean;
	/** updates a connection may send per second on average (token bucket refill) */
	maxUpdatesPerSecond: number;
	/** updates a connection may send in one burst (bucket size): 4 × maxUpdatesPerSecond */
	updateBurst: number;
	/** open WebSockets one device may hold */
	maxConnectionsPerDevice: number;
	/** an update that would grow a document's stored size past this is refused (4413) */
	maxDocumentBytes: number;
	/** bytes waiting to be sent to one connection; past this it is a slow reader, closed with 1013 */
	maxSendBufferBytes: number;
	/** where people reach the app (invite links, Secure cookies), e.g. https://steady.example.org; null: from the request */
	publicUrl: string | null;
	/** take the client's address from X-Forwarded-For (only behind a trusted proxy) */
	trustProxy: boolean;
}

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const Env = z.object({
	STEADY_PORT: int(0, 65_535).default(3000),
	STEADY_HOST: z.string().min(1).default('127.0.0.1'),
	STEADY_DATA_DIR: z.string().min(1).default('./data'),
	STEADY_MAX_MESSAGE_BYTES: int(1024, 256 * 1024 * 1024).default(2 * 1024 * 1024),
	STEADY_IDLE_UNLOAD_MS: int(0, 24 * 60 * 60 * 1000).default(30_000),
	STEADY_APP_DIR: z.string().min(1).default('./build'),
	STEADY_MAX_DOCUMENTS_PER_CONNECTION: int(1, 100_000).default(2000),
	STEADY_COMPACT_EVERY: int(1, 1_000_000).default(200),
	// Off unless asked for: the demo has known passwords (`npm start` asks for it).
	STEADY_DEMO: z.enum(['0', '1']).default('0'),
	STEADY_MAX_UPDATES_PER_SECOND: int(1, 100_000).default(50),
	STEADY_MAX_CONNECTIONS_PER_DEVICE: int(1, 1000).default(8),
	STEADY_MAX_DOCUMENT_BYTES: int(1024, 1024 * 1024 * 1024).default(10 * 1024 * 1024),
	STEADY_MAX_SEND_BUFFER_BYTES: int(64 * 1024, 1024 * 1024 * 1024).default(16 * 1024 * 1024),
	// 1 only behind a reverse proxy that sets X-Forwarded-For: the throttles need the client's address
	STEADY_TRUST_PROXY: z.enum(['0', '1']).default('0'),
	STEADY_PUBLIC_URL: z
		.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://steady.example.org' })
		.optional()
}).refine((e) => e.STEADY_PUBLIC_URL || LOOPBACK.has(e.STEADY_HOST), {
	// Off this machine, people reach the app through TLS: the cookie's Secure flag and
	// the invite links must not be guessed from a request that a proxy may have rewritten.
	path: ['STEADY_PUBLIC_URL'],
	error: 'must be set when STEADY_HOST is not a loopback address (where people reach the app, e.g. https://steady.example.org)'
});

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export class ConfigError extends Error {}

/** Reads STEADY_* variables; unset ones take defaults that work on a developer machine. */
export function loadConfig(env: NodeJS.ProcessEnv): Config {
	const parsed = Env.safeParse(env);
	if (!parsed.success) {
		const lines = parsed.error.issues.map(
			(issue) => `  ${issue.path.join('.')}=${JSON.stringify(env[String(issue.path[0])] ?? '')}: ${issue.message}`
		);
		throw new ConfigError(
			`Steady cannot start: the configuration is invalid.\n${lines.join('\n')}\n` +
				'Fix or unset these environment variables and start again.'
		);
	}
	const e = parsed.data;
	return {
		port: e.STEADY_PORT,
		host: e.STEADY_HOST,
		dataDir: path.resolve(e.STEADY_DATA_DIR),
		maxMessageBytes: e.STEADY_MAX_MESSAGE_BYTES,
		idleUnloadMs: e.STEADY_IDLE_UNLOAD_MS,
		appDir: path.resolve(e.STEADY_APP_DIR),
		maxDocumentsPerConnection: e.STEADY_MAX_DOCUMENTS_PER_CONNECTION,
		compactEvery: e.STEADY_COMPACT_EVERY,
		seedDemo: e.STEADY_DEMO === '1',
		maxUpdatesPerSecond: e.STEADY_MAX_UPDATES_PER_SECOND,
		updateBurst: 4 * e.STEADY_MAX_UPDATES_PER_SECOND,
		maxConnectionsPerDevice: e.STEADY_MAX_CONNECTIONS_PER_DEVICE,
		maxDocumentBytes: e.STEADY_MAX_DOCUMENT_BYTES,
		maxSendBufferBytes: e.STEADY_MAX_SEND_BUFFER_BYTES,
		publicUrl: e.STEADY_PUBLIC_URL ? e.STEADY_PUBLIC_URL.replace(/\/+$/, '') : null,
		trustProxy: e.STEADY_TRUST_PROXY === '1'
	};
}
