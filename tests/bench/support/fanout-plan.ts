/**
 * Who the fan-out load connects as: N/10 documents, each with one writer (the
 * participant) and nine observers (clinician devices), and for Steady a single-use
 * ticket per socket.
 *
 * This runs in the process that starts the load generator, not in the generator:
 * a generator that had first made a few hundred HTTP calls kept its Yjs
 * transactions alive through its young-generation collections (measured: 2.2 MB
 * promoted per scavenge, 0.3 MB without), and its longer GC pauses showed up as
 * server latency, for the reference server too (docs/BENCHMARKS.md).
 */
import { documentName } from '../../../src/lib/domain/document-names.ts';
import { clinicianDevices, enrolParticipants, ticketsFor } from './enrol.ts';
import type { Wire } from './sync-client.ts';

export const OBSERVERS_PER_DOCUMENT = 9;

export interface PlannedDocument {
	name: string;
	/** tickets are absent for the reference server, which checks nothing */
	writerTicket?: string;
	observerTickets: Array<string | undefined>;
}

export async function planDocuments(baseUrl: string, wire: Wire, clients: number): Promise<PlannedDocument[]> {
	const count = Math.max(1, Math.round(clients / (OBSERVERS_PER_DOCUMENT + 1)));
	if (wire === 'reference') {
		return Array.from({ length: count }, (_, i) => ({ name: `self:bench-${i}`, observerTickets: Array.from({ length: OBSERVERS_PER_DOCUMENT }, () => undefined) }));
	}
	const participants = await enrolParticipants(baseUrl, count);
	const clinicians = await clinicianDevices(baseUrl, OBSERVERS_PER_DOCUMENT);
	const names = participants.map((p) => documentName('self', p.participantId));
	// tickets last a minute: fetched last, just before the generator starts
	const writerTickets = await ticketsFor(baseUrl, participants.map((p) => p.cookie));
	const observerTickets = await ticketsFor(baseUrl, names.flatMap(() => clinicians));
	return names.map((name, d) => ({
		name,
		writerTicket: writerTickets[d],
		observerTickets: observerTickets.slice(d * OBSERVERS_PER_DOCUMENT, (d + 1) * OBSERVERS_PER_DOCUMENT)
	}));
}
