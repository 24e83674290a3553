/**
 * Attendance for one participant and one session (DESIGN §4): intervals from
 * presence events, then the first rule that applies. Three facts stay separate:
 * `attendance` (what happened), `excused` (a clinician's decision) and billable,
 * which is derived per day in metrics.ts.
 */
import { isLateCancellation, standingNotice } from './absence.ts';
import type { Instant, OccurrenceId } from './ids.ts';
import { clipToSession, minutesBetween, totalMinutes, type Interval } from './intervals.ts';
import type { PolicyNumbers } from './policy.ts';
import type { AbsenceNotice, AttendanceStatus, PresenceEvent, Verification } from './records.ts';

export type AttendanceState =
	| AttendanceStatus
	| 'on-leave'
	| 'absent-notified'
	| 'absent-not-notified'
	| 'cancelled'
	| 'upcoming'
	| 'live';

export type AttendanceSource = 'verified' | 'leave' | 'presence' | 'notice' | 'none';

export interface Attendance {
	status: AttendanceState;
	source: AttendanceSource;
	/** a notice given less than the policy's hours ahead; only with source 'notice' */
	lateCancellation: boolean;
}

/** The parts of an occurrence attendance needs. */
export interface SessionSlot {
	id: OccurrenceId;
	start: Instant;
	end: Instant;
	cancelled?: boolean;
	onLeave?: boolean;
}

export interface PresenceInterval {
	start: Instant;
	end: Instant;
	/** still counting: a join with no leave */
	open: boolean;
	/** closed at the device's last-alive time plus grace, not by a leave */
	inferred: boolean;
}

export interface AttendanceInput {
	occurrence: SessionSlot;
	/** this participant's events; other occurrences' events are ignored */
	events: readonly PresenceEvent[];
	verifications: readonly Verification[];
	notices: readonly AbsenceNotice[];
	policy: PolicyNumbers;
	now: Instant;
	/** the device's last-alive time, when known (only the participant's own device has it) */
	lastAliveAt?: Instant | null;
}

export interface AttendanceResult {
	occurrenceId: OccurrenceId;
	attendance: Attendance;
	/** the latest verification's excused decision; null while undecided or unverified */
	excused: boolean | null;
	/** minutes that count (the clinician's when verified, else presence), never over the session */
	minutes: number;
	/** minutes from presence alone: union of intervals clipped to the session */
	presenceMinutes: number;
	intervals: PresenceInterval[];
	firstJoin: Instant | null;
	/** end of the last interval; null while that interval is open */
	lastLeave: Instant | null;
	open: boolean;
	verification: Verification | null;
	/** every version for this occurrence, oldest first */
	verificationHistory: Verification[];
	notice: AbsenceNotice | null;
	/**
	 * No clinician has verified the session and some of its presence events were
	 * timed by a device clock never checked against the server's (clockSkewMs null):
	 * the status (even an absence, if the times fell outside the session) may be
	 * wrong, so a clinician should confirm it.
	 */
	unverifiedClock: boolean;
}

const MINUTE = 60_000;
const iso = (ms: number): Instant => new Date(ms).toISOString();

/** Verifications of one occurrence, oldest first by recordedAt, then id. */
export function verificationHistory(verifications: readonly Verification[], occurrenceId: OccurrenceId): Verification[] {
	const unique = new Map(verifications.filter((v) => v.occurrenceId === occurrenceId).map((v) => [v.id, v]));
	return [...unique.values()].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id));
}

interface RawInterval extends Interval {
	open: boolean;
	inferred: boolean;
}

/**
 * Pairs each join with the first leave at or after it from the same device
 * (events without a device id form one device of their own). The result is
 * independent of the order events arrive in, and duplicates change nothing,
 * because overlapping pairs are merged afterwards.
 *
 * A join with no leave is open. Once the session is over, a known last-alive
 * time (after the join) closes it at that time plus the grace; otherwise it
 * counts up to `countTo` (see `countingTo`), and the caller clips it to the session.
 */
