/**
 * The device's multiplexed connection against the real sync server (in-process):
 * documents sync, writes are counted until the server says they are stored, offline
 * writes flow once it is back, refusals are reported, and a server that never
 * acknowledges leaves the client working.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { DeviceConnection } from '../../src/lib/doc/connection.ts';
import { checkIn } from '../../src/lib/doc/commands.ts';
import { readCollection } from '../../src/lib/doc/codec.ts';
import { decodeFrame, encodeFrame } from '../../src/lib/protocol/frames.ts';
import { freePort } from '../support/free-port.ts';
import { NodeWebSocket, signIn, startServer, tempDir, ticket, until, type TestServer } from '../../sync-server/test/support.ts';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function started(overrides = {}, dataDir = tempDir()): Promise<TestServer> {
	const server = await startServer(overrides, dataDir);
	cleanups.push(() => server.close());
	return server;
}

let socketsOpened = 0;

/** `who`: a staff email, or a participant id (joined through an invite). */
async function device(server: { url: string; wsUrl: string }, who: string): Promise<DeviceConnection> {
	const cookie = await signIn(server.url, who);
	class CountingWebSocket extends NodeWebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols);
			socketsOpened++;
		}
	}
	const connection = new DeviceConnection({
		url: async () => {
			try {
				return { url: `${server.wsUrl}/sync?ticket=${await ticket(server.url, cookie)}` };
			} catch {
				return { unreachable: true };
			}
		},
		WebSocket: CountingWebSocket,
		backoff: { min: 20, max: 200 }
	});
	cleanups.push(() => connection.destroy());
	connection.connect();
	return connection;
}

const join = (at = new Date().toISOString()) => ({ occurrenceId: 'evening@2026-11-26', at, deviceId: 'phone' });

