/**
 * Hours, billable days and attendance rates (DESIGN §4), all derived from resolved
 * sessions and never stored. Days and ISO weeks are the program zone's.
 *
 * Only session minutes are inputs here: make-up work is never billable, so it has
 * no way in.
 */
import { resolveAttendance, type AttendanceResult } from './attendance.ts';
import type { Instant, LocalDate } from './ids.ts';
import type { PolicyNumbers, WeeklyHoursPlan } from './policy.ts';
import type { AbsenceNotice, PresenceEvent, Verification } from './records.ts';
import { addDays, isoWeekStart, localDateOf, type ParticipantOccurrence } from './schedule.ts';

/** One participant's session with its attendance worked out. */
export interface ResolvedSession {
	occurrence: ParticipantOccurrence;
	result: AttendanceResult;
}

export interface ParticipantRecords {
	events: readonly PresenceEvent[];
	verifications: readonly Verification[];
	notices: readonly AbsenceNotice[];
	lastAliveAt?: Instant | null;
}

/** Resolves attendance for each of a participant's occurrences. */
export function resolveSessions(
	occurrences: readonly ParticipantOccurrence[],
	records: ParticipantRecords,
	policy: PolicyNumbers,
	now: Instant
): ResolvedSession[] {
	return occurrences.map((occurrence) => ({
		occurrence,
		result: resolveAttendance({ occurrence, ...records, policy, now })
	}));
}

// ---- days ----------------------------------------------------------------

export interface DayTotal {
	localDate: LocalDate;
	/** attended minutes that day, breaks between sessions excluded */
	minutes: number;
	billable: boolean;
}

/** The service date of a session: the local date it actually starts on (after a move). */
const serviceDate = (s: ResolvedSession, timeZone: string): LocalDate => localDateOf(s.occurrence.start, timeZone);

/**
 * Attended minutes per local day, for every day with a session that was not
 * cancelled. A day is billable when its minutes reach the policy's daily minimum
 * (and are more than zero).
 */
export function dailyTotals(sessions: readonly ResolvedSession[], timeZone: string, policy: PolicyNumbers): DayTotal[] {
	const minutesByDay = new Map<LocalDate, number>();
	for (const session of sessions) {
		if (session.occurrence.cancelled) continue;
		const day = serviceDate(session, timeZone);
		minutesByDay.set(day, (minutesByDay.get(day) ?? 0) + session.result.minutes);
	}
	return [...minutesByDay.entries()]
		.sort(([a], [b]) => a.localeCompare(b))
		.map(([localDate, minutes]) => ({ localDate, minutes, billable: minutes > 0 && minutes >= policy.billableDailyMinutes }));
}

// ---- rates ---------------------------------------------------------------

export interface AttendanceRate {
	attendedMinutes: number;
	scheduledMinutes: number;
	/** attended / scheduled, 0..1; null when nothing was scheduled */
	rate: number | null;
	/** sessions counted */
	sessions: number;
}

/** A session counts toward a rate once it has ended, unless cancelled or on leave. */
function countsTowardRate(session: ResolvedSession, now: number): boolean {
	const { occurrence } = session;
	return !occurrence.cancelled && !occurrence.onLeave && Date.parse(occurrence.end) <= now;
}

/**
 * Attended minutes against scheduled minutes over the sessions given (pass the
 * enrollment's sessions for the enrollment rate). Cancelled, on-leave and
 * unfinished sessions are left out.
 */
export function attendanceRate(sessions: readonly ResolvedSession[], now: Instant): AttendanceRate {
	const nowMs = Date.parse(now);
	const counted = sessions.filter((s) => countsTowardRate(s, nowMs));
	const attendedMinutes = counted.reduce((sum, s) => sum + Math.min(s.result.minutes, s.occurrence.durationMinutes), 0);
	const scheduledMinutes = counted.reduce((sum, s) => sum + s.occurrence.durationMinutes, 0);
	return { attendedMinutes, scheduledMinutes, rate: scheduledMinutes > 0 ? attendedMinutes / scheduledMinutes : null, sessions: counted.length };
}

// ---- ISO weeks -----------------------------------------------------------

/** ISO week label, e.g. 2026-W11; the week belongs to the year of its Thursday. */
export function isoWeekLabel(date: LocalDate): string {
	const thursday = addDays(isoWeekStart(date), 3);
	const year = thursday.slice(0, 4);
	const dayOfYear = (Date.parse(thursday) - Date.parse(`${year}-01-01`)) / 86_400_000;
	return `${year}-W${String(Math.floor(dayOfYear / 7) + 1).padStart(2, '0')}`;
}

/** Monday of each ISO week touching [from, to], both local dates included. */
function weekStartsBetween(from: LocalDate, to: LocalDate): LocalDate[] {
	const weeks: LocalDate[] = [];
	for (let monday = isoWeekStart(from); monday <= to; monday = addDays(monday, 7)) weeks.push(monday);
	return weeks;
}

function sessionsByWeek(sessions: readonly ResolvedSession[], timeZone: string): Map<LocalDate, ResolvedSession[]> {
	const byWeek = new Map<LocalDate, ResolvedSession[]>();
	for (const session of sessions) {
		const week = isoWeekStart(serviceDate(session, timeZone));
		byWeek.set(week, [...(byWeek.get(week) ?? []), session]);
	}
	return byWeek;
}

export interface WeekHours {
	weekStart: LocalDate;
	isoWeek: string;
	attendedHours: number;
	/** hours of sessions not cancelled and not on leave, past or future */
	scheduledHours: number;
	billableDays: number;
	planMin: number;
	planMax: number;
	/** attended hours against the plan */
	standing: 'below' | 'within' | 'above';
}

/** Hours attended and scheduled per ISO week of [from, to], against the plan. */
export function weeklyHours(
	sessions: readonly ResolvedSession[],
	timeZone: string,
	policy: PolicyNumbers,
	plan: WeeklyHoursPlan,
	weeks: { from: LocalDate; to: LocalDate }
): WeekHours[] {
	const byWeek = sessionsByWeek(sessions, timeZone);
	return weekStartsBetween(weeks.from, weeks.to).map((weekStart) => {
		const inWeek = byWeek.get(weekStart) ?? [];
		const expected = inWeek.filter((s) => !s.occurrence.cancelled && !s.occurrence.onLeave);
		const days = dailyTotals(inWeek, timeZone, policy);
		const attendedHours = days.reduce((sum, d) => sum + d.minutes, 0) / 60;
		return {
			weekStart,
			isoWeek: isoWeekLabel(weekStart),
			attendedHours,
			scheduledHours: expected.reduce((sum, s) => sum + s.occurrence.durationMinutes, 0) / 60,
			billableDays: days.filter((d) => d.billable).length,
			planMin: plan.min,
			planMax: plan.max,
			standing: attendedHours < plan.min ? 'below' : attendedHours > plan.max ? 'above' : 'within'
		};
	});
}

export interface WeekRate extends AttendanceRate {
	weekStart: LocalDate;
	isoWeek: string;
}

/** Attendance rate per ISO week of [from, to]. */
export function weeklyAttendanceRates(
	sessions: readonly ResolvedSession[],
	timeZone: string,
	now: Instant,
	weeks: { from: LocalDate; to: LocalDate }
): WeekRate[] {
	const byWeek = sessionsByWeek(sessions, timeZone);
	return weekStartsBetween(weeks.from, weeks.to).map((weekStart) => ({
		weekStart,
		isoWeek: isoWeekLabel(weekStart),
		...attendanceRate(byWeek.get(weekStart) ?? [], now)
	}));
}
