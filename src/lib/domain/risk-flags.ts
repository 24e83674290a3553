/**
 * Risk flags (DESIGN §4): configurable rules over one participant's resolved
 * sessions, surveys and make-ups. Each flag names the sessions (or survey) behind
 * it and when it was raised; a flag is addressed once a clinician logs an
 * intervention after that moment, and it goes away by itself when the pattern ends.
 *
 * `raisedAt` is the end of the latest session behind the flag, so a pattern that
 * goes on after an intervention (another miss) raises the flag again.
 */
import type { Instant, LocalDate, OccurrenceId } from './ids.ts';
import type { ResolvedSession } from './metrics.ts';
import type { RiskRuleNumbers } from './policy.ts';
import type { SurveyResponse } from './records.ts';
import { isUrgent } from './surveys.ts';

export type RiskFlagKind =
	| 'urgent-survey'
	| 'missed-in-a-row'
	| 'missed-of-recent'
	| 'low-attendance'
	| 'unexcused-absences'
	| 'late-or-left-early'
	| 'technical-absences'
	| 'no-activity'
	| 'makeups-overdue'
	| 'hours-under-plan';

export interface RiskFlag {
	kind: RiskFlagKind;
	urgent: boolean;
	/** one sentence for the care team, with the numbers that raised it */
	explanation: string;
	/** the sessions behind the flag, oldest first */
	occurrenceIds: OccurrenceId[];
	/** the survey behind an urgent flag */
	surveyId?: string;
	raisedAt: Instant;
}

export interface OverdueMakeup {
	occurrenceId: OccurrenceId;
	/** the moment it became overdue */
	overdueAt: Instant;
}

export interface WeekStanding {
	weekStart: LocalDate;
	/** the first instant after the week */
	endsAt: Instant;
	attendedHours: number;
	planHours: number;
	/** some of the week's sessions were on leave: the plan does not apply */
	onLeave: boolean;
}

export interface RiskInput {
	/** the enrollment's sessions, any order; unfinished ones are ignored */
	sessions: readonly ResolvedSession[];
	surveys: readonly SurveyResponse[];
	overdueMakeups: readonly OverdueMakeup[];
	/** the last complete ISO week, when there is one */
	lastWeek: WeekStanding | null;
	/** the latest thing the participant did (joined, gave notice, answered, worked) */
	lastActivityAt: Instant | null;
	/** when the enrollment began: no-activity counts from here at the earliest */
	enrolledAt: Instant;
	/** when each intervention was logged */
	interventionTimes: readonly Instant[];
	rules: RiskRuleNumbers;
	now: Instant;
	/** the share of a session's minutes that counts as attended (the policy's) */
	presentFraction: number;
}

export interface RiskFlags {
	/** flags no intervention has answered yet: urgent first */
	active: RiskFlag[];
	/** flags answered by an intervention logged after they were raised */
	addressed: RiskFlag[];
}

const DAY = 86_400_000;
const MISSED = new Set(['absent', 'absent-notified', 'absent-not-notified']);

export const isMissed = (s: ResolvedSession): boolean => MISSED.has(s.result.attendance.status);


/** Sessions that have ended and were expected: not cancelled, not on leave; oldest first. */
function pastSessions(sessions: readonly ResolvedSession[], now: number): ResolvedSession[] {
	return sessions
		.filter((s) => !s.occurrence.cancelled && !s.occurrence.onLeave && Date.parse(s.occurrence.end) <= now)
		.sort((a, b) => a.occurrence.start.localeCompare(b.occurrence.start) || a.occurrence.id.localeCompare(b.occurrence.id));
}

const ids = (sessions: readonly ResolvedSession[]) => sessions.map((s) => s.occurrence.id);
const latestEnd = (sessions: readonly ResolvedSession[]): Instant => sessions.map((s) => s.occurrence.end).reduce((a, b) => (b > a ? b : a));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function fromSessions(kind: RiskFlagKind, explanation: string, behind: readonly ResolvedSession[]): RiskFlag {
	return { kind, urgent: false, explanation, occurrenceIds: ids(behind), raisedAt: latestEnd(behind) };
}

/** Not excused by a clinician: refused, or undecided with no notice given. */
function isUnexcused(s: ResolvedSession): boolean {
	if (!isMissed(s)) return false;
	if (s.result.excused !== null) return !s.result.excused;
	return s.result.notice === null;
}

const isTechnical = (s: ResolvedSession): boolean =>
	s.result.notice?.reason === 'technical-problem' || Boolean(s.result.verification?.technicalProblems?.trim());

function urgentFlag(surveys: readonly SurveyResponse[]): RiskFlag | null {
	const risky = surveys.filter((s) => s.deletedAt === undefined && isUrgent(s)).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
	const latest = risky[0];
	if (!latest) return null;
	return {
		kind: 'urgent-survey',
		urgent: true,
		explanation: 'PHQ-9 question 9 (thoughts of being better off dead or of self-harm) was answered above “not at all”. Reach out today.',
		occurrenceIds: [],
		surveyId: latest.id,
		raisedAt: latest.updatedAt
	};
}

