/**
 * Exports for clinicians and admins of a program (docs/API.md, "Exports"):
 * attendance CSV for the program, a group or a participant; the per-participant
 * report for utilization review; a FHIR R4 bundle. Built on the server from the
 * stored documents, so the disclosure is logged by the one party that surely sees
 * it: this module decides and records, the export worker (export-runner.ts) reads
 * the documents and writes the file, off the event loop.
 *
 * 42 CFR Part 2: every export names its recipient and purpose. A participant's
 * records go only to a recipient that an unrevoked consent of theirs names (the
 * care-team consent for the program's own use, a disclosure consent for anyone
 * else). Each participant's disclosure is recorded (consents.disclose) and
 * audited as `disclosure`; each one withheld as `disclosure-refused`.
 */
import { z } from 'zod';
import { type DateRange } from '../../src/lib/domain/export-data.ts';
import { LocalDate } from '../../src/lib/domain/ids.ts';
import type { Session } from './auth.ts';
import { sameRecipient } from './consents.ts';
import type { Participant } from './directory.ts';
import type { Built, ExportJob, Person } from './export-messages.ts';
import { HttpError, sendJson, sendJsonText } from './http-util.ts';
import { NOT_FOUND, Text, audit, parse, requireSession, type ApiCall } from './api-common.ts';
import { storedProgram } from './stored-documents.ts';
import { writeTransaction } from './db.ts';

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
	z
		.object({ ...Common, scope: z.enum(['program', 'group', 'participant']), id: z.string().min(1).max(80).optional() })
		.strict()
		.refine((q) => q.scope === 'program' || q.id !== undefined, { message: 'say which group or participant', path: ['id'] })
);
const ParticipantQuery = withRange(z.object({ ...Common, participantId: z.string().min(1).max(80) }).strict());

const query = <T>(call: ApiCall, schema: z.ZodType<T>): T => parse(schema, Object.fromEntries(call.query), 'query');

function ownParticipant(call: ApiCall, session: Session, id: string): Participant {
	const participant = call.ctx.directory.participant(id);
	if (!participant || participant.programId !== session.user.programId) throw NOT_FOUND('participant');
	return participant;
}

const person = (p: Participant): Person => ({ id: p.id, displayName: p.displayName });

/** A participant with the consent that covers the recipient. */
type Cleared = Participant & { consentId: string };

interface Purpose {
	recipient: string;
	purpose: string;
}

/** The participant's unrevoked consent (of either kind) that names this recipient. */
function consentFor(call: ApiCall, participantId: string, recipient: string): string | null {
	const consent = call.ctx.consents.list(participantId).find((c) => !c.revokedAt && sameRecipient(c.recipient, recipient));
	return consent?.id ?? null;
}

/** Splits participants by whether a consent of theirs names the recipient; nothing is audited yet. */
function byConsent(call: ApiCall, participants: Participant[], recipient: string): { cleared: Cleared[]; withheld: Participant[] } {
	const cleared: Cleared[] = [];
	const withheld: Participant[] = [];
	for (const participant of participants) {
		const consentId = consentFor(call, participant.id, recipient);
		if (consentId) cleared.push({ ...participant, consentId });
		else withheld.push(participant);
	}
	return { cleared, withheld };
}

/**
 * Audits each participant withheld for want of consent, and refuses 403
 * `no-consent` when nobody is left to export.
 */
function refuse(call: ApiCall, session: Session, withheld: Participant[], anyCleared: boolean, input: Purpose, what: string): void {
	for (const participant of withheld) {
		audit(call, session, {
			event: 'disclosure-refused',
			detail: JSON.stringify({ participantId: participant.id, to: input.recipient, what, why: input.purpose, reason: 'no-consent' })
		});
	}
	if (!anyCleared && withheld.length > 0) {
		const names = withheld.map((p) => p.displayName).join(', ');
		throw new HttpError(
			403,
			'no-consent',
			`No consent on file names "${input.recipient}" for ${names}. ` +
				'Ask the participant to record a consent naming this recipient, or choose a recipient they have consented to.'
		);
	}
}

/**
 * Records one disclosure per participant and audits it: to whom, what, why. One
 * transaction, so a program export costs one commit (one fsync), not two per person.
 */
function logDisclosures(call: ApiCall, session: Session, cleared: Cleared[], input: Purpose, what: string): void {
	writeTransaction(call.ctx.db, () => logEach(call, session, cleared, input, what))();
}

function logEach(call: ApiCall, session: Session, cleared: Cleared[], input: Purpose, what: string): void {
	for (const subject of cleared) {
		const disclosure = call.ctx.consents.disclose(
			{ participantId: subject.id, consentId: subject.consentId, recipient: input.recipient, purpose: input.purpose, what, byUserId: session.user.id },
			session.device.id
		);
		audit(call, session, {
			event: 'disclosure',
			detail: JSON.stringify({
				participantId: subject.id,
				to: input.recipient,
				what,
				why: input.purpose,
				consentId: subject.consentId,
				disclosureId: disclosure.id
			})
		});
	}
}

