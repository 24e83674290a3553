/**
 * Test support: an in-process server on port 0 with a temporary data directory
 * (and, optionally, a clock the test moves), sign-in for staff and participants
 * (by invite), WebSocket tickets, a second program for cross-program checks, and
 * a multiplexed client that speaks frames.ts.
 */
import fs from 'node:fs';
import { afterEach } from 'vitest';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE, decodeFrame, encodeFrame, type Frame } from '../../src/lib/protocol/frames.ts';
import { createServer, type RunningServer } from '../src/app.ts';
import type { Config } from '../src/config.ts';
import { DEMO_PASSWORD } from '../src/demo.ts';
import { silentLog, type Log } from '../src/log.ts';
import { hashPassword } from '../src/passwords.ts';
import type { ServerContext } from '../src/context.ts';
import { demoInviteCode, redeemCode, staffCookie, ticket } from './demo-invite.ts';

export { demoInviteCode, redeemCode, ticket } from './demo-invite.ts';

export interface TestServer extends RunningServer {
	wsUrl: string;
	dataDir: string;
}

export function tempDir(): string {
	return fs.mkdtempSync(path.join(os.tmpdir(), 'steady-test-'));
}

export function testConfig(dataDir: string, overrides: Partial<Config> = {}): Config {
	return {
		port: 0,
		host: '127.0.0.1',
		dataDir,
		maxMessageBytes: 64 * 1024,
		idleUnloadMs: 50,
		appDir: path.join(dataDir, 'no-build'),
		maxDocumentsPerConnection: 100,
		compactEvery: 20,
		seedDemo: true,
		maxUpdatesPerSecond: 1000,
		updateBurst: 4000,
		maxConnectionsPerDevice: 8,
		maxDocumentBytes: 10 * 1024 * 1024,
		maxSendBufferBytes: 16 * 1024 * 1024,
		publicUrl: null,
		trustProxy: false,
		...overrides
	};
}

export async function startServer(
	overrides: Partial<Config> = {},
	dataDir = tempDir(),
	options: { now?: () => number; log?: Log } = {}
): Promise<TestServer> {
	const server = await createServer(testConfig(dataDir, overrides), { log: silentLog, ...options });
	return { ...server, wsUrl: server.url.replace(/^http/, 'ws'), dataDir };
}

/** A clock for the server that a test moves by hand. */
export class TestClock {
	constructor(public ms = Date.now()) {}
	readonly now = () => this.ms;
	advance(ms: number): void {
		this.ms += ms;
	}
}

/** Program `other` with its own admin, clinician and participant `dana`. */
export async function addOtherProgram(ctx: ServerContext): Promise<void> {
	const passwordHash = await hashPassword(DEMO_PASSWORD); // fixture only: shared salt is fine here
	ctx.directory.addProgram({ id: 'other', name: 'Other IOP', timeZone: 'America/Chicago' });
	ctx.directory.addParticipant({ id: 'dana', programId: 'other', displayName: 'Dana K.' });
	const base = { programId: 'other', passwordHash };
	ctx.directory.addUser({ ...base, id: 'o-admin', email: 'admin@other.test', role: 'admin', displayName: 'O Admin' });
	ctx.directory.addUser({ ...base, id: 'o-clin', email: 'clinician@other.test', role: 'clinician', displayName: 'O Clin' });
	ctx.directory.addUser({
		id: 'o-dana',
		role: 'participant',
		displayName: 'Dana K.',
		participantId: 'dana',
		programId: 'other',
		passwordHash: null
	});
}

/** The clinician who invites each test participant. */
const INVITER: Record<string, string> = {
	alex: 'clinician@demo.steady',
	blair: 'clinician@demo.steady',
	casey: 'clinician@demo.steady',
	dana: 'clinician@other.test'
};

/**
 * Signs in and returns the `steady_device=…` cookie pair. Staff are named by
 * email (password sign-in); participants by their id (`alex`, `blair`, `casey`,
 * `dana`): their clinician invites them and the invite is redeemed.
 */
