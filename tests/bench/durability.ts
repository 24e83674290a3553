/**
 * Benchmark 6, durability under crash: `npm run bench -- durability [--rounds 20]`.
 *
 * Each round starts Steady on the same data folder, connects participants' devices
 * over the multiplexed endpoint, has them check in as fast as the server takes it
 * (well under the update-rate limit), and kills the server with SIGKILL at a random
 * moment. Every write whose STORED acknowledgement arrived before the kill must be
 * in the database afterwards.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import * as Y from 'yjs';
import { checkIn } from '../../src/lib/doc/commands.ts';
import { documentName } from '../../src/lib/domain/document-names.ts';
import { enrolParticipants, ticketsFor, type EnrolledParticipant } from './support/enrol.ts';
import { BenchServer } from './support/servers.ts';
import { option, printTable, runWhenMain, verdict } from './support/stats.ts';
import { SyncClient } from './support/sync-client.ts';

const WRITERS = 10;
const WRITE_EVERY_MS = 25;

interface Round {
	written: number;
	acked: number;
	lost: number;
}

/** Ids of the presence records in the stored rows of one document. */
function storedIds(dataDir: string, document: string): Set<string> {
	const db = new Database(path.join(dataDir, 'steady.sqlite'));
	try {
		const doc = new Y.Doc();
		const rows = db.prepare<[string], { data: Buffer }>('SELECT data FROM updates WHERE doc = ? ORDER BY seq').all(document);
		for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
		return new Set(doc.getArray<{ id: string }>('presence').toArray().map((r) => r.id));
	} finally {
		db.close();
	}
}

async function round(server: BenchServer, participants: EnrolledParticipant[]): Promise<Round> {
	const tickets = await ticketsFor(server.url, participants.map((p) => p.cookie));
	const clients = await Promise.all(
		participants.map((p, i) => SyncClient.connect(server.wsUrl, 'mux', documentName('self', p.participantId), tickets[i]))
	);
	await Promise.all(clients.map((c) => c.synced));
	const writes = clients.map(() => [] as Array<{ id: string; clock: number }>);
	const acked = clients.map(() => new Set<string>());
	clients.forEach((client, i) => {
		client.onStored = (stateVector) => {
			const covered = stateVector.get(client.doc.clientID) ?? 0;
			for (const write of writes[i] ?? []) if (write.clock <= covered) acked[i]?.add(write.id);
		};
	});
	const timers = clients.map((client, i) =>
		setInterval(() => {
			const id = checkIn(client.doc, { occurrenceId: 'evening@2026-11-26', at: new Date().toISOString(), deviceId: 'bench' });
			writes[i]?.push({ id, clock: Y.getState(client.doc.store, client.doc.clientID) });
		}, WRITE_EVERY_MS)
	);
	await new Promise((resolve) => setTimeout(resolve, 300 + Math.random() * 700));
	await server.stop('SIGKILL');
	for (const timer of timers) clearInterval(timer);
	// acknowledgements counted are those that arrived before the kill
	const ackedIds = acked.map((set) => new Set(set));
	for (const client of clients) client.close();

	let lost = 0;
	participants.forEach((p, i) => {
		const stored = storedIds(server.dataDir ?? '', documentName('self', p.participantId));
		for (const id of ackedIds[i] ?? []) if (!stored.has(id)) lost++;
	});
	return {
		written: writes.reduce((sum, w) => sum + w.length, 0),
		acked: ackedIds.reduce((sum, a) => sum + a.size, 0),
		lost
	};
}

export async function durability(args: readonly string[]): Promise<boolean> {
	const rounds = option(args, 'rounds', 20);
	let server = await BenchServer.start('steady');
	const dataDir = server.dataDir ?? '';
	const port = new URL(server.url).port;
	const participants = await enrolParticipants(server.url, WRITERS);
	const results: Round[] = [];
	try {
		for (let i = 0; i < rounds; i++) {
			if (i > 0) server = await BenchServer.start('steady', { STEADY_PORT: port }, dataDir);
			results.push(await round(server, participants));
			process.stderr.write(`durability: round ${i + 1}/${rounds}, ${results.at(-1)?.lost} lost\n`);
		}
	} finally {
		await server.dispose();
	}
	const total = (key: keyof Round) => results.reduce((sum, r) => sum + r[key], 0);
	printTable(
		`Durability: kill -9 of Steady under write load (${WRITERS} devices, a check-in every ${WRITE_EVERY_MS} ms each), ${rounds} times`,
		['rounds', 'writes sent', 'STORED-acknowledged', 'acknowledged but lost'],
		[[String(rounds), String(total('written')), String(total('acked')), String(total('lost'))]]
	);
	const ok = total('lost') === 0;
	console.log(`Target: 0 acknowledged updates lost: ${verdict(ok)}.`);
	return ok;
}

runWhenMain(import.meta.url, durability);