describe('DeviceConnection', () => {
	it('carries several documents over one socket and reports each one synced', async () => {
		const server = await started();
		socketsOpened = 0;
		const phone = await device(server, 'alex');
		const docs = ['program:demo', 'self:alex', 'care:alex'].map((name) => {
			const doc = new Y.Doc();
			phone.attach(name, doc);
			return doc;
		});
		await until(() => (phone.statuses().every((s) => s.synced) ? true : undefined), 'all synced');
		expect(phone.statuses().map((s) => [s.name, s.access])).toEqual([
			['program:demo', 'read'],
			['self:alex', 'write'],
			['care:alex', 'read']
		]);
		expect(docs[0]?.getMap('groups').size).toBeGreaterThan(0);
		expect(socketsOpened).toBe(1);
	});

	it('counts a check-in as not yet stored until the server acknowledges it, and delivers it to the clinician', async () => {
		const server = await started();
		const phone = await device(server, 'alex');
		const laptop = await device(server, 'clinician@demo.steady');
		const mine = new Y.Doc();
		const theirs = new Y.Doc();
		phone.attach('self:alex', mine);
		laptop.attach('self:alex', theirs);
		await until(() => (phone.status('self:alex')?.synced && laptop.status('self:alex')?.synced ? true : undefined), 'synced');

		const unstoredSeen: number[] = [];
		phone.subscribe(() => unstoredSeen.push(phone.status('self:alex')?.unstored ?? -1));
		const id = checkIn(mine, join());
		expect(phone.status('self:alex')?.unstored).toBe(1);
		await until(() => (phone.status('self:alex')?.unstored === 0 ? true : undefined), 'stored');
		await until(() => (readCollection(theirs, 'self', 'presence').records.some((e) => e.id === id) ? true : undefined), 'delivered');
		expect(unstoredSeen).toContain(1);
	});

	it('keeps offline writes, and sends them when the server comes back', async () => {
		const port = await freePort();
		const dataDir = tempDir();
		const offline = { url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}` };
		const first = await started({ port }, dataDir);
		const phone = await device(offline, 'alex');
		const mine = new Y.Doc();
		phone.attach('self:alex', mine);
		await until(() => (phone.status('self:alex')?.synced ? true : undefined), 'synced');

		await first.close();
		await until(() => (phone.state === 'offline' ? true : undefined), 'offline');
		const id = checkIn(mine, join());
		expect(phone.status('self:alex')?.unstored).toBe(1);

		const second = await started({ port }, dataDir);
		await until(() => (phone.status('self:alex')?.unstored === 0 ? true : undefined), 'stored after restart', 5000);
		const clinician = await device(second, 'clinician@demo.steady');
		const theirs = new Y.Doc();
		clinician.attach('self:alex', theirs);
		await until(() => (readCollection(theirs, 'self', 'presence').records.some((e) => e.id === id) ? true : undefined), 'seen');
	});

	it('reports a refused document with the server’s reason and receives nothing of it', async () => {
		const server = await started();
		const phone = await device(server, 'alex');
		const doc = new Y.Doc();
		phone.attach('self:blair', doc);
		const denied = await until(() => phone.status('self:blair')?.denied ?? undefined, 'denied');
		expect(denied.reason).toBe('forbidden');
		expect(denied.message).toMatch(/does not have access/);
		expect(doc.share.size).toBe(0);
	});

	it('keeps working with a server that never acknowledges: it syncs and honestly keeps counting', async () => {
		const relay = await relayWithoutAcknowledgements();
		cleanups.push(() => relay.close());
		const a = new DeviceConnection({ url: relay.url, WebSocket: NodeWebSocket, backoff: { min: 20, max: 200 } });
		const b = new DeviceConnection({ url: relay.url, WebSocket: NodeWebSocket, backoff: { min: 20, max: 200 } });
		cleanups.push(() => a.destroy(), () => b.destroy());
		const docA = new Y.Doc();
		const docB = new Y.Doc();
		a.attach('self:alex', docA);
		b.attach('self:alex', docB);
		a.connect();
		b.connect();
		await until(() => (a.state === 'online' && b.state === 'online' ? true : undefined), 'online');
		const id = checkIn(docA, join());
		const unstored = a.status('self:alex')?.unstored;
		expect(unstored).toBeGreaterThan(0);
		await until(() => (readCollection(docB, 'self', 'presence').records.some((e) => e.id === id) ? true : undefined), 'relayed');
		expect(a.status('self:alex')?.unstored).toBe(unstored);
	});

	it('forgets other devices’ live presence as soon as its own socket closes', async () => {
		const port = await freePort();
		const server = await started({ port });
		const place = { url: server.url, wsUrl: server.wsUrl };
		const phone = await device(place, 'alex');
		const laptop = await device(place, 'clinician@demo.steady');
		const phoneAwareness = new Awareness(new Y.Doc());
		const laptopAwareness = new Awareness(new Y.Doc());
		laptopAwareness.setLocalState(null);
		phone.attach('self:alex', phoneAwareness.doc, { awareness: phoneAwareness });
		laptop.attach('self:alex', laptopAwareness.doc, { awareness: laptopAwareness });
		phoneAwareness.setLocalState({ presence: { occurrenceId: 'evening@2026-11-26' } });
		await until(() => (laptopAwareness.getStates().has(phoneAwareness.clientID) ? true : undefined), 'presence seen');
		await server.close();
		await until(() => (laptopAwareness.getStates().has(phoneAwareness.clientID) ? undefined : true), 'presence forgotten', 1000);
	});

	it('sends nothing more for a refused document and does not ask for it again on reconnect', async () => {
		const port = await freePort();
		const dataDir = tempDir();
		const first = await started({ port }, dataDir);
		const place = { url: first.url, wsUrl: first.wsUrl };
		const phone = await device(place, 'alex');
		const theirs = new Y.Doc();
		phone.attach('self:blair', theirs);
		await until(() => phone.status('self:blair')?.denied ?? undefined, 'denied');
		theirs.getMap('absences').set('x', { id: 'x' });
		expect(phone.status('self:blair')?.unstored).toBe(0);

		const deniedBefore = first.context.audit.list().filter((row) => row.event === 'document-denied').length;
		await first.close();
		await until(() => (phone.state === 'offline' ? true : undefined), 'offline');
		const second = await started({ port }, dataDir);
		const mine = new Y.Doc();
		phone.attach('self:alex', mine);
		await until(() => (phone.status('self:alex')?.synced ? true : undefined), 'reconnected');
		const deniedAfter = second.context.audit.list().filter((row) => row.event === 'document-denied').length;
		expect(deniedAfter).toBe(deniedBefore);
		expect(phone.status('self:blair')?.denied?.reason).toBe('forbidden');
	});

	it('declares a silent line dead and reconnects, so the status never claims a sync it cannot make', async () => {
		const silent = new WebSocketServer({ port: 0, host: '127.0.0.1' });
		await new Promise((resolve) => silent.once('listening', resolve));
		cleanups.push(() => new Promise<void>((resolve) => {
			for (const client of silent.clients) client.terminate();
			silent.close(() => resolve());
		}));
		const address = silent.address();
		const url = `ws://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
		const connection = new DeviceConnection({
			url,
			WebSocket: NodeWebSocket,
			backoff: { min: 20, max: 50 },
			liveness: { everyMs: 20, silentMs: 150 }
		});
		cleanups.push(() => connection.destroy());
		connection.attach('self:alex', new Y.Doc());
		const states: string[] = [];
		connection.subscribe(() => states.push(connection.state));
		connection.connect();
		await until(() => (states.includes('online') ? true : undefined), 'online');
		await until(() => (states.lastIndexOf('offline') > states.indexOf('online') ? true : undefined), 'declared dead', 2000);
	});

	it('a used ticket is not a sign-out: the connection fetches a fresh one and carries on', async () => {
		const server = await started();
		const cookie = await signIn(server.url, 'alex');
		const spent = await ticket(server.url, cookie);
		const first = new NodeWebSocket(`${server.wsUrl}/sync?ticket=${spent}`);
		await new Promise((resolve) => (first.onopen = resolve));
		first.close();
		let calls = 0;
		const connection = new DeviceConnection({
			url: async () => ({ url: `${server.wsUrl}/sync?ticket=${calls++ === 0 ? spent : await ticket(server.url, cookie)}` }),
			WebSocket: NodeWebSocket,
			backoff: { min: 20, max: 100 }
		});
		cleanups.push(() => connection.destroy());
		const states: string[] = [];
		const problems: Array<string | null> = [];
		connection.subscribe(() => {
			states.push(connection.state);
			problems.push(connection.problem);
		});
		connection.attach('self:alex', new Y.Doc());
		connection.connect();
		await until(() => (connection.status('self:alex')?.synced ? true : undefined), 'synced with a fresh ticket');
		// the refusal was shown while it stood, and cleared once the fresh ticket worked
		expect(problems).toContain('ticket already used');
		expect(calls).toBeGreaterThanOrEqual(2);
		expect(states).not.toContain('refused');
		expect(connection.problem).toBeNull();
	});

	it('treats a message over the server’s limit as a problem to show, not as a sign-out', async () => {
		const server = await started({ maxMessageBytes: 2048 });
		const phone = await device(server, 'alex');
		const mine = new Y.Doc();
		phone.attach('self:alex', mine);
		await until(() => (phone.status('self:alex')?.synced ? true : undefined), 'synced');
		mine.getMap('messages').set('big', { text: 'x'.repeat(4096) });
		await until(() => phone.problem ?? undefined, 'problem reported');
		expect(phone.problem).toMatch(/too large/);
		expect(phone.state).not.toBe('refused');
	});
});

/** A bare relay that speaks the frame format but never sends STORED or sync replies. */
async function relayWithoutAcknowledgements(): Promise<{ url: string; close: () => Promise<void> }> {
	const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
	await new Promise((resolve) => wss.once('listening', resolve));
	wss.on('connection', (socket) => {
		socket.on('message', (data: Buffer) => {
			const frame = decodeFrame(new Uint8Array(data));
			if (!frame) return;
			for (const other of wss.clients) if (other !== socket) other.send(encodeFrame(frame.document, frame.message));
		});
	});
	const address = wss.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `ws://127.0.0.1:${port}`,
		close: () =>
			new Promise<void>((resolve) => {
				for (const client of wss.clients) client.terminate();
				wss.close(() => resolve());
			})
	};
}
