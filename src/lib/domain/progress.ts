/**
 * The participant's progress dashboard, derived from their sessions and answers:
 * the enrollment's sessions, the streak of attended sessions, the last weeks'
 * hours against the plan, and which way a screening score is moving.
 */
import type { Instant } from './ids.ts';
import { attendanceRate, weeklyHours, type AttendanceRate, type ResolvedSession, type WeekHours } from './metrics.ts';
import type { WeeklyHoursPlan } from './policy.ts';
import { participantSessions, weekOf, type ParticipantRecords, type ProgramSchedule } from './session-views.ts';
import { addDays, isoWeekStart, localDateOf, zonedInstant } from './schedule.ts';
import type { ScreeningKind, ScreeningScore } from './surveys.ts';

/** Every session from the enrollment's start to the end of this week, attendance resolved. */
export function enrollmentSessions(program: ProgramSchedule, records: ParticipantRecords, now: Instant): ResolvedSession[] {
	if (!records.enrollment) return [];
	const from = zonedInstant(records.enrollment.startDate, '00:00', program.timeZone);
	const { to } = weekOf(now, program.timeZone);
	return from < to ? participantSessions(program, records, { from, to }, now) : [];
}

/** Statuses that count as having come to the session (a partial visit does not). */
const ATTENDED = new Set(['present', 'late', 'left-early']);

/**
 * Consecutive attended sessions, counted back from the latest finished one.
 * Cancelled sessions, sessions on leave and sessions still to come are passed
 * over; a partial or missed session ends the streak.
 */
export function attendanceStreak(sessions: readonly ResolvedSession[], now: Instant): number {
	const finished = sessions
		.filter(({ occurrence }) => !occurrence.cancelled && !occurrence.onLeave && Date.parse(occurrence.end) <= Date.parse(now))
		.sort((a, b) => b.occurrence.start.localeCompare(a.occurrence.start));
	let streak = 0;
	for (const { result } of finished) {
		if (!ATTENDED.has(result.attendance.status)) break;
		streak++;
	}
	return streak;
}

export const CHART_WEEKS = 8;

/** Hours per ISO week for the last `count` weeks, this week included, oldest first. */
export function recentWeeks(
	sessions: readonly ResolvedSession[],
	timeZone: string,
	policy: Parameters<typeof weeklyHours>[2],
	plan: WeeklyHoursPlan,
	now: Instant,
	count = CHART_WEEKS
): WeekHours[] {
	const thisWeek = isoWeekStart(localDateOf(now, timeZone));
	return weeklyHours(sessions, timeZone, policy, plan, { from: addDays(thisWeek, -7 * (count - 1)), to: thisWeek });
}

export interface ProgressSummary {
	rate: AttendanceRate;
	thisWeek: WeekHours | null;
	weeks: WeekHours[];
	streak: number;
}

export function progressSummary(
	sessions: readonly ResolvedSession[],
	timeZone: string,
	policy: Parameters<typeof weeklyHours>[2],
	plan: WeeklyHoursPlan,
	now: Instant
): ProgressSummary {
	const weeks = recentWeeks(sessions, timeZone, policy, plan, now);
	return { rate: attendanceRate(sessions, now), thisWeek: weeks.at(-1) ?? null, weeks, streak: attendanceStreak(sessions, now) };
}

export type Trend = 'first' | 'lower' | 'higher' | 'same';

/** A screening's scores oldest first, and how the latest compares with the one before. */
export function screeningTrend(scores: readonly ScreeningScore[], kind: ScreeningKind): { scores: ScreeningScore[]; trend: Trend | null } {
	const own = scores.filter((s) => s.kind === kind);
	const [before, latest] = own.slice(-2).length === 2 ? own.slice(-2) : [undefined, own.at(-1)];
	if (!latest) return { scores: own, trend: null };
	if (!before) return { scores: own, trend: 'first' };
	return { scores: own, trend: latest.score < before.score ? 'lower' : latest.score > before.score ? 'higher' : 'same' };
}
