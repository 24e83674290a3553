/**
 * Composes the server: one database, store, directory, auth, audit and rooms,
 * made here and passed to the handlers. One node:http server carries the JSON
 * API, the WebSocket endpoints (/sync multiplexed, /sync/<document> standard
 * y-websocket) and the built SvelteKit app.
 */
import http, { type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE } from '../../src/lib/protocol/frames.ts';
import { createAppHandler } from './app-handler.ts';
import { setSecurityHeaders } from './security-headers.ts';
import { isCrossSite } from './http-util.ts';
import { createAudit } from './audit.ts';
import { createAuth, type Session } from './auth.ts';
import type { CloseCode } from './close-codes.ts';
import { createCodes } from './codes.ts';
import { createConsents } from './consents.ts';
import { createCalendarFeeds } from './calendar-feeds.ts';
import type { Config } from './config.ts';
import { handleMuxConnection } from './connection-mux.ts';
import { handleSingleConnection } from './connection-single.ts';
import type { ServerContext } from './context.ts';
import { openDatabase, writeTransaction } from './db.ts';
import { seedDemo } from './demo.ts';
import { clientAddress } from './client-address.ts';
import { createDirectory } from './directory.ts';
import { ExportRunner } from './export-runner.ts';
import { handleApi } from './http-api.ts';
import { consoleLog, errorText, type Log } from './log.ts';
import { Rooms } from './rooms.ts';
import { Sockets, keepAlive } from './sockets.ts';
import { createSqliteStore } from './storage.ts';
import { createThrottle } from './throttle.ts';
import { Tickets } from './tickets.ts';

export interface RunningServer {
	url: string;
	/** everything made for this server, for tests and tools */
	context: ServerContext;
	/** closes sockets, connections and the database; resolves within about 2 s */
	close(): Promise<void>;
}

export interface ServerOptions {
	log?: Log;
	/** the clock for devices, tickets, codes, delays, limits and the audit trail */
	now?: () => number;
}

/** Room for the frame header and a little slack above maxMessageBytes, so an
 * oversized message gets our 4413 rather than ws's own 1009. */
const PAYLOAD_SLACK = 64 * 1024;

type Route = { kind: 'mux' } | { kind: 'single'; name: string } | null;

function syncRoute(url: string | undefined): Route {
	const pathname = new URL(url ?? '/', 'http://localhost').pathname;
	if (pathname === '/sync') return { kind: 'mux' };
	if (!pathname.startsWith('/sync/')) return null;
	const raw = pathname.slice('/sync/'.length);
	try {
		return { kind: 'single', name: decodeURIComponent(raw) };
	} catch {
		return { kind: 'single', name: raw };
	}
}

