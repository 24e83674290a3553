/**
 * Builds an export from the stored documents: the heavy part of an export (a Y.Doc
 * per document, every session resolved, the file written). Runs in the export
 * worker (export-worker.ts), never on the thread that serves sockets. Consent and
 * the audit trail are the main thread's (api-export.ts): this only reads.
 */
import { attendanceCsv } from '../../src/lib/domain/export-csv.ts';
import { instantRange, programOccurrences, sessionLines, type SessionLine } from '../../src/lib/domain/export-data.ts';
import { fhirBundle } from '../../src/lib/domain/export-fhir.ts';
import { attendanceReport } from '../../src/lib/domain/export-report.ts';
import { participantSchedule } from '../../src/lib/domain/schedule.ts';
import { readCare } from '../../src/lib/doc/read.ts';
import { documentName } from '../../src/lib/domain/document-names.ts';
import type { ExportJob, ExportOutcome } from './export-messages.ts';
import type { DocumentReader } from './storage.ts';
import { loadDocument, storedParticipant, storedProgram } from './stored-documents.ts';

export class Cancelled extends Error {}

type Job<K extends ExportJob['kind']> = Extract<ExportJob, { kind: K }>;

/** `stillWanted` is asked between participants; false stops the work (the request went away). */
export function buildExport(store: DocumentReader, job: ExportJob, stillWanted: () => boolean): ExportOutcome {
	const check = () => {
		if (!stillWanted()) throw new Cancelled();
	};
	try {
		if (job.kind === 'csv') return csv(store, job, check);
		if (job.kind === 'report') return report(store, job);
		return fhir(store, job);
	} catch (error) {
		if (error instanceof Cancelled) return { ok: false, reason: 'cancelled', message: 'the request went away' };
		throw error;
	}
}

function csv(store: DocumentReader, job: Job<'csv'>, check: () => void): ExportOutcome {
	const program = storedProgram(store, job.programId);
	const { scope } = job;
	const group = scope.kind === 'group' ? program.liveGroups.find((g) => g.id === scope.groupId) : undefined;
	if (scope.kind === 'group' && !group) return { ok: false, reason: 'no-group', message: `no group ${scope.groupId}` };
	// the program's schedule is expanded once for everyone; a group's sessions are
	// picked after resolving, since a day's billability counts every session that day
	const occurrences = programOccurrences(program, job.range);
	const inScope = (o: { groupId: string }) => !group || o.groupId === group.id;

	const lines: SessionLine[] = [];
	const disclosed: string[] = [];
	for (const person of job.cleared) {
		check();
		const own = sessionLines(program, storedParticipant(store, person), job.range, job.now, occurrences).filter((l) => inScope(l.occurrence));
		// nothing of someone without sessions in a program or group scope is disclosed
		if (own.length === 0 && scope.kind !== 'participant') continue;
		lines.push(...own);
		disclosed.push(person.id);
	}
	// of those without consent only the enrollment is read: are they in the scope at all?
	const withheld = job.withheld
		.filter((person) => {
			check();
			const care = loadDocument(store, documentName('care', person.id), readCare);
			if (!care.enrollment) return false;
			return participantSchedule(occurrences, { enrollment: care.enrollment, adjustments: care.adjustments, leaves: care.leaves }).some(inScope);
		})
		.map((person) => person.id);
	check();
	lines.sort((a, b) => a.occurrence.start.localeCompare(b.occurrence.start) || a.displayName.localeCompare(b.displayName));
	return { ok: true, built: { text: attendanceCsv(lines, program.timeZone), disclosed, withheld } };
}

function report(store: DocumentReader, job: Job<'report'>): ExportOutcome {
	const program = storedProgram(store, job.programId);
	const stored = storedParticipant(store, job.participant);
	const text = JSON.stringify({ programName: program.name, report: attendanceReport(program, stored, job.range, job.now) });
	return { ok: true, built: { text, disclosed: [job.participant.id], withheld: [] } };
}

function fhir(store: DocumentReader, job: Job<'fhir'>): ExportOutcome {
	const program = storedProgram(store, job.programId);
	const stored = storedParticipant(store, job.participant);
	const bundle = fhirBundle({
		participantId: job.participant.id,
		displayName: stored.records.enrollment?.displayName || job.participant.displayName,
		lines: sessionLines(program, stored, job.range, job.now),
		surveys: stored.surveys,
		surveyRange: instantRange(job.range, program.timeZone),
		now: job.now,
		range: job.range
	});
	return { ok: true, built: { text: JSON.stringify(bundle, null, 2), disclosed: [job.participant.id], withheld: [] } };
}