const EXPORT_FAILED = new HttpError(500, 'export-failed', 'The export could not be made. Try again in a moment; if it fails again, tell your administrator.');

/**
 * Builds the export on the worker thread (export-runner.ts). Null when the
 * request went away meanwhile: nothing was handed out, so nothing is logged.
 */
async function build(call: ApiCall, job: ExportJob): Promise<Built | null> {
	const controller = new AbortController();
	const onClose = () => {
		if (!call.res.writableFinished) controller.abort();
	};
	call.res.on('close', onClose);
	try {
		const outcome = await call.ctx.exports.run(job, controller.signal);
		if (outcome.ok) return call.res.destroyed ? null : outcome.built;
		if (outcome.reason === 'cancelled') return null;
		if (outcome.reason === 'no-group') throw NOT_FOUND('group');
		if (outcome.reason === 'busy') {
			throw new HttpError(503, 'exports-busy', 'Several exports are being made right now. Try again in a minute.', { retryAfterSeconds: 30 }, { 'retry-after': '30' });
		}
		call.ctx.log.error(`export ${job.kind} failed: ${outcome.message}`);
		throw EXPORT_FAILED;
	} finally {
		call.res.off('close', onClose);
	}
}

const nowIso = (call: ApiCall) => new Date(call.ctx.now()).toISOString();

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

async function csv(call: ApiCall): Promise<void> {
	const session = requireSession(call, ['clinician', 'admin']);
	const input = query(call, CsvQuery);
	const { programId } = session.user;
	const range = { from: input.from, to: input.to };
	const what = `attendance CSV (${input.scope}${input.scope === 'program' ? '' : ` ${input.id}`}), ${input.from} to ${input.to}`;

	let job: ExportJob;
	let scopeName: string;
	let consents: ReturnType<typeof byConsent>;
	if (input.scope === 'participant') {
		const participant = ownParticipant(call, session, input.id ?? '');
		consents = byConsent(call, [participant], input.recipient);
		// refused before any document is read
		refuse(call, session, consents.withheld, consents.cleared.length > 0, input, what);
		job = { kind: 'csv', programId, range, now: nowIso(call), scope: { kind: 'participant' }, cleared: consents.cleared.map(person), withheld: [] };
		scopeName = participant.id;
	} else {
		if (input.scope === 'program' && input.id !== undefined && input.id !== programId) throw NOT_FOUND('program');
		consents = byConsent(call, call.ctx.directory.participantsOfProgram(programId), input.recipient);
		const scope = input.scope === 'group' ? { kind: 'group' as const, groupId: input.id ?? '' } : { kind: 'program' as const };
		job = { kind: 'csv', programId, range, now: nowIso(call), scope, cleared: consents.cleared.map(person), withheld: consents.withheld.map(person) };
		scopeName = input.scope === 'group' ? `group-${input.id}` : `program-${programId}`;
	}

	const built = await build(call, job);
	if (!built) return;
	// only those with sessions in the scope were in question
	const withheld = consents.withheld.filter((p) => built.withheld.includes(p.id));
	const cleared = consents.cleared.filter((p) => built.disclosed.includes(p.id));
	if (input.scope !== 'participant') refuse(call, session, withheld, cleared.length > 0, input, what);
	logDisclosures(call, session, cleared, input, what);
	sendFile(call, built.text, 'text/csv', `steady-attendance-${scopeName}-${input.from}-${input.to}.csv`, {
		'x-steady-withheld': String(withheld.length)
	});
}

/** A one-participant export (report, FHIR): consent first, then the worker, then the disclosure. */
async function oneParticipant(call: ApiCall, kind: 'report' | 'fhir', describe: (range: string) => string): Promise<{ built: Built; participant: Participant; range: DateRange } | null> {
	const session = requireSession(call, ['clinician', 'admin']);
	const input = query(call, ParticipantQuery);
	const participant = ownParticipant(call, session, input.participantId);
	const range = { from: input.from, to: input.to };
	const what = describe(`${input.from} to ${input.to}`);
	const { cleared, withheld } = byConsent(call, [participant], input.recipient);
	refuse(call, session, withheld, cleared.length > 0, input, what);
	const built = await build(call, { kind, programId: session.user.programId, range, now: nowIso(call), participant: person(participant) });
	if (!built) return null;
	logDisclosures(call, session, cleared, input, what);
	return { built, participant, range };
}

async function report(call: ApiCall): Promise<void> {
	const done = await oneParticipant(call, 'report', (range) => `attendance report, ${range}`);
	if (done) sendJsonText(call.res, 200, done.built.text);
}

async function fhir(call: ApiCall): Promise<void> {
	const done = await oneParticipant(call, 'fhir', (range) => `FHIR R4 bundle (appointments, encounters, survey responses), ${range}`);
	if (done) sendFile(call, done.built.text, 'application/fhir+json', `steady-fhir-${done.participant.id}-${done.range.from}-${done.range.to}.json`);
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
