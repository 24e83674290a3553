/**
 * Exports for clinicians and admins of a program (docs/API.md, "Exports"):
 * attendance CSV for the program, a group or a participant; the per-participant
 * report for utilization review; a FHIR R4 bundle. Built here from the stored
 * documents, so the disclosure is logged by the one party that surely sees it.
 *
 * 42 CFR Part 2: every export names its recipient and purpose. A participant's
 * records go only to a recipient that an unrevoked consent of theirs names (the
 * care-team consent for the program's own use, a disclosure consent for anyone
 * else). Each participant's disclosure is recorded (consents.disclose) and
 * audited as `disclosure`; each one withheld as `disclosure-refused`.
 */
import { z } from 'zod';
import { attendanceCsv } from '../../src/lib/domain/export-csv.ts';
import { instantRange, sessionLines, type DateRange, type SessionLine } from '../../src/lib/domain/export-data.ts';
import { fhirBundle } from '../../src/lib/domain/export-fhir.ts';
import { attendanceReport } from '../../src/lib/domain/export-report.ts';
import { LocalDate } from '../../src/lib/domain/ids.ts';
import type { Session } from './auth.ts';
import { sameRecipient } from './consents.ts';
import type { Participant } from './directory.ts';
import { HttpError, sendJson } from './http-util.ts';
import { NOT_FOUND, Text, audit, parse, requireSession, type ApiCall } from './api-common.ts';
import { storedParticipant, storedProgram, type StoredParticipant, type StoredProgram } from './stored-documents.ts';

/** A year and a day: enough for an annual review, small enough to build in one request. */
const MAX_DAYS = 366;

const Common = {
	from: LocalDate,
	to: LocalDate,
	recipient: Text(200),
	purpose: Text(500)
};

function withRange<T extends z.ZodType<DateRange>>(schema: T) {
	return schema
		.refine((q) => q.from <= q.to, { message: 'the "from" day must not be after the "to" day', path: ['to'] })
		.refine((q) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 < MAX_DAYS, {
			message: `choose at most ${MAX_DAYS} days`,
			path: ['to']
		});
}

const CsvQuery = withRange(
	z.object({ ...Common, scope: z.enum(['program', 'group', 'participant']), id: z.string().min(1).max(80).optional() }).strict()
);
const ParticipantQuery = withRange(z.object({ ...Common, participantId: z.string().min(1).max(80) }).strict());

const query = <T>(call: ApiCall, schema: z.ZodType<T>): T => parse(schema, Object.fromEntries(call.query), 'query');

function ownParticipant(call: ApiCall, session: Session, id: string): Participant {
	const participant = call.ctx.directory.participant(id);
	if (!participant || participant.programId !== session.user.programId) throw NOT_FOUND('participant');
	return participant;
}

interface Subject {
	stored: StoredParticipant;
	lines: SessionLine[];
}

interface Cleared extends Subject {
	consentId: string;
}

/** The participant's unrevoked consent (of either kind) that names this recipient. */
function consentFor(call: ApiCall, participantId: string, recipient: string): string | null {
	const consent = call.ctx.consents.list(participantId).find((c) => !c.revokedAt && sameRecipient(c.recipient, recipient));
	return consent?.id ?? null;
}

/**
 * Splits the subjects into those whose consent covers the recipient and those
 * withheld (audited). Refuses 403 `no-consent` when nobody is left.
 */
function clear(call: ApiCall, session: Session, subjects: Subject[], input: { recipient: string; purpose: string }, what: string): { cleared: Cleared[]; withheld: Subject[] } {
	const cleared: Cleared[] = [];
	const withheld: Subject[] = [];
	for (const subject of subjects) {
		const consentId = consentFor(call, subject.stored.id, input.recipient);
		if (consentId) cleared.push({ ...subject, consentId });
		else {
			withheld.push(subject);
			audit(call, session, {
				event: 'disclosure-refused',
				detail: JSON.stringify({ participantId: subject.stored.id, to: input.recipient, what, why: input.purpose, reason: 'no-consent' })
			});
		}
	}
	if (cleared.length === 0 && withheld.length > 0) {
		const names = withheld.map((s) => s.stored.displayName).join(', ');
		throw new HttpError(
			403,
			'no-consent',
			`No consent on file names "${input.recipient}" for ${names}. ` +
				'Ask the participant to record a consent naming this recipient, or choose a recipient they have consented to.'
		);
	}
	return { cleared, withheld };
}

/** Records one disclosure per participant and audits it: to whom, what, why. */
function logDisclosures(call: ApiCall, session: Session, cleared: Cleared[], input: { recipient: string; purpose: string }, what: string): void {
	for (const subject of cleared) {
		const disclosure = call.ctx.consents.disclose(
			{ participantId: subject.stored.id, consentId: subject.consentId, recipient: input.recipient, purpose: input.purpose, what, byUserId: session.user.id },
			session.device.id
		);
		audit(call, session, {
			event: 'disclosure',
			detail: JSON.stringify({
				participantId: subject.stored.id,
				to: input.recipient,
				what,
				why: input.purpose,
				consentId: subject.consentId,
				disclosureId: disclosure.id
			})
		});
	}
}

const nowIso = (call: ApiCall) => new Date(call.ctx.now()).toISOString();

