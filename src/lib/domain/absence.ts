/**
 * Absence notices given in advance (DESIGN §4 rule 4): whether a notice is a late
 * cancellation under the policy, whether it can still be withdrawn, and which
 * notice stands for a session.
 */
import type { Instant } from './ids.ts';
import type { AbsenceNotice } from './records.ts';

const HOUR_MS = 3_600_000;

/** A notice given less than `lateCancellationHours` before the start is a late cancellation. */
export function isLateCancellation(givenAt: Instant, sessionStart: Instant, lateCancellationHours: number): boolean {
	return Date.parse(sessionStart) - Date.parse(givenAt) < lateCancellationHours * HOUR_MS;
}

/** A notice stands until it is withdrawn or deleted, and only when given before the start. */
export function isStanding(notice: AbsenceNotice, sessionStart: Instant): boolean {
	return notice.deletedAt === undefined && notice.withdrawnAt === undefined && Date.parse(notice.givenAt) < Date.parse(sessionStart);
}

/** A standing notice can be withdrawn until the session starts; after that it is the record. */
export function isWithdrawable(notice: AbsenceNotice, sessionStart: Instant, now: Instant): boolean {
	return isStanding(notice, sessionStart) && Date.parse(now) < Date.parse(sessionStart);
}

/** The earliest standing notice for a session (the one attendance counts), or null. */
export function standingNotice(notices: readonly AbsenceNotice[], occurrenceId: string, sessionStart: Instant): AbsenceNotice | null {
	const standing = notices.filter((n) => n.occurrenceId === occurrenceId && isStanding(n, sessionStart));
	standing.sort((a, b) => Date.parse(a.givenAt) - Date.parse(b.givenAt) || a.id.localeCompare(b.id));
	return standing[0] ?? null;
}

/** A notice can be given for a session that has not started, is not cancelled, and has none standing. */
export function canGiveNotice(
	session: { id: string; start: Instant; cancelled: boolean; onLeave: boolean },
	notices: readonly AbsenceNotice[],
	now: Instant
): boolean {
	return !session.cancelled && !session.onLeave && Date.parse(now) < Date.parse(session.start) && standingNotice(notices, session.id, session.start) === null;
}
