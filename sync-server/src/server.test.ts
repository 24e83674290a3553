import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { encodeClose, encodeFrame } from '../../src/lib/protocol/frames.ts';
import { WebsocketProvider } from 'y-websocket';
import { NodeWebSocket, connectMux, serverPool, signIn, storedDoc, ticket, until } from '../test/support.ts';

const { start, stop, connect, keep } = serverPool();

describe('sync server', () => {
	it('seeds the demo program, with history in every participant document', async () => {
		const server = await start();
		const ctx = server.context;
		expect(ctx.store.names()).toEqual(expect.arrayContaining(['program:demo', 'self:alex', 'care:blair', 'private:casey']));
		const program = storedDoc(ctx, 'program:demo');
		expect(program.getMap('meta').get('schemaVersion')).toBe(1);
		expect(Array.from(program.getMap('groups').keys()).sort()).toEqual(['daytime', 'evening']);
		expect(storedDoc(ctx, 'self:alex').getArray('presence').length).toBeGreaterThan(10);
		expect(storedDoc(ctx, 'care:alex').getMap('settings').get('enrollment')).toMatchObject({ plannedWeeklyHours: 9, track: 'adult' });
	});

	it('a writer gets ACCESS, the stored document, and STORED covering its update', async () => {
		const server = await start();
		const alex = await connect(server, 'alex');
		expect(await alex.open('self:alex')).toEqual({ type: 'access', access: 'write' });
		const doc = alex.doc('self:alex');
		await until(() => (doc.getArray('presence').length > 0 ? true : undefined), 'the stored history');
		doc.getMap('messages').set('m1', { text: 'running late' });
		const stored = await alex.whenStored('self:alex');
		expect(stored.get(doc.clientID)).toBe(Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID));
		expect(storedDoc(server.context, 'self:alex').getMap('messages').get('m1')).toEqual({ text: 'running late' });
	});

	it("a read-only connection's update is neither applied nor forwarded", async () => {
		const server = await start();
		const alex = await connect(server, 'alex');
		const clinician = await connect(server, 'clinician@demo.steady');
		expect(await clinician.open('care:alex')).toEqual({ type: 'access', access: 'write' });
		expect(await alex.open('care:alex')).toEqual({ type: 'access', access: 'read' });
		await alex.roundTrip('care:alex');
		alex.doc('care:alex').getMap('leaves').set('forged', { reason: 'I said so' });
		await alex.roundTrip('care:alex');
		await clinician.roundTrip('care:alex');
		expect(clinician.doc('care:alex').getMap('leaves').has('forged')).toBe(false);
		expect(storedDoc(server.context, 'care:alex').getMap('leaves').has('forged')).toBe(false);
		expect(alex.decoded('care:alex').some((d) => d.type === 'stored')).toBe(false);
		// the writer's edits still reach the reader
		clinician.doc('care:alex').getMap('leaves').set('real', { reason: 'approved' });
		await until(() => alex.doc('care:alex').getMap('leaves').get('real'), 'the clinician edit at the reader');
	});

	it('a restart keeps every document', async () => {
		const first = await start();
		const before = new Map(first.context.store.names().map((n) => [n, Y.encodeStateVector(storedDoc(first.context, n))]));
		const clinician = await connect(first, 'clinician@demo.steady');
		await clinician.open('private:blair');
		clinician.doc('private:blair').getMap('notes').set('n1', { text: 'check in on Friday' });
		await clinician.whenStored('private:blair');
		clinician.close();
		await stop(first);

		const second = await start({}, first.dataDir);
		const names = second.context.store.names();
		expect(names).toEqual(expect.arrayContaining(Array.from(before.keys())));
		for (const [name, sv] of before) {
			const after = Y.decodeStateVector(Y.encodeStateVector(storedDoc(second.context, name)));
			for (const [client, clock] of Y.decodeStateVector(sv)) expect(after.get(client)).toBeGreaterThanOrEqual(clock);
		}
		const again = await connect(second, 'cohost@demo.steady');
		await again.open('private:blair');
		await until(() => again.doc('private:blair').getMap('notes').get('n1'), 'the note after restart');
	});

	it('relays a writer’s awareness to the other connections of the document and removes it on disconnect', async () => {
		const server = await start();
		const alex = await connect(server, 'alex');
		const clinician = await connect(server, 'clinician@demo.steady');
		await clinician.open('self:alex');
		await alex.open('self:alex');
		const { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate } = await import('y-protocols/awareness');
		const local = new Awareness(new Y.Doc());
		local.setLocalState({ presence: { occurrenceId: 'evening@2026-03-09' } });
		alex.send('self:alex', new Uint8Array([1, ...varUint8Array(encodeAwarenessUpdate(local, [local.clientID]))]));
		const seen = new Awareness(new Y.Doc());
		const apply = () => {
			for (const f of clinician.frames.filter((x) => x.document === 'self:alex' && x.message[0] === 1)) {
				applyAwarenessUpdate(seen, f.message.slice(1 + varUintLength(f.message, 1)), 'server');
			}
		};
		await until(() => (apply(), seen.getStates().get(local.clientID)), 'the awareness state at the clinician');
		alex.close();
		await until(() => (apply(), seen.getStates().has(local.clientID) ? undefined : true), 'the state removed');
		local.destroy();
		seen.destroy();
	});

	it('drops awareness from a read-only connection: a reader cannot make a participant look live', async () => {
		const server = await start();
		const alex = await connect(server, 'alex');
		const clinician = await connect(server, 'clinician@demo.steady');
		const watcher = await connect(server, 'cohost@demo.steady');
		await alex.open('self:alex');
		await clinician.open('self:alex');
		await watcher.open('self:alex');
		const { Awareness, encodeAwarenessUpdate, applyAwarenessUpdate } = await import('y-protocols/awareness');
		const forged = new Awareness(new Y.Doc());
		forged.setLocalState({ presence: { occurrenceId: 'evening@2026-03-09' } });
		clinician.send('self:alex', new Uint8Array([1, ...varUint8Array(encodeAwarenessUpdate(forged, [forged.clientID]))]));
		// the participant's own presence after it proves delivery works
		const real = new Awareness(new Y.Doc());
		real.setLocalState({ presence: { occurrenceId: 'evening@2026-03-10' } });
		alex.send('self:alex', new Uint8Array([1, ...varUint8Array(encodeAwarenessUpdate(real, [real.clientID]))]));
		const seen = new Awareness(new Y.Doc());
		const apply = () => {
			for (const f of watcher.frames.filter((x) => x.document === 'self:alex' && x.message[0] === 1)) {
				applyAwarenessUpdate(seen, f.message.slice(1 + varUintLength(f.message, 1)), 'server');
			}
		};
		await until(() => (apply(), seen.getStates().get(real.clientID)), 'the participant’s presence at the watcher');
		expect(seen.getStates().has(forged.clientID)).toBe(false);
		for (const awareness of [forged, real, seen]) awareness.destroy();
	});

	it('CLOSE releases the document and an idle document is unloaded, then loads again', async () => {
		const server = await start({ idleUnloadMs: 10 });
		const alex = await connect(server, 'alex');
		await alex.open('self:alex');
		expect(server.context.rooms.loaded()).toContain('self:alex');
		alex.send('self:alex', encodeClose());
		await until(() => (server.context.rooms.loaded().includes('self:alex') ? undefined : true), 'unload');
		const doc = new Y.Doc();
		expect(await alex.open('self:alex', doc)).toEqual({ type: 'access', access: 'write' });
		await until(() => (doc.getArray('presence').length > 0 ? true : undefined), 'the reloaded document');
	});

	it('a multiplexed connection holds at most maxDocumentsPerConnection documents', async () => {
		const server = await start({ maxDocumentsPerConnection: 2 });
		const clinician = await connect(server, 'clinician@demo.steady');
		await clinician.open('care:alex');
		await clinician.open('care:blair');
		expect(await clinician.open('care:casey')).toMatchObject({ type: 'denied', reason: 'too-many-documents' });
	});

	it('signing out closes the open sockets of that device with 4401', async () => {
		const server = await start();
		const cookie = await signIn(server.url, 'alex');
		const alex = await connectMux(server, cookie);
		keep(alex);
		await alex.open('self:alex');
		await fetch(`${server.url}/api/sign-out`, { method: 'POST', headers: { cookie } });
		expect(await alex.whenClosed()).toEqual({ code: 4401, reason: 'sign-in required' });
		const me = await fetch(`${server.url}/api/me`, { headers: { cookie } });
		expect(me.status).toBe(401);
	});

	it('closes within 2 seconds with connections open', async () => {
		const server = await start();
		const alex = await connect(server, 'alex');
		await alex.open('self:alex');
		const started = Date.now();
		await server.close();
		expect(Date.now() - started).toBeLessThan(2000);
		expect((await alex.whenClosed()).code).toBe(1001);
	});

	it('frames for unrelated documents do not leak between documents', async () => {
		const server = await start();
		const alex = await connect(server, 'alex');
		await alex.open('self:alex');
		alex.ws.send(encodeFrame('program:demo', new Uint8Array([0, 0, 0])));
		await until(() => alex.decoded('program:demo').find((d) => d.type === 'access'), 'program open');
		expect(alex.frames.every((f) => f.document === 'self:alex' || f.document === 'program:demo')).toBe(true);
	});
});