function pairEvents(events: readonly PresenceEvent[], sessionEnd: number, now: number, countTo: number, lastAlive: number | null, graceMinutes: number): RawInterval[] {
	const leavesByDevice = new Map<string, number[]>();
	for (const event of events) {
		if (event.type !== 'leave') continue;
		const key = event.deviceId ?? '';
		const list = leavesByDevice.get(key) ?? [];
		list.push(Date.parse(event.at));
		leavesByDevice.set(key, list);
	}
	const intervals: RawInterval[] = [];
	for (const event of events) {
		if (event.type !== 'join') continue;
		const start = Date.parse(event.at);
		const leaves = leavesByDevice.get(event.deviceId ?? '') ?? [];
		const leave = leaves.filter((at) => at >= start).reduce((min, at) => Math.min(min, at), Infinity);
		if (leave !== Infinity) intervals.push({ start, end: leave, open: false, inferred: false });
		else if (now >= sessionEnd && lastAlive !== null && lastAlive >= start) {
			intervals.push({ start, end: lastAlive + graceMinutes * MINUTE, open: false, inferred: true });
		} else intervals.push({ start, end: countTo, open: true, inferred: false });
	}
	return intervals;
}

/**
 * How far open joins of a running session count: `now`, but never before the latest
 * event recorded for the session. Each device stamps events with its own reading of
 * the server's time (server-clock.ts), which steps whenever the offset is learned
 * afresh and differs between devices by a few seconds; an event that reads as
 * after `now` has happened all the same, so the clock that read it is behind.
 * Counting to just past it keeps a rejoin open and the minutes from going down.
 * Events after the session's end do not move it: they cannot count anyway.
 */
function countingTo(events: readonly PresenceEvent[], sessionEnd: number, now: number): number {
	let countTo = now;
	for (const event of events) {
		const at = Date.parse(event.at);
		if (at < sessionEnd) countTo = Math.max(countTo, at + 1);
	}
	return countTo;
}

/** Presence intervals of one session: merged, clipped to the session, flagged open or inferred. */
export function presenceIntervals(
	occurrence: SessionSlot,
	events: readonly PresenceEvent[],
	options: { now: Instant; lastAliveAt?: Instant | null; graceMinutes: number }
): PresenceInterval[] {
	const session = { start: Date.parse(occurrence.start), end: Date.parse(occurrence.end) };
	const now = Date.parse(options.now);
	const lastAlive = options.lastAliveAt ? Date.parse(options.lastAliveAt) : null;
	const own = events.filter((e) => e.occurrenceId === occurrence.id);
	const raw = pairEvents(own, session.end, now, countingTo(own, session.end, now), lastAlive, options.graceMinutes);
	// flags of the pieces survive the merge: a merged interval is open or inferred
	// when a piece reaching its end is
	return clipToSession(raw, session).map((merged) => {
		const reachingEnd = raw.filter((r) => r.start <= merged.end && Math.min(r.end, session.end) >= merged.end);
		return {
			start: iso(merged.start),
			end: iso(merged.end),
			open: reachingEnd.some((r) => r.open),
			inferred: reachingEnd.length > 0 && reachingEnd.every((r) => r.inferred)
		};
	});
}

/**
 * Status from presence once the session is over. Precedence: `partial` below the
 * present fraction (the most important fact for make-up and billing), else `late`,
 * else `left-early`, else `present`. Late and left-early are strict: a join exactly
 * 10 minutes after the start is on time.
 */
function statusFromPresence(occurrence: SessionSlot, minutes: number, firstJoin: number, lastLeave: number | null, policy: PolicyNumbers): AttendanceStatus {
	const start = Date.parse(occurrence.start);
	const end = Date.parse(occurrence.end);
	if (minutes < policy.presentFraction * minutesBetween(start, end)) return 'partial';
	if (firstJoin - start > policy.lateAfterMinutes * MINUTE) return 'late';
	if (lastLeave !== null && end - lastLeave > policy.leftEarlyBeforeMinutes * MINUTE) return 'left-early';
	return 'present';
}

