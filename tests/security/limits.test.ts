/**
 * Limits (docs/API.md): updates per second per connection, connections per
 * device, document size, message size, documents per connection. Each closes
 * (or refuses) with its reason, and everything stored before stays stored.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { loadConfig } from '../../sync-server/src/config.ts';
import {
	MuxClient,
	connectMux,
	signIn,
	storedDoc,
	syncUpdate,
	ticket,
	until,
	serverPool
} from '../../sync-server/test/support.ts';
import type { Config } from '../../sync-server/src/config.ts';

const { start, keep } = serverPool();

async function alexOn(overrides: Partial<Config>) {
	const server = await start(overrides);
	const cookie = await signIn(server.url, 'alex');
	const client = await connectMux(server, cookie);
	keep(client);
	await client.open('self:alex');
	return { server, cookie, client };
}

/** One small update to self:alex from a fresh Y.Doc client. */
function smallUpdate(i: number, size = 10): Uint8Array {
	const doc = new Y.Doc();
	doc.getMap('messages').set(`m${i}`, 'x'.repeat(size));
	return syncUpdate(Y.encodeStateAsUpdate(doc));
}

describe('limits', () => {
	it('too many updates per second closes 4429 "too many updates"; the updates before it are stored', async () => {
		const { server, client } = await alexOn({ maxUpdatesPerSecond: 5, updateBurst: 20 });
		for (let i = 0; i < 60; i++) client.send('self:alex', smallUpdate(i));
		expect(await client.whenClosed()).toEqual({ code: 4429, reason: 'too many updates' });
		await server.context.store.flushed();
		const stored = storedDoc(server.context, 'self:alex').getMap('messages');
		for (let i = 0; i < 20; i++) expect(stored.has(`m${i}`)).toBe(true);
		expect(stored.has('m59')).toBe(false);
	});

	it('a steady rate under the limit is fine', async () => {
		const { client } = await alexOn({ maxUpdatesPerSecond: 200, updateBurst: 20 });
		for (let i = 0; i < 30; i++) {
			client.send('self:alex', smallUpdate(i));
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
		await client.roundTrip('self:alex');
		expect(client.closeEvent).toBeNull();
	});

	it('empty sync answers do not count as updates (a device opening many documents)', async () => {
		const { client } = await alexOn({ maxUpdatesPerSecond: 1, updateBurst: 2 });
		const empty = syncUpdate(Y.encodeStateAsUpdate(new Y.Doc()));
		for (let i = 0; i < 50; i++) client.send('self:alex', empty);
		await client.roundTrip('self:alex');
		expect(client.closeEvent).toBeNull();
	});

	it('more connections than allowed for one device close 4429 "too many connections for this device"', async () => {
		const { server, cookie } = await alexOn({ maxConnectionsPerDevice: 2 });
		const second = await connectMux(server, cookie);
		keep(second);
		expect(await second.open('program:demo')).toEqual({ type: 'access', access: 'read' });
		const third = await MuxClient.connect(server.wsUrl, await ticket(server.url, cookie));
		keep(third);
		expect(await third.whenClosed()).toEqual({ code: 4429, reason: 'too many connections for this device' });
		// another device of the same participant is counted on its own
		const other = await connectMux(server, await signIn(server.url, 'alex'));
		keep(other);
		expect(await other.open('self:alex')).toEqual({ type: 'access', access: 'write' });
	});

	it('an update that would grow the stored document past the limit closes 4413 "document too large"; nothing stored is lost', async () => {
		const server = await start({ maxDocumentBytes: 200 * 1024, maxMessageBytes: 1024 * 1024 });
		const cookie = await signIn(server.url, 'alex');
		const before = storedDoc(server.context, 'self:alex');
		const presence = before.getArray('presence').length;
		const client = await connectMux(server, cookie);
		keep(client);
		await client.open('self:alex');
		client.send('self:alex', smallUpdate(1, 100));
		await client.whenStored('self:alex');
		expect(server.context.store.load('self:alex').reduce((n, row) => n + row.update.byteLength, 0)).toBeLessThan(100 * 1024);
		client.send('self:alex', smallUpdate(2, 250 * 1024));
		expect(await client.whenClosed()).toEqual({ code: 4413, reason: 'document too large' });
		await server.context.store.flushed();
		const after = storedDoc(server.context, 'self:alex');
		expect(after.getArray('presence').length).toBe(presence);
		expect(after.getMap('messages').has('m1')).toBe(true);
		expect(after.getMap('messages').has('m2')).toBe(false);
		// the document still opens and reads
		const again = await connectMux(server, cookie);
		keep(again);
		expect(await again.open('self:alex')).toEqual({ type: 'access', access: 'write' });
	});

	it('the one-document endpoint applies the same limits', async () => {
		const server = await start({ maxUpdatesPerSecond: 2, updateBurst: 3 });
		const single = await MuxClient.connect(server.wsUrl, await ticket(server.url, await signIn(server.url, 'alex')), '/sync/self:alex');
		keep(single);
		for (let i = 0; i < 10; i++) single.ws.send(smallUpdate(i));
		expect(await single.whenClosed()).toEqual({ code: 4429, reason: 'too many updates' });
		await server.context.store.flushed();
		expect(storedDoc(server.context, 'self:alex').getMap('messages').has('m0')).toBe(true);
	});

	it('a message over the size limit closes 4413 "message too large"; stored data stays', async () => {
		const { server, client } = await alexOn({ maxMessageBytes: 4096 });
		client.send('self:alex', smallUpdate(1));
		await client.whenStored('self:alex').catch(() => undefined);
		client.send('self:alex', smallUpdate(2, 8000));
		expect(await client.whenClosed()).toEqual({ code: 4413, reason: 'message too large' });
		await until(() => (storedDoc(server.context, 'self:alex').getMap('messages').has('m1') ? true : undefined), 'm1 stored');
	});

	it('documents per connection: the one over the limit is DENIED too-many-documents, the connection stays', async () => {
		const server = await start({ maxDocumentsPerConnection: 1 });
		const client = await connectMux(server, await signIn(server.url, 'alex'));
		keep(client);
		await client.open('self:alex');
		expect(await client.open('care:alex')).toMatchObject({ type: 'denied', reason: 'too-many-documents' });
		await client.roundTrip('self:alex');
	});

	it('the limits are read from the environment, with the documented defaults', () => {
		expect(loadConfig({})).toMatchObject({
			maxMessageBytes: 2 * 1024 * 1024,
			maxUpdatesPerSecond: 50,
			updateBurst: 200,
			maxDocumentsPerConnection: 2000,
			maxConnectionsPerDevice: 8,
			maxDocumentBytes: 10 * 1024 * 1024
		});
		expect(
			loadConfig({
				STEADY_MAX_UPDATES_PER_SECOND: '10',
				STEADY_MAX_CONNECTIONS_PER_DEVICE: '3',
				STEADY_MAX_DOCUMENT_BYTES: '65536'
			})
		).toMatchObject({ maxUpdatesPerSecond: 10, updateBurst: 40, maxConnectionsPerDevice: 3, maxDocumentBytes: 65536 });
		expect(() => loadConfig({ STEADY_MAX_CONNECTIONS_PER_DEVICE: '0' })).toThrow(/STEADY_MAX_CONNECTIONS_PER_DEVICE="0"/);
		expect(() => loadConfig({ STEADY_MAX_DOCUMENT_BYTES: 'big' })).toThrow(/STEADY_MAX_DOCUMENT_BYTES/);
		expect(() => loadConfig({ STEADY_PUBLIC_URL: 'ftp://x' })).toThrow(/STEADY_PUBLIC_URL/);
	});
});
