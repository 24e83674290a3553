/**
 * A clinician's verification of a roster: the one-tap suggestion taken from what
 * presence computed, the full form's draft, and the session's present count.
 * Pure: the page passes the roster rows and the session records it read.
 */
import type { AttendanceResult } from './attendance.ts';
import type { OccurrenceId } from './ids.ts';
import type { AttendanceStatus, SessionRecord, Verification } from './records.ts';

/** What a clinician decides about one participant and session; the command adds who and when. */
export type VerificationDraft = Omit<Verification, 'id' | 'occurrenceId' | 'recordedAt' | 'recordedBy' | 'recordedByName'>;

const FROM_PRESENCE: ReadonlySet<string> = new Set<AttendanceStatus>(['present', 'late', 'left-early', 'partial']);

/**
 * The common case in one tap: confirm what presence computed once the session is
 * over (present, late, left early, partial with its minutes), or an absence when
 * nobody joined. Nothing while the session runs, is cancelled or the person is on
 * leave, and nothing once a clinician has verified: then the form is the way.
 */
export function suggestedVerification(result: AttendanceResult): VerificationDraft | null {
	const { status, source } = result.attendance;
	if (source === 'presence' && FROM_PRESENCE.has(status)) {
		const attendance = status as AttendanceStatus;
		return attendance === 'partial' ? { attendance, minutes: result.presenceMinutes, excused: null } : { attendance, excused: null };
	}
	if (status === 'absent-notified' || status === 'absent-not-notified') return { attendance: 'absent', excused: null };
	return null;
}

/** The form's starting point: the latest verification, else the suggestion, else present. */
export function draftFor(result: AttendanceResult): VerificationDraft {
	const latest = result.verification;
	if (latest) {
		const { attendance, minutes, excused, camera, verbal, engagement, mode, technicalProblems } = latest;
		return withoutEmpty({ attendance, minutes, excused, camera, verbal, engagement, mode, technicalProblems });
	}
	return suggestedVerification(result) ?? { attendance: 'present', excused: null };
}

/** Participants whose latest verification says they attended, in any measure. */
export function verifiedPresentCount(results: readonly AttendanceResult[]): number {
	return results.filter((r) => r.verification !== null && r.verification.attendance !== 'absent').length;
}

/** The count recorded with a session: the latest version, by recordedAt then id. */
export function latestSessionRecord(records: readonly SessionRecord[], occurrenceId: OccurrenceId): SessionRecord | null {
	let latest: SessionRecord | null = null;
	for (const record of records) {
		if (record.occurrenceId !== occurrenceId) continue;
		if (!latest || record.recordedAt > latest.recordedAt || (record.recordedAt === latest.recordedAt && record.id > latest.id)) latest = record;
	}
	return latest;
}

/** Every recorded count of a session, oldest first: its history. */
export function sessionRecordHistory(records: readonly SessionRecord[], occurrenceId: OccurrenceId): SessionRecord[] {
	return records
		.filter((r) => r.occurrenceId === occurrenceId)
		.sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id));
}

/**
 * The draft as it is stored: minutes only for partial (required there), and no
 * empty optional fields, so a version says only what the clinician decided.
 */
export function withoutEmpty(draft: VerificationDraft): VerificationDraft {
	const { minutes, technicalProblems, ...rest } = draft;
	const out: VerificationDraft = { ...rest };
	for (const key of ['camera', 'verbal', 'engagement', 'mode'] as const) if (out[key] === undefined) delete out[key];
	if (draft.attendance === 'partial' && minutes !== undefined) out.minutes = minutes;
	if (technicalProblems?.trim()) out.technicalProblems = technicalProblems.trim();
	return out;
}

/** Why a draft cannot be saved, in words, or null when it can. */
export function draftProblem(draft: VerificationDraft, sessionMinutes: number): string | null {
	if (draft.attendance !== 'partial') return null;
	if (draft.minutes === undefined || !Number.isInteger(draft.minutes)) return 'Partial attendance needs the minutes attended, as a whole number.';
	if (draft.minutes < 0 || draft.minutes > sessionMinutes) return `Minutes attended must be between 0 and ${sessionMinutes}, the length of the session.`;
	return null;
}
