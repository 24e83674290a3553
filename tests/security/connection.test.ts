/**
 * Connection-level security: a ticket required at the upgrade, unknown documents,
 * malformed and oversized frames, and a fuzz of the multiplexed handler.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { encodeFrame } from '../../src/lib/protocol/frames.ts';
import {
	MuxClient,
	NodeWebSocket,
	connectMux,
	signIn,
	startServer,
	ticket,
	until,
	type TestServer
} from '../../sync-server/test/support.ts';

let server: TestServer;
let alexCookie: string;
const MAX = 16 * 1024;

beforeAll(async () => {
	server = await startServer({ maxMessageBytes: MAX });
	alexCookie = await signIn(server.url, 'alex');
});
afterAll(async () => server.close());

async function stillServing(): Promise<void> {
	const client = await connectMux(server, alexCookie);
	try {
		expect(await client.open('self:alex')).toEqual({ type: 'access', access: 'write' });
	} finally {
		client.close();
	}
}

async function providerClose(document: string, cookie: string | null): Promise<{ code: number; reason: string }> {
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${server.wsUrl}/sync`, document, doc, {
		WebSocketPolyfill: NodeWebSocket,
		params: cookie ? { ticket: await ticket(server.url, cookie) } : {},
		disableBc: true
	});
	let closed: { code: number; reason: string } | undefined;
	provider.on('closed', (event) => (closed = { code: event.code, reason: event.reason }));
	return until(() => closed, `close of ${document}`).finally(() => {
		expect(doc.share.size).toBe(0);
		provider.destroy();
	});
}

describe('a ticket at the upgrade', () => {
	it('the multiplexed endpoint closes 4401 without a ticket', async () => {
		const client = await MuxClient.connect(server.wsUrl);
		expect(await client.whenClosed()).toEqual({ code: 4401, reason: 'sign-in required' });
		expect(client.frames).toHaveLength(0);
	});

	it('a made-up ticket is refused the same way', async () => {
		const client = await MuxClient.connect(server.wsUrl, 'not-a-real-ticket');
		expect(await client.whenClosed()).toEqual({ code: 4401, reason: 'sign-in required' });
	});

	it('the device cookie opens no socket: only a ticket does', async () => {
		const ws = new WebSocket(`${server.wsUrl}/sync`, { headers: { cookie: alexCookie } });
		const closed = await new Promise<[number, string]>((resolve) => ws.once('close', (code, reason) => resolve([code, reason.toString()])));
		expect(closed).toEqual([4401, 'sign-in required']);
	});

	it('a y-websocket provider without a ticket gets the final 4401 and stops', async () => {
		expect(await providerClose('program:demo', null)).toEqual({ code: 4401, reason: 'sign-in required' });
	});

	it('a socket opened by another site’s page is refused at the upgrade, even with a ticket', async () => {
		const fresh = await ticket(server.url, alexCookie);
		const ws = new WebSocket(`${server.wsUrl}/sync?ticket=${fresh}`, { headers: { origin: 'https://evil.example' } });
		// the refused handshake also ends in an 'error' event, which is the expected outcome here
		ws.on('error', () => {});
		const status = await new Promise<number | undefined>((resolve) => {
			ws.once('unexpected-response', (_req, res) => resolve(res.statusCode));
			ws.once('open', () => resolve(undefined));
		});
		ws.terminate();
		expect(status).toBe(403);
		const own = new URL(server.url).host;
		const ok = new WebSocket(`${server.wsUrl}/sync?ticket=${await ticket(server.url, alexCookie)}`, { headers: { origin: `http://${own}` } });
		await new Promise((resolve, reject) => (ok.once('open', resolve), ok.once('error', reject)));
		ok.close();
	});

	it('refusals are in the audit trail', () => {
		expect(server.context.audit.list().some((e) => e.event === 'connection-refused')).toBe(true);
	});
});

describe('document names', () => {
	it.each(['bogus', 'program:', 'self:../../etc/passwd', 'care:a b', `care:${'x'.repeat(90)}`])(
		'the multiplexed endpoint denies %j as unknown-document',
		async (name) => {
			const client = await connectMux(server, alexCookie);
			expect(await client.open(name)).toMatchObject({ type: 'denied', reason: 'unknown-document' });
			client.close();
		}
	);

	it.each(['bogus', '..%2F..%2Fetc%2Fpasswd', 'self%3A..', '%E0%A4%A'])('the one-document endpoint closes %j with 4404', async (name) => {
		expect(await providerClose(name, alexCookie)).toEqual({ code: 4404, reason: 'unknown document' });
	});

	it('any other upgrade path is refused', async () => {
		const ws = new WebSocket(`${server.wsUrl}/elsewhere?ticket=${await ticket(server.url, alexCookie)}`);
		const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
		expect(error.message).toMatch(/404/);
	});
});

describe('bad frames close the connection with a reason and never the server', () => {
	const cases: Array<[string, (ws: WebSocket) => void, number]> = [
		['an undecodable frame', (ws) => ws.send(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])), 4400],
		['a frame with no message', (ws) => ws.send(encodeFrame('self:alex', new Uint8Array([])).slice(0, 10)), 4400],
		['an unknown message type', (ws) => ws.send(encodeFrame('self:alex', new Uint8Array([42]))), 4400],
		['a server-only message type', (ws) => ws.send(encodeFrame('self:alex', new Uint8Array([100, 0]))), 4400],
		['a truncated sync message', (ws) => ws.send(encodeFrame('self:alex', new Uint8Array([0, 2, 50, 1]))), 4400],
		['an update that is not a Yjs update', (ws) => ws.send(encodeFrame('self:alex', new Uint8Array([0, 2, 3, 9, 9, 9]))), 4400],
		['a text frame', (ws) => ws.send('hello'), 4400],
		['a frame over the size limit', (ws) => ws.send(encodeFrame('self:alex', new Uint8Array(MAX + 10))), 4413]
	];

	it.each(cases)('%s', async (_name, send, code) => {
		const client = await connectMux(server, alexCookie);
		send(client.ws);
		const closed = await client.whenClosed();
		expect(closed.code).toBe(code);
		expect(closed.reason).toBe(code === 4413 ? 'message too large' : 'malformed message');
		await stillServing();
	});

	it('the one-document endpoint closes a bad message with 4400', async () => {
		const ws = new WebSocket(`${server.wsUrl}/sync/self:alex?ticket=${await ticket(server.url, alexCookie)}`);
		await new Promise((resolve) => ws.once('open', resolve));
		ws.send(new Uint8Array([7, 7, 7]));
		const code = await new Promise<number>((resolve) => ws.once('close', resolve));
		expect(code).toBe(4400);
		await stillServing();
	});

	it('random bytes and random messages inside valid frames never crash the server', async () => {
		const names = ['self:alex', 'care:alex', 'program:demo', 'private:alex', 'nope'];
		const payload = fc.oneof(
			fc.uint8Array({ maxLength: 80 }),
			fc
				.tuple(fc.constantFrom(...names), fc.constantFrom(0, 1, 3, 103), fc.constantFrom(0, 1, 2), fc.uint8Array({ maxLength: 60 }))
				.map(([name, type, sub, tail]) => encodeFrame(name, new Uint8Array(type === 0 ? [type, sub, ...tail] : [type, ...tail])))
		);
		await fc.assert(
			fc.asyncProperty(fc.array(payload, { minLength: 1, maxLength: 5 }), async (frames) => {
				const client = await connectMux(server, alexCookie);
				for (const frame of frames) if (client.ws.readyState === WebSocket.OPEN) client.ws.send(frame);
				// a round trip on a good document proves the connection was handled to the end
				if (client.ws.readyState === WebSocket.OPEN) {
					client.ws.send(encodeFrame('program:demo', new Uint8Array([3])));
				}
				await until(
					() => (client.closeEvent || client.frames.some((f) => f.document === 'program:demo') ? true : undefined),
					'an answer or a close'
				);
				if (client.closeEvent) expect([4400, 4413]).toContain(client.closeEvent.code);
				client.close();
			}),
			{ numRuns: 150 }
		);
		await stillServing();
	});
});
