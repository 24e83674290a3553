/**
 * Bounded load on loopback: a reader that never reads is closed once its send
 * buffer passes the limit (so the server's memory does not grow with it), and a
 * storm of connections, then a storm of reconnections after a restart, leave every
 * acknowledged update in place, once, on the server and on every client.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { silentLog, type Log } from '../../sync-server/src/log.ts';
import { connectMux, MuxClient, serverPool, signIn, ticket, until, type TestServer } from '../../sync-server/test/support.ts';

const pool = serverPool();
const DOCUMENT = 'care:alex';
const MiB = 1024 * 1024;

async function serverCopy(server: TestServer, cookie: string): Promise<Y.Doc> {
	const reader = pool.keep(await connectMux(server, cookie));
	await reader.open(DOCUMENT);
	await reader.roundTrip(DOCUMENT);
	reader.close();
	return reader.doc(DOCUMENT);
}

describe('the server under stress', () => {
	it('a reader that never reads is closed (1013, reconnect) once 256 KiB wait for it; the writer loses nothing; the reader resyncs', async () => {
		const warnings: string[] = [];
		const log: Log = { ...silentLog, warn: (m) => warnings.push(m) };
		const server = await pool.start({ maxSendBufferBytes: 256 * 1024, maxUpdatesPerSecond: 100_000, updateBurst: 100_000, maxDocumentBytes: 64 * MiB }, undefined, { log });
		const cookie = await signIn(server.url, 'clinician@demo.steady');
		const slow = pool.keep(await connectMux(server, await signIn(server.url, 'cohost@demo.steady')));
		await slow.open(DOCUMENT);
		slow.ws.pause(); // reads nothing from now on

		const writer = pool.keep(await connectMux(server, cookie));
		await writer.open(DOCUMENT);
		const notes = writer.doc(DOCUMENT).getMap('annotations');
		// 20 MiB in 40 KiB updates: far more than loopback's socket buffers hold
		for (let i = 0; i < 500; i++) {
			notes.set(`n${i}`, { text: String(i % 10).repeat(40 * 1024) });
			if (i % 50 === 49) await writer.whenStored(DOCUMENT, 20_000);
		}
		await writer.whenStored(DOCUMENT, 20_000);
		await until(() => (warnings.some((w) => w.includes('closing a slow reader')) ? true : undefined), 'the slow reader to be closed', 10_000);

		// the writer's work is all stored, once
		expect((await serverCopy(server, cookie)).getMap('annotations').size).toBe(500);
		// the slow device comes back and gets everything
		slow.ws.resume();
		await slow.whenClosed();
		const back = pool.keep(await connectMux(server, await signIn(server.url, 'cohost@demo.steady')));
		await back.open(DOCUMENT, slow.doc(DOCUMENT));
		await until(() => (back.doc(DOCUMENT).getMap('annotations').size === 500 ? true : undefined), 'the resync', 10_000);
		expect(back.doc(DOCUMENT).getMap('annotations').toJSON()).toEqual(notes.toJSON());
	}, 60_000);

	it('150 connections at once, a restart, and 150 reconnections at once: every update once everywhere, memory bounded', async () => {
		const CLIENTS = 150;
		let server = await pool.start({ maxConnectionsPerDevice: 1000, idleUnloadMs: 60_000 });
		const cookies = [await signIn(server.url, 'clinician@demo.steady'), await signIn(server.url, 'cohost@demo.steady')];
		const docs = Array.from({ length: CLIENTS }, () => new Y.Doc());
		const heapBefore = process.memoryUsage().heapUsed;

		const storm = async (target: TestServer) => {
			const tickets = await Promise.all(docs.map((_, i) => ticket(target.url, cookies[i % 2]!)));
			const clients = await Promise.all(tickets.map((t) => MuxClient.connect(target.wsUrl, t)));
			clients.forEach((c) => pool.keep(c));
			await Promise.all(clients.map((c, i) => c.open(DOCUMENT, docs[i])));
			return clients;
		};

		const started = Date.now();
		const first = await storm(server);
		docs.forEach((doc, i) => doc.getMap('annotations').set(`c${i}`, { text: `from client ${i}` }));
		await Promise.all(first.map((c) => c.whenStored(DOCUMENT, 30_000)));
		const connectMs = Date.now() - started;

		// clients write more while the server restarts: not yet acknowledged
		await pool.stop(server);
		await Promise.all(first.map((c) => c.whenClosed()));
		docs.forEach((doc, i) => doc.getMap('annotations').set(`offline-${i}`, { text: `while the server was down ${i}` }));
		server = await pool.start({ maxConnectionsPerDevice: 1000, idleUnloadMs: 60_000 }, server.dataDir);

		const restarted = Date.now();
		const second = await storm(server);
		await Promise.all(second.map((c) => c.whenStored(DOCUMENT, 30_000)));
		const expected = (await serverCopy(server, cookies[0]!)).getMap('annotations').size;
		expect(expected).toBeGreaterThanOrEqual(2 * CLIENTS);
		for (const [i, doc] of docs.entries()) {
			await until(() => (doc.getMap('annotations').size === expected ? true : undefined), `client ${i} to converge`, 15_000);
		}
		const reconnectMs = Date.now() - restarted;
		const copy = (await serverCopy(server, cookies[0]!)).getMap('annotations');
		for (let i = 0; i < CLIENTS; i++) {
			expect(copy.get(`c${i}`)).toEqual({ text: `from client ${i}` });
			expect(copy.get(`offline-${i}`)).toEqual({ text: `while the server was down ${i}` });
		}
		for (const doc of docs) expect(doc.getMap('annotations').toJSON()).toEqual(copy.toJSON());
		const heapGrowthMiB = (process.memoryUsage().heapUsed - heapBefore) / MiB;
		console.log(`stress: ${CLIENTS} connections + writes ${connectMs} ms; reconnect storm and resync ${reconnectMs} ms; heap +${heapGrowthMiB.toFixed(1)} MiB (clients and server in one process)`);
		// 150 client docs, 300 sockets' state and the server's copy: tens of MiB at most
		expect(heapGrowthMiB).toBeLessThan(200);
	}, 90_000);
});