function subjectOf(call: ApiCall, program: StoredProgram, participant: Participant, range: DateRange): Subject {
	const stored = storedParticipant(call.ctx.store, participant);
	return { stored, lines: sessionLines(program, stored, range, nowIso(call)) };
}

function sendFile(call: ApiCall, text: string, type: string, filename: string, headers: Record<string, string> = {}): void {
	call.res.writeHead(200, {
		'content-type': `${type}; charset=utf-8`,
		'content-length': Buffer.byteLength(text),
		'content-disposition': `attachment; filename="${filename}"`,
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff',
		...headers
	});
	call.res.end(text);
}

function csv(call: ApiCall): void {
	const session = requireSession(call, ['clinician', 'admin']);
	const input = query(call, CsvQuery);
	const { programId } = session.user;
	const program = storedProgram(call.ctx.store, programId);
	const range = { from: input.from, to: input.to };

	let subjects: Subject[];
	let scopeName: string;
	if (input.scope === 'participant') {
		const participant = ownParticipant(call, session, input.id ?? '');
		subjects = [subjectOf(call, program, participant, range)];
		scopeName = participant.id;
	} else {
		if (input.scope === 'program' && input.id !== undefined && input.id !== programId) throw NOT_FOUND('program');
		const group = input.scope === 'group' ? program.liveGroups.find((g) => g.id === input.id) : undefined;
		if (input.scope === 'group' && !group) throw NOT_FOUND('group');
		subjects = call.ctx.directory
			.participantsOfProgram(programId)
			.map((p) => subjectOf(call, program, p, range))
			.map((s) => (group ? { ...s, lines: s.lines.filter((l) => l.occurrence.groupId === group.id) } : s))
			// nothing of someone without sessions in the scope is disclosed
			.filter((s) => s.lines.length > 0);
		scopeName = group ? `group-${group.id}` : `program-${programId}`;
	}

	const what = `attendance CSV (${input.scope}${input.scope === 'program' ? '' : ` ${input.id}`}), ${input.from} to ${input.to}`;
	const { cleared, withheld } = clear(call, session, subjects, input, what);
	logDisclosures(call, session, cleared, input, what);
	const lines = cleared.flatMap((s) => s.lines).sort((a, b) => a.occurrence.start.localeCompare(b.occurrence.start) || a.displayName.localeCompare(b.displayName));
	sendFile(call, attendanceCsv(lines, program.timeZone), 'text/csv', `steady-attendance-${scopeName}-${input.from}-${input.to}.csv`, {
		'x-steady-withheld': String(withheld.length)
	});
}

function report(call: ApiCall): void {
	const session = requireSession(call, ['clinician', 'admin']);
	const input = query(call, ParticipantQuery);
	const participant = ownParticipant(call, session, input.participantId);
	const program = storedProgram(call.ctx.store, session.user.programId);
	const range = { from: input.from, to: input.to };
	const what = `attendance report, ${input.from} to ${input.to}`;
	const { cleared } = clear(call, session, [subjectOf(call, program, participant, range)], input, what);
	logDisclosures(call, session, cleared, input, what);
	const stored = (cleared[0] as Cleared).stored;
	sendJson(call.res, 200, { programName: program.name, report: attendanceReport(program, stored, range, nowIso(call)) });
}

function fhir(call: ApiCall): void {
	const session = requireSession(call, ['clinician', 'admin']);
	const input = query(call, ParticipantQuery);
	const participant = ownParticipant(call, session, input.participantId);
	const program = storedProgram(call.ctx.store, session.user.programId);
	const range = { from: input.from, to: input.to };
	const what = `FHIR R4 bundle (appointments, encounters, survey responses), ${input.from} to ${input.to}`;
	const { cleared } = clear(call, session, [subjectOf(call, program, participant, range)], input, what);
	logDisclosures(call, session, cleared, input, what);
	const subject = cleared[0] as Cleared;
	const bundle = fhirBundle({
		participantId: participant.id,
		displayName: subject.stored.records.enrollment?.displayName || participant.displayName,
		lines: subject.lines,
		surveys: subject.stored.surveys,
		surveyRange: instantRange(range, program.timeZone),
		now: nowIso(call),
		range
	});
	sendFile(call, JSON.stringify(bundle, null, 2), 'application/fhir+json', `steady-fhir-${participant.id}-${input.from}-${input.to}.json`);
}

/** What the reports page offers: the program's groups and participants, and its care team's name. */
function options(call: ApiCall): void {
	const session = requireSession(call, ['clinician', 'admin']);
	const program = storedProgram(call.ctx.store, session.user.programId);
	sendJson(call.res, 200, {
		programName: program.name,
		timeZone: program.timeZone,
		groups: program.liveGroups.map((g) => ({ id: g.id, name: g.name })),
		participants: call.ctx.directory.participantsOfProgram(session.user.programId).map((p) => ({ id: p.id, displayName: p.displayName }))
	});
}

export const exportRoutes = [
	{ method: 'GET', path: /^\/api\/exports\/options$/, handle: options },
	{ method: 'GET', path: /^\/api\/exports\/attendance\.csv$/, handle: csv },
	{ method: 'GET', path: /^\/api\/exports\/report$/, handle: report },
	{ method: 'GET', path: /^\/api\/exports\/fhir$/, handle: fhir }
] as const;