/** Every rule of the program, in the order the care team reads them. */
export function evaluateRiskFlags(input: RiskInput): RiskFlag[] {
	const { rules } = input;
	const now = Date.parse(input.now);
	const past = pastSessions(input.sessions, now);
	const flags: RiskFlag[] = [];
	const urgent = urgentFlag(input.surveys);
	if (urgent) flags.push(urgent);

	if (rules.missedInARow.enabled) {
		let run = 0;
		while (run < past.length && isMissed(past[past.length - 1 - run]!)) run++;
		if (run >= rules.missedInARow.count) {
			flags.push(fromSessions('missed-in-a-row', `Missed the last ${plural(run, 'session')} in a row.`, past.slice(past.length - run)));
		}
	}

	if (rules.missedOfRecent.enabled) {
		const recent = past.slice(-rules.missedOfRecent.ofLast);
		const missed = recent.filter(isMissed);
		if (missed.length > rules.missedOfRecent.moreThan) {
			flags.push(fromSessions('missed-of-recent', `Missed ${missed.length} of the last ${plural(recent.length, 'session')}.`, missed));
		}
	}

	if (rules.lowAttendance.enabled) {
		const { days, minSessions, belowFraction } = rules.lowAttendance;
		const window = past.filter((s) => Date.parse(s.occurrence.end) > now - days * DAY);
		const scheduled = window.reduce((sum, s) => sum + s.occurrence.durationMinutes, 0);
		const attended = window.reduce((sum, s) => sum + Math.min(s.result.minutes, s.occurrence.durationMinutes), 0);
		const short = window.filter((s) => s.result.minutes < input.presentFraction * s.occurrence.durationMinutes);
		if (window.length >= minSessions && scheduled > 0 && attended / scheduled < belowFraction && short.length > 0) {
			const percent = Math.round((100 * attended) / scheduled);
			flags.push(
				fromSessions('low-attendance', `Attended ${percent}% of scheduled time over the last ${days} days (${plural(window.length, 'session')}); below ${Math.round(belowFraction * 100)}%.`, short)
			);
		}
	}

	if (rules.unexcusedInEnrollment.enabled) {
		const unexcused = past.filter(isUnexcused);
		if (unexcused.length >= rules.unexcusedInEnrollment.count) {
			flags.push(fromSessions('unexcused-absences', `${plural(unexcused.length, 'unexcused absence', 'unexcused absences')} since enrolling.`, unexcused));
		}
	}

	if (rules.lateOrLeftEarly.enabled) {
		const { days, count } = rules.lateOrLeftEarly;
		const lateOrEarly = past.filter(
			(s) => Date.parse(s.occurrence.end) > now - days * DAY && (s.result.attendance.status === 'late' || s.result.attendance.status === 'left-early')
		);
		if (lateOrEarly.length >= count) {
			flags.push(fromSessions('late-or-left-early', `Late or left early ${plural(lateOrEarly.length, 'time')} in the last ${days} days.`, lateOrEarly));
		}
	}

	if (rules.technicalAbsences.enabled) {
		const { days, count } = rules.technicalAbsences;
		const technical = past.filter(
			(s) => Date.parse(s.occurrence.end) > now - days * DAY && (isMissed(s) || s.result.attendance.status === 'partial') && isTechnical(s)
		);
		if (technical.length >= count) {
			flags.push(fromSessions('technical-absences', `${plural(technical.length, 'session')} missed for technical reasons in the last ${days} days. Offer tech help.`, technical));
		}
	}

	if (rules.noActivity.enabled) {
		const { days } = rules.noActivity;
		const since = Math.max(Date.parse(input.enrolledAt), input.lastActivityAt ? Date.parse(input.lastActivityAt) : -Infinity);
		if (now - since >= days * DAY) {
			const missed = past.filter((s) => Date.parse(s.occurrence.start) >= since);
			flags.push({
				kind: 'no-activity',
				urgent: false,
				explanation: input.lastActivityAt ? `No activity for ${Math.floor((now - since) / DAY)} days.` : `No activity since enrolling ${Math.floor((now - since) / DAY)} days ago.`,
				occurrenceIds: ids(missed),
				raisedAt: new Date(since + days * DAY).toISOString()
			});
		}
	}

	if (rules.makeupsOverdue.enabled && input.overdueMakeups.length > 0) {
		const overdue = [...input.overdueMakeups].sort((a, b) => a.overdueAt.localeCompare(b.overdueAt));
		flags.push({
			kind: 'makeups-overdue',
			urgent: false,
			explanation: `${plural(overdue.length, 'make-up')} overdue.`,
			occurrenceIds: overdue.map((m) => m.occurrenceId),
			raisedAt: overdue.at(-1)!.overdueAt
		});
	}

	const week = input.lastWeek;
	if (rules.hoursUnderPlan.enabled && week && !week.onLeave && week.attendedHours < week.planHours) {
		const inWeek = past.filter((s) => s.occurrence.localDate >= week.weekStart && s.occurrence.end <= week.endsAt);
		flags.push({
			kind: 'hours-under-plan',
			urgent: false,
			explanation: `${formatHours(week.attendedHours)} attended in the week of ${week.weekStart}; the plan is ${formatHours(week.planHours)}.`,
			occurrenceIds: ids(inWeek.filter((s) => s.result.minutes < s.occurrence.durationMinutes)),
			raisedAt: week.endsAt
		});
	}
	return flags;
}

const formatHours = (hours: number) => `${Math.round(hours * 10) / 10} h`;

/** Splits flags into those still waiting for the care team and those an intervention answered. */
export function riskFlags(input: RiskInput): RiskFlags {
	const latestIntervention = input.interventionTimes.reduce<string | null>((max, at) => (max === null || at > max ? at : max), null);
	const active: RiskFlag[] = [];
	const addressed: RiskFlag[] = [];
	for (const flag of evaluateRiskFlags(input)) {
		if (latestIntervention !== null && Date.parse(latestIntervention) > Date.parse(flag.raisedAt)) addressed.push(flag);
		else active.push(flag);
	}
	return { active, addressed };
}