/**
 * Minutes that count for a verified session: the clinician's minutes when given;
 * absent is 0; present without minutes is the whole session (the clinician saw
 * them there, e.g. on the phone); late, left-early and partial fall back to presence.
 */
function verifiedMinutes(verification: Verification, presenceMinutes: number, sessionMinutes: number): number {
	if (verification.minutes !== undefined) return Math.min(verification.minutes, sessionMinutes);
	if (verification.attendance === 'absent') return 0;
	if (verification.attendance === 'present') return sessionMinutes;
	return presenceMinutes;
}

const plain = (status: AttendanceState, source: AttendanceSource): Attendance => ({ status, source, lateCancellation: false });

/**
 * Attendance by the first rule that applies:
 * 1 the latest verification; then a cancelled session is 'cancelled';
 * 2 an approved leave; 3 presence (while the session runs: 'live');
 * 4 a notice before the start ('absent-notified'); 5 past the end: 'absent-not-notified';
 * else 'live' or 'upcoming'.
 */
export function resolveAttendance(input: AttendanceInput): AttendanceResult {
	const { occurrence, policy } = input;
	const now = Date.parse(input.now);
	const start = Date.parse(occurrence.start);
	const end = Date.parse(occurrence.end);
	const sessionMinutes = minutesBetween(start, end);

	const intervals = presenceIntervals(occurrence, input.events, { now: input.now, lastAliveAt: input.lastAliveAt ?? null, graceMinutes: policy.heartbeatGraceMinutes });
	const spans = intervals.map((i) => ({ start: Date.parse(i.start), end: Date.parse(i.end) }));
	const presenceMinutes = Math.min(totalMinutes(spans), sessionMinutes);
	const first = intervals[0];
	const last = intervals.at(-1);
	const firstJoin = first ? Date.parse(first.start) : null;
	const lastLeave = last && !last.open ? Date.parse(last.end) : null;
	const open = intervals.some((i) => i.open);

	const history = verificationHistory(input.verifications, occurrence.id);
	const verification = history.at(-1) ?? null;
	const notice = standingNotice(input.notices, occurrence.id, occurrence.start);

	let attendance: Attendance;
	if (verification) attendance = plain(verification.attendance, 'verified');
	else if (occurrence.cancelled) attendance = plain('cancelled', 'none');
	else if (occurrence.onLeave) attendance = plain('on-leave', 'leave');
	else if (firstJoin !== null) {
		attendance = now < end ? plain('live', 'presence') : plain(statusFromPresence(occurrence, presenceMinutes, firstJoin, lastLeave, policy), 'presence');
	} else if (notice) {
		const lateCancellation = isLateCancellation(notice.givenAt, occurrence.start, policy.lateCancellationHours);
		attendance = { status: 'absent-notified', source: 'notice', lateCancellation };
	} else if (now >= end) attendance = plain('absent-not-notified', 'none');
	else attendance = plain(now >= start ? 'live' : 'upcoming', 'none');

	return {
		occurrenceId: occurrence.id,
		attendance,
		excused: verification ? verification.excused : null,
		minutes: verification ? verifiedMinutes(verification, presenceMinutes, sessionMinutes) : presenceMinutes,
		presenceMinutes,
		intervals,
		firstJoin: firstJoin === null ? null : iso(firstJoin),
		lastLeave: lastLeave === null ? null : iso(lastLeave),
		open,
		verification,
		verificationHistory: history,
		notice,
		unverifiedClock:
			!verification && !occurrence.cancelled && !occurrence.onLeave && input.events.some((e) => e.occurrenceId === occurrence.id && e.clockSkewMs === null)
	};
}
