/**
 * Every cell of the access table (DESIGN §2), over both endpoints, each opened
 * with a single-use ticket: the multiplexed /sync and an unmodified y-websocket
 * WebsocketProvider on /sync/<document>?ticket=…. Each role is checked against its own and another
 * participant, its own and another program, and a participant that does not exist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import {
	MuxClient,
	NodeWebSocket,
	addOtherProgram,
	connectMux,
	signIn,
	startServer,
	storedDoc,
	ticket,
	until,
	type TestServer
} from '../../sync-server/test/support.ts';

type Expected = 'write' | 'read' | 'none';

const PRINCIPALS = {
	'demo admin': 'admin@demo.steady',
	'demo clinician': 'clinician@demo.steady',
	'demo co-host clinician': 'cohost@demo.steady',
	'participant alex': 'alex',
	'other-program admin': 'admin@other.test',
	'other-program clinician': 'clinician@other.test',
	'other-program participant dana': 'dana'
} as const;
type Who = keyof typeof PRINCIPALS;

const DOCUMENTS = [
	'program:demo',
	'program:other',
	...['alex', 'blair', 'dana', 'ghost'].flatMap((p) => [`self:${p}`, `care:${p}`, `private:${p}`])
];

/** Written out by hand from DESIGN §2; every cell not listed is 'none'. */
const TABLE: Record<Who, Record<string, Expected>> = {
	'demo admin': { 'program:demo': 'write' },
	'demo clinician': {
		'program:demo': 'write',
		'self:alex': 'read',
		'care:alex': 'write',
		'private:alex': 'write',
		'self:blair': 'read',
		'care:blair': 'write',
		'private:blair': 'write'
	},
	'demo co-host clinician': {
		'program:demo': 'write',
		'self:alex': 'read',
		'care:alex': 'write',
		'private:alex': 'write',
		'self:blair': 'read',
		'care:blair': 'write',
		'private:blair': 'write'
	},
	'participant alex': { 'program:demo': 'read', 'self:alex': 'write', 'care:alex': 'read' },
	'other-program admin': { 'program:other': 'write' },
	'other-program clinician': {
		'program:other': 'write',
		'self:dana': 'read',
		'care:dana': 'write',
		'private:dana': 'write'
	},
	'other-program participant dana': { 'program:other': 'read', 'self:dana': 'write', 'care:dana': 'read' }
};

/** documents the demo seed wrote: their content must reach an allowed reader */
const SEEDED = new Set(['program:demo', ...['alex', 'blair'].flatMap((p) => [`self:${p}`, `care:${p}`, `private:${p}`])]);

const CELLS = (Object.keys(PRINCIPALS) as Who[]).flatMap((who) =>
	DOCUMENTS.map((document) => ({ who, document, expected: TABLE[who][document] ?? ('none' as Expected) }))
);

let server: TestServer;
const cookies = new Map<Who, string>();
const muxClients = new Map<Who, MuxClient>();

beforeAll(async () => {
	server = await startServer({ maxDocumentsPerConnection: 1000 });
	await addOtherProgram(server.context);
	for (const [who, login] of Object.entries(PRINCIPALS) as Array<[Who, string]>) {
		const cookie = await signIn(server.url, login);
		cookies.set(who, cookie);
		muxClients.set(who, await connectMux(server, cookie));
	}
});

afterAll(async () => {
	for (const client of muxClients.values()) client.close();
	await server.close();
	console.log(`access matrix: ${2 * CELLS.length} cases (${CELLS.length} cells × 2 endpoints)`);
});

let marker = 0;

/** Writes a fresh key into the client's copy and returns it. */
function scribble(doc: Y.Doc): string {
	const key = `probe-${++marker}`;
	doc.getMap('probes').set(key, { at: marker });
	return key;
}

const stored = (document: string, key: string) => storedDoc(server.context, document).getMap('probes').has(key);

describe('access table over the multiplexed endpoint', () => {
	it.each(CELLS)('$who → $document: $expected', async ({ who, document, expected }) => {
		const client = muxClients.get(who) as MuxClient;
		const answer = await client.open(document);
		if (expected === 'none') {
			expect(answer).toMatchObject({ type: 'denied', reason: 'forbidden' });
			if (answer.type === 'denied') expect(answer.message).toMatch(/does not have access/);
			// nothing of the document was sent: the DENIED frame is all there is
			expect(client.frames.filter((f) => f.document === document)).toHaveLength(1);
			return;
		}
		expect(answer).toEqual({ type: 'access', access: expected });
		const key = scribble(client.doc(document));
		if (expected === 'write') {
			await client.whenStored(document);
			expect(stored(document, key)).toBe(true);
		} else {
			await client.roundTrip(document);
			expect(stored(document, key)).toBe(false);
			expect(client.decoded(document).some((d) => d.type === 'stored')).toBe(false);
		}
	});
});

describe('access table with an unmodified y-websocket WebsocketProvider', () => {
	it.each(CELLS)('$who → $document: $expected', async ({ who, document, expected }) => {
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(`${server.wsUrl}/sync`, document, doc, {
			WebSocketPolyfill: NodeWebSocket,
			params: { ticket: await ticket(server.url, cookies.get(who) as string) },
			disableBc: true
		});
		let closed: { code: number; reason: string } | null = null;
		provider.on('closed', (event) => (closed = { code: event.code, reason: event.reason }));
		try {
			if (expected === 'none') {
				expect(await until(() => closed ?? undefined, 'the refusal')).toEqual({ code: 4403, reason: 'not allowed' });
				expect(doc.share.size).toBe(0);
				expect(provider.shouldConnect && provider.wsconnected).toBe(false);
				return;
			}
			await until(() => (provider.synced ? true : undefined), 'sync');
			if (SEEDED.has(document)) expect(doc.getMap('meta').get('schemaVersion')).toBe(1);
			const key = scribble(doc);
			if (expected === 'write') {
				await until(() => (stored(document, key) ? true : undefined), 'the write stored');
			} else {
				await new Promise((resolve) => setTimeout(resolve, 150));
				expect(stored(document, key)).toBe(false);
			}
			expect(closed).toBeNull();
		} finally {
			provider.destroy();
		}
	});
});