describe('both endpoints share one room', () => {
	it('an unmodified WebsocketProvider and a multiplexed client see each other\'s edits', async () => {
		const server = await start();
		const mux = await connect(server, 'clinician@demo.steady');
		await mux.open('care:casey');
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(`${server.wsUrl}/sync`, 'care:casey', doc, {
			WebSocketPolyfill: NodeWebSocket,
			params: { ticket: await ticket(server.url, await signIn(server.url, 'cohost@demo.steady')) },
			disableBc: true
		});
		try {
			await until(() => (provider.synced ? true : undefined), 'provider sync');
			expect(doc.getMap('settings').get('enrollment')).toMatchObject({ participantId: 'casey' });
			doc.getMap('outreach').set('o1', { channel: 'phone' });
			await until(() => mux.doc('care:casey').getMap('outreach').get('o1'), 'the provider edit at the mux client');
			mux.doc('care:casey').getMap('outreach').set('o2', { channel: 'text' });
			await until(() => doc.getMap('outreach').get('o2'), 'the mux edit at the provider');
		} finally {
			provider.destroy();
		}
	});

	it('document opens and denials go to the audit trail', async () => {
		const server = await start();
		const alex = await connect(server, 'alex');
		await alex.open('care:alex');
		await alex.open('private:alex');
		const events = server.context.audit.list().map((e) => [e.event, e.userId, e.document, e.detail]);
		expect(events).toContainEqual(['document-open-read', 'u-alex', 'care:alex', null]);
		expect(events).toContainEqual(['document-denied', 'u-alex', 'private:alex', 'forbidden']);
	});
});

function varUint8Array(bytes: Uint8Array): number[] {
	const out: number[] = [];
	let n = bytes.length;
	while (n > 127) {
		out.push((n & 127) | 128);
		n >>>= 7;
	}
	out.push(n);
	return [...out, ...bytes];
}

function varUintLength(bytes: Uint8Array, offset: number): number {
	let i = offset;
	while ((bytes[i] ?? 0) & 128) i++;
	return i - offset + 1;
}