export async function signIn(url: string, who: string, password = DEMO_PASSWORD): Promise<string> {
	if (who.includes('@')) return staffCookie(url, who, password);
	const inviter = INVITER[who];
	if (!inviter) throw new Error(`no test clinician invites ${who}`);
	return redeemCode(url, await demoInviteCode(url, who, inviter), `${who}'s test device`);
}

/**
 * The servers and clients a test file starts, all closed after each test. Call once
 * at the top of the file; `keep` registers a client made some other way.
 */
export function serverPool() {
	const servers: TestServer[] = [];
	const clients: Array<{ close(): void }> = [];
	afterEach(async () => {
		for (const client of clients.splice(0)) client.close();
		for (const server of servers.splice(0)) await server.close();
	});
	const keep = <T extends { close(): void }>(client: T): T => {
		clients.push(client);
		return client;
	};
	return {
		keep,
		async start(...args: Parameters<typeof startServer>): Promise<TestServer> {
			const server = await startServer(...args);
			servers.push(server);
			return server;
		},
		/** closes a server before the test ends, e.g. to restart it on the same data */
		async stop(server: TestServer): Promise<void> {
			servers.splice(servers.indexOf(server), 1);
			await server.close();
		},
		/** a multiplexed client signed in as `who` (a staff email or a participant id) */
		async connect(server: TestServer, who: string): Promise<MuxClient> {
			return keep(await connectMux(server, await signIn(server.url, who)));
		}
	};
}

