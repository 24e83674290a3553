/**
 * The server is killed (SIGKILL) again and again while two clinicians write as
 * fast as they can and the server compacts after every few updates. After each
 * restart every update it acknowledged (STORED) is there, and once the writers
 * reconnect and sync, every write is there exactly once: no loss, no duplicates.
 *
 * Writes are appended to the care document's verifications log (a Y.Array), where
 * a duplicated update would show as a second copy of a record.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { crash, processPool, type LaunchedServer } from '../../sync-server/test/process.ts';
import { connectMux, MuxClient, signIn, tempDir, until } from '../../sync-server/test/support.ts';

const { launch } = processPool();
const DOCUMENT = 'care:alex';
const ROUNDS = 3;

interface Writer {
	name: string;
	doc: Y.Doc;
	/** record id -> the writer's Yjs clock once it was written */
	clockOf: Map<string, number>;
	acknowledged: Set<string>;
}

function verification(id: string, writer: string) {
	return { id, occurrenceId: 'evening@2026-03-09', attendance: 'present', excused: null, recordedAt: new Date().toISOString(), recordedBy: writer };
}

/** Highest clock of `writer` the server has acknowledged on this connection. */
function storedClock(client: MuxClient, writer: Writer): number {
	let clock = 0;
	for (const d of client.decoded(DOCUMENT)) {
		if (d.type === 'stored') clock = Math.max(clock, Y.decodeStateVector(d.stateVector).get(writer.doc.clientID) ?? 0);
	}
	return clock;
}

/** How often each of the writers' records is in the log (the demo's own records are left out). */
function entryCounts(doc: Y.Doc): Map<string, number> {
	const counts = new Map<string, number>();
	for (const { id } of doc.getArray<{ id: string }>('verifications').toArray()) if (/^[ab]-/.test(id)) counts.set(id, (counts.get(id) ?? 0) + 1);
	return counts;
}

async function started(dataDir: string): Promise<{ server: LaunchedServer; url: string; wsUrl: string }> {
	// compaction after every 3 updates: most kills land while one is due or running
	const server = launch({ STEADY_DATA_DIR: dataDir, STEADY_COMPACT_EVERY: '3', STEADY_MAX_UPDATES_PER_SECOND: '100000', STEADY_IDLE_UNLOAD_MS: '0' });
	const url = await server.url();
	return { server, url, wsUrl: url.replace('http', 'ws') };
}

/** A reader's fresh copy of the document as the server holds it now. */
async function serverCopy(at: { url: string; wsUrl: string }, cookie: string): Promise<Y.Doc> {
	const reader = await connectMux(at, cookie);
	await reader.open(DOCUMENT);
	await reader.roundTrip(DOCUMENT);
	reader.close();
	return reader.doc(DOCUMENT);
}

describe('crash recovery', () => {
	it(`SIGKILL during writes and compaction, ${ROUNDS} times: acknowledged updates survive, resync has no loss and no duplicates`, async () => {
		const dataDir = tempDir();
		let at = await started(dataDir);
		// devices stay signed in across restarts (their tokens are stored)
		const cookies = { a: await signIn(at.url, 'clinician@demo.steady'), b: await signIn(at.url, 'cohost@demo.steady') };
		const writers: Writer[] = ['a', 'b'].map((name) => ({ name, doc: new Y.Doc(), clockOf: new Map(), acknowledged: new Set() }));
		// a large document makes every compaction slow enough to be killed in the middle of
		const seed = await connectMux(at, cookies.a);
		await seed.open(DOCUMENT);
		seed.doc(DOCUMENT).transact(() => {
			for (let i = 0; i < 400; i++) seed.doc(DOCUMENT).getMap('annotations').set(`bulk-${i}`, { text: 'x'.repeat(2000) });
		});
		await seed.whenStored(DOCUMENT, 15_000);
		seed.close();

		for (let round = 0; round < ROUNDS; round++) {
			const clients = await Promise.all(writers.map((w) => connectMux(at, cookies[w.name as 'a' | 'b'])));
			await Promise.all(writers.map((w, i) => clients[i]!.open(DOCUMENT, w.doc)));
			const clockAtStart = writers.map((w) => Y.decodeStateVector(Y.encodeStateVector(w.doc)).get(w.doc.clientID) ?? 0);
			let writing = true;
			const loops = writers.map(async (writer, i) => {
				for (let n = 0; writing; n++) {
					const id = `${writer.name}-${round}-${n}`;
					writer.doc.getArray('verifications').push([verification(id, writer.name)]);
					writer.clockOf.set(id, Y.decodeStateVector(Y.encodeStateVector(writer.doc)).get(writer.doc.clientID)!);
					await new Promise((resolve) => setTimeout(resolve, 1 + ((n + i) % 3)));
				}
			});
			// kill once each writer has acknowledged writes (however loaded the machine),
			// and a little later each round, so the kill lands at different points
			await until(
				() => (writers.every((w, i) => storedClock(clients[i]!, w) >= clockAtStart[i]! + 12) ? true : undefined),
				'acknowledged writes',
				30_000
			);
			await new Promise((resolve) => setTimeout(resolve, round * 40));
			await crash(at.server);
			writing = false;
			await Promise.all(loops);
			for (const [i, writer] of writers.entries()) {
				const clock = storedClock(clients[i]!, writer);
				for (const [id, c] of writer.clockOf) if (c <= clock) writer.acknowledged.add(id);
				clients[i]!.close();
			}

			at = await started(dataDir);
			const copy = entryCounts(await serverCopy(at, cookies.a));
			for (const writer of writers) for (const id of writer.acknowledged) expect(copy.get(id), `acknowledged ${id} after crash ${round + 1}`).toBe(1);
			expect(at.server.output()).not.toMatch(/does not apply|compaction failed/);
		}

		// the writers come back and sync what the server never acknowledged
		const clients = await Promise.all(writers.map((w) => connectMux(at, cookies[w.name as 'a' | 'b'])));
		await Promise.all(writers.map((w, i) => clients[i]!.open(DOCUMENT, w.doc)));
		await Promise.all(writers.map((_, i) => clients[i]!.whenStored(DOCUMENT, 15_000)));
		const final = await serverCopy(at, cookies.a);
		const counts = entryCounts(final);
		const everything = writers.flatMap((w) => [...w.clockOf.keys()]);
		const acknowledged = writers.reduce((sum, w) => sum + w.acknowledged.size, 0);
		expect(acknowledged).toBeGreaterThan(ROUNDS * 10);
		expect(everything.length).toBeGreaterThan(acknowledged - 1);
		expect([...counts.keys()].sort()).toEqual([...everything].sort());
		expect([...counts.values()].every((n) => n === 1)).toBe(true);
		expect(final.getMap('annotations').size).toBe(400);
		for (const writer of writers) await until(() => (entryCounts(writer.doc).size === everything.length ? true : undefined), `${writer.name} to catch up`, 30_000);
		for (const writer of writers) expect([...entryCounts(writer.doc).values()].every((n) => n === 1)).toBe(true);
		for (const client of clients) client.close();
		await crash(at.server);
	}, 90_000);
});