export async function createServer(config: Config, options: ServerOptions = {}): Promise<RunningServer> {
	const log = options.log ?? consoleLog;
	const now = options.now ?? Date.now;
	const db = openDatabase(config.dataDir);
	const store = createSqliteStore(db, {
		// Updates forwarded since the last commit are not stored: drop every room (their
		// state vectors claim them) and close every socket, so devices resend on resync.
		onFailure: (message) => {
			log.error(`store: a commit failed (${message}); every connection is closed so devices resend what was not stored`);
			for (const ws of wss.clients) ws.close(CLOSE.storageFailed.code, CLOSE.storageFailed.reason);
			ctx.rooms.closeAll();
		},
		onSkipped: (message) => log.error(`store: ${message}; the stored updates are unchanged`)
	}, now);
	const directory = createDirectory(db);
	const ctx: ServerContext = {
		config,
		db,
		store,
		directory,
		auth: createAuth(db, directory, now),
		tickets: new Tickets(now),
		throttle: createThrottle(db, now),
		codes: createCodes(db, now),
		consents: createConsents(db, now),
		calendarFeeds: createCalendarFeeds(db, now),
		audit: createAudit(db, now),
		rooms: new Rooms({
			store,
			idleUnloadMs: config.idleUnloadMs,
			compactEvery: config.compactEvery,
			log,
			onDamage: ({ document, seq, problem }) => ctx.audit.record({ event: 'storage-damaged', document, detail: `update #${seq}: ${problem}` })
		}),
		sockets: new Sockets(),
		exports: new ExportRunner({ dbFile: db.name, log }),
		log,
		now
	};
	if (config.seedDemo && directory.isEmpty()) {
		await seedDemo(directory, store, (write) => writeTransaction(db, write)(), new Date(now()));
		await store.flushed();
	}

	const serveApp = createAppHandler(config.appDir, log);
	const server = http.createServer((req, res) => {
		const path = new URL(req.url ?? '/', 'http://localhost').pathname;
		setSecurityHeaders(res);
		const done = path.startsWith('/api/') ? handleApi(ctx, req, res, path) : serveApp(req, res);
		done.catch((error: unknown) => {
			log.error(`http ${path}: ${errorText(error)}`);
			if (!res.headersSent) res.writeHead(500).end();
		});
	});

	const wss = new WebSocketServer({ noServer: true, maxPayload: config.maxMessageBytes + PAYLOAD_SLACK });

	type Admission = { ok: true; session: Session } | { ok: false; close: CloseCode; userId: string | null; event: 'ticket-refused' | 'connection-refused'; detail: string };

	/** Takes the ticket in the URL (the only credential a socket accepts) and checks its device. */
	const admit = (req: IncomingMessage): Admission => {
		const ticket = new URL(req.url ?? '/', 'http://localhost').searchParams.get('ticket');
		if (!ticket) return { ok: false, close: CLOSE.unauthenticated, userId: null, event: 'connection-refused', detail: 'no ticket' };
		const taken = ctx.tickets.take(ticket);
		const deviceUser = (id: string | undefined) => (id ? (ctx.auth.device(id)?.userId ?? null) : null);
		if (!taken.ok) {
			const close =
				taken.reason === 'expired'
					? CLOSE.ticketExpired
					: taken.reason === 'used'
						? CLOSE.ticketUsed
						: CLOSE.unauthenticated;
			return { ok: false, close, userId: deviceUser(taken.deviceId), event: 'ticket-refused', detail: taken.reason };
		}
		return device(taken.deviceId);
	};

	const device = (deviceId: string): Admission => {
		const result = ctx.auth.authenticateDevice(deviceId);
		if (result.ok) return result;
		const revoked = result.reason === 'device-revoked';
		return {
			ok: false,
			close: revoked ? CLOSE.deviceRevoked : CLOSE.unauthenticated,
			userId: ctx.auth.device(deviceId)?.userId ?? null,
			event: 'connection-refused',
			detail: result.reason
		};
	};

	const onConnection = (ws: WebSocket, req: IncomingMessage, route: NonNullable<Route>, admission: Admission) => {
		const remote = clientAddress(req, ctx.config.trustProxy);
		ws.on('error', (error) => log.warn(`websocket: ${errorText(error)}`));
		// the device may have been revoked while the handshake was under way
		const checked = admission.ok ? device(admission.session.device.id) : admission;
		if (!checked.ok) {
			// complete the upgrade, then close with a final code: an HTTP 401 would
			// make y-websocket clients retry forever
			ctx.audit.record({ event: checked.event, userId: checked.userId, detail: checked.detail, remote });
			ws.close(checked.close.code, checked.close.reason);
			return;
		}
		const session = checked.session;
		if (ctx.sockets.count(session.device.id) >= config.maxConnectionsPerDevice) {
			ctx.audit.record({
				event: 'connection-limited',
				userId: session.user.id,
				deviceId: session.device.id,
				detail: CLOSE.tooManyConnections.reason,
				remote
			});
			ws.close(CLOSE.tooManyConnections.code, CLOSE.tooManyConnections.reason);
			return;
		}
		ctx.sockets.add(session.device.id, ws);
		keepAlive(ws);
		if (route.kind === 'mux') handleMuxConnection(ws, session, ctx, remote);
		else handleSingleConnection(ws, session, route.name, ctx, remote);
	};

	server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		socket.on('error', () => socket.destroy());
		const route = syncRoute(req.url);
		if (!route) {
			socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			return;
		}
		// A page on another site may open a socket to us; it must not ride on a ticket.
		if (isCrossSite(req)) {
			socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			return;
		}
		const admission = admit(req);
		wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, req, route, admission));
	});

	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(config.port, config.host, () => {
			server.off('error', reject);
			resolve();
		});
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : config.port;
	const host = config.host.includes(':') ? `[${config.host}]` : config.host;

	let closing: Promise<void> | null = null;
	const close = () =>
		(closing ??= (async () => {
			for (const ws of wss.clients) ws.close(CLOSE.serverShutdown.code, CLOSE.serverShutdown.reason);
			// let the close frames go out, then cut whatever is left
			await new Promise((resolve) => setTimeout(resolve, 100));
			for (const ws of wss.clients) ws.terminate();
			wss.close();
			ctx.rooms.closeAll();
			await ctx.exports.close();
			await new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			});
			await store.close();
			db.close();
		})());

	return { url: `http://${host}:${port}`, context: ctx, close };
}
