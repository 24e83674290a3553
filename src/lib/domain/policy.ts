/**
 * The attendance policy's default numbers (DESIGN §4). A program stores its own
 * `Policy` record; domain functions take only the numbers, so tests and a program
 * that has not saved a policy yet can use the defaults directly.
 */
import type { Enrollment, Policy, RiskRules } from './records.ts';

/** The numbers of a policy, without the record's version fields. */
export type PolicyNumbers = Omit<Policy, 'id' | 'updatedAt' | 'updatedBy' | 'deletedAt'>;

export const DEFAULT_POLICY: Readonly<PolicyNumbers> = Object.freeze({
	lateAfterMinutes: 10,
	leftEarlyBeforeMinutes: 10,
	presentFraction: 0.75,
	heartbeatGraceMinutes: 2,
	lateCancellationHours: 24,
	// a substance-use IOP day needs 3 attended hours to bill
	billableDailyMinutes: 180,
	// adult IOP plan: 9 to 19 hours a week
	weeklyHoursMin: 9,
	weeklyHoursMax: 19,
	makeupDueDays: 7,
	makeupNeedsVerification: false,
	screeningCadenceDays: 7
});

/** Adolescent IOP plans start lower (6 hours a week); the maximum stays the program's. */
export const ADOLESCENT_WEEKLY_HOURS_MIN = 6;

/** A complete policy record with the defaults, for a program that has none yet. */
export function defaultPolicy(id: string, updatedAt: string, updatedBy: string): Policy {
	return { id, updatedAt, updatedBy, ...DEFAULT_POLICY };
}

export interface WeeklyHoursPlan {
	min: number;
	max: number;
}

/**
 * The weekly hours a participant's track is held to. The policy's minimum is the
 * adult one; adolescents use the lower of it and 6.
 */
export function weeklyHoursPlan(policy: PolicyNumbers, track: 'adult' | 'adolescent'): WeeklyHoursPlan {
	const min = track === 'adolescent' ? Math.min(policy.weeklyHoursMin, ADOLESCENT_WEEKLY_HOURS_MIN) : policy.weeklyHoursMin;
	return { min, max: policy.weeklyHoursMax };
}

/**
 * The weekly hours one participant is held to: the care team's plan for them where
 * they set one (the caseload and its "hours under plan" flag use it), else the track's.
 * A plan above the program's maximum raises the maximum with it.
 */
export function participantHoursPlan(policy: PolicyNumbers, enrollment: Pick<Enrollment, 'track' | 'plannedWeeklyHours'>): WeeklyHoursPlan & { own: boolean } {
	const planned = enrollment.plannedWeeklyHours;
	if (planned <= 0) return { ...weeklyHoursPlan(policy, enrollment.track), own: false };
	return { min: planned, max: Math.max(planned, policy.weeklyHoursMax), own: true };
}

/** The numbers of the risk rules, without the record's version fields. */
export type RiskRuleNumbers = Omit<RiskRules, 'id' | 'updatedAt' | 'updatedBy' | 'deletedAt'>;

export const DEFAULT_RISK_RULES: Readonly<RiskRuleNumbers> = Object.freeze({
	missedInARow: { enabled: true, count: 2 },
	missedOfRecent: { enabled: true, moreThan: 1, ofLast: 6 },
	lowAttendance: { enabled: true, belowFraction: 0.75, days: 14, minSessions: 3 },
	unexcusedInEnrollment: { enabled: true, count: 3 },
	lateOrLeftEarly: { enabled: true, count: 3, days: 14 },
	technicalAbsences: { enabled: true, count: 2, days: 14 },
	noActivity: { enabled: true, days: 7 },
	makeupsOverdue: { enabled: true },
	hoursUnderPlan: { enabled: true }
});