/** A JSON API call as a device: GET without a body, POST with one. */
export function apiCall(url: string, path: string, cookie: string, body?: unknown): Promise<Response> {
	return fetch(`${url}${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
		...(body === undefined ? {} : { body: JSON.stringify(body) })
	});
}

/** Fetches a ticket and opens the multiplexed endpoint with it. */
export async function connectMux(server: { url: string; wsUrl: string }, cookie: string): Promise<MuxClient> {
	return MuxClient.connect(server.wsUrl, await ticket(server.url, cookie));
}

/**
 * A WebSocket for WebsocketProvider's WebSocketPolyfill that fetches nothing:
 * pass the ticket as `params: { ticket }`. (Sockets no longer read cookies; a
 * provider that reconnects needs a new ticket, which tests do not do.)
 * y-websocket types the option as the DOM WebSocket; `ws` implements the part it
 * uses (onopen/onmessage/onclose, binaryType, send, close).
 */
export const NodeWebSocket = WebSocket as unknown as typeof globalThis.WebSocket;

/** @deprecated sockets authenticate by ticket only; kept so older tests compile. */
export function cookieWebSocket(cookie: string): typeof globalThis.WebSocket {
	class CookieWebSocket extends WebSocket {
		constructor(address: string | URL, protocols?: string | string[]) {
			super(address, protocols, { headers: { cookie } });
		}
	}
	return CookieWebSocket as unknown as typeof globalThis.WebSocket;
}

export function until<T>(check: () => T | undefined, what: string, timeoutMs = 3000): Promise<T> {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const poll = () => {
			const value = check();
			if (value !== undefined) return resolve(value);
			if (Date.now() - started > timeoutMs) return reject(new Error(`timed out waiting for ${what}`));
			setTimeout(poll, 5);
		};
		poll();
	});
}

export type Decoded =
	| { type: 'access'; access: string }
	| { type: 'denied'; reason: string; message: string }
	| { type: 'stored'; stateVector: Uint8Array }
	| { type: 'other'; messageType: number };

export function decodeMessage(message: Uint8Array): Decoded {
	const decoder = decoding.createDecoder(message);
	const type = decoding.readVarUint(decoder);
	if (type === MESSAGE.access) return { type: 'access', access: decoding.readVarString(decoder) };
	if (type === MESSAGE.denied) {
		return { type: 'denied', reason: decoding.readVarString(decoder), message: decoding.readVarString(decoder) };
	}
	if (type === MESSAGE.stored) return { type: 'stored', stateVector: decoding.readVarUint8Array(decoder) };
	return { type: 'other', messageType: type };
}

export function syncStep1(doc: Y.Doc): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE.sync);
	syncProtocol.writeSyncStep1(encoder, doc);
	return encoding.toUint8Array(encoder);
}

export function syncUpdate(update: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE.sync);
	syncProtocol.writeUpdate(encoder, update);
	return encoding.toUint8Array(encoder);
}

/** A client of the multiplexed endpoint that records every frame it receives. */
export class MuxClient {
	readonly frames: Frame[] = [];
	closeEvent: { code: number; reason: string } | null = null;
	private readonly docs = new Map<string, Y.Doc>();

	private constructor(readonly ws: WebSocket) {
		ws.on('message', (data: Buffer) => {
			const frame = decodeFrame(new Uint8Array(data));
			if (!frame) throw new Error('the server sent an undecodable frame');
			this.frames.push(frame);
			this.applyToDoc(frame);
		});
		ws.on('close', (code, reason) => (this.closeEvent = { code, reason: reason.toString() }));
	}

	/** Opens `path` (default the multiplexed /sync) with `?ticket=` when one is given. */
	static connect(wsUrl: string, ticket?: string, path = '/sync'): Promise<MuxClient> {
		const ws = new WebSocket(wsUrl + path + (ticket ? `?ticket=${encodeURIComponent(ticket)}` : ''));
		const client = new MuxClient(ws);
		return new Promise((resolve, reject) => {
			ws.once('open', () => resolve(client));
			ws.once('error', reject);
		});
	}

	send(document: string, message: Uint8Array): void {
		this.ws.send(encodeFrame(document, message));
	}

	decoded(document: string): Decoded[] {
		return this.frames.filter((f) => f.document === document).map((f) => decodeMessage(f.message));
	}

	/** Sends step 1 for `doc` and waits for ACCESS or DENIED. Server messages are applied to `doc`. */
	async open(document: string, doc = new Y.Doc()): Promise<Decoded> {
		this.docs.set(document, doc);
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== this && this.ws.readyState === WebSocket.OPEN) this.send(document, syncUpdate(update));
		});
		this.send(document, syncStep1(doc));
		return until(() => this.decoded(document).find((d) => d.type === 'access' || d.type === 'denied'), `open ${document}`);
	}

	doc(document: string): Y.Doc {
		const doc = this.docs.get(document);
		if (!doc) throw new Error(`${document} is not open`);
		return doc;
	}

	/** Round trip: sends step 1 and waits for the step 2 that answers it. */
	async roundTrip(document: string): Promise<void> {
		const count = () => this.frames.filter((f) => f.document === document && f.message[0] === 0 && f.message[1] === 1).length;
		const before = count();
		this.send(document, syncStep1(this.doc(document)));
		await until(() => (count() > before ? true : undefined), `round trip on ${document}`);
	}

	/** Waits for a STORED that covers everything this client wrote to the document. */
	whenStored(document: string, timeoutMs = 3000): Promise<Map<number, number>> {
		const doc = this.doc(document);
		return until(() => {
			const own = Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
			for (const d of this.decoded(document)) {
				if (d.type !== 'stored') continue;
				const sv = Y.decodeStateVector(d.stateVector);
				if ((sv.get(doc.clientID) ?? 0) >= own) return sv;
			}
			return undefined;
		}, `STORED for ${document}`, timeoutMs);
	}

	whenClosed(): Promise<{ code: number; reason: string }> {
		return until(() => this.closeEvent ?? undefined, 'close');
	}

	close(): void {
		this.ws.close();
	}

	private applyToDoc(frame: Frame): void {
		const doc = this.docs.get(frame.document);
		if (!doc || frame.message[0] !== MESSAGE.sync) return;
		const decoder = decoding.createDecoder(frame.message);
		decoding.readVarUint(decoder);
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE.sync);
		syncProtocol.readSyncMessage(decoder, encoder, doc, this);
		if (encoding.length(encoder) > 1) this.send(frame.document, encoding.toUint8Array(encoder));
	}
}

/** The document as committed to the store (what the server queued a moment ago may not be: see store.flushed). */
export function storedDoc(ctx: ServerContext, name: string): Y.Doc {
	const doc = new Y.Doc();
	for (const row of ctx.store.load(name)) Y.applyUpdate(doc, row.update);
	return doc;
}
