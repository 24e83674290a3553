/** Test helpers: resolved sessions built from a status, for risk and caseload tests. */
import type { AttendanceState } from './attendance.ts';
import type { ResolvedSession } from './metrics.ts';
import { DEFAULT_RISK_RULES } from './policy.ts';
import type { AbsenceNotice, Verification } from './records.ts';
import type { RiskInput } from './risk-flags.ts';

export const DAY_MS = 86_400_000;
/** a Monday, 18:00 in New York */
export const BASE = Date.parse('2026-03-02T23:00:00.000Z');
export const at = (ms: number) => new Date(ms).toISOString();

export interface SessionSpec {
	status: AttendanceState;
	/** days after BASE */
	day: number;
	minutes?: number;
	excused?: boolean | null;
	notice?: AbsenceNotice['reason'];
	technical?: string;
	durationMinutes?: number;
}

export function session(spec: SessionSpec): ResolvedSession {
	const duration = spec.durationMinutes ?? 180;
	const start = BASE + spec.day * DAY_MS;
	const localDate = at(start).slice(0, 10);
	const id = `evening@${localDate}`;
	const verification: Verification | null =
		spec.technical !== undefined
			? { id: `v-${id}`, occurrenceId: id, attendance: 'absent', excused: spec.excused ?? null, technicalProblems: spec.technical, recordedAt: at(start), recordedBy: 'u-c' }
			: null;
	const notice: AbsenceNotice | null = spec.notice
		? { id: `n-${id}`, occurrenceId: id, reason: spec.notice, note: '', givenAt: at(start - DAY_MS), updatedAt: at(start - DAY_MS), updatedBy: 'p' }
		: null;
	const attendedMinutes = spec.minutes ?? (['present', 'late', 'left-early'].includes(spec.status) ? duration : 0);
	return {
		occurrence: {
			id,
			groupId: 'evening',
			groupName: 'Evening',
			facilitator: '',
			videoLink: 'https://meet.example.org/x',
			localDate,
			start: at(start),
			end: at(start + duration * 60_000),
			durationMinutes: duration,
			cancelled: spec.status === 'cancelled',
			moved: false,
			onLeave: spec.status === 'on-leave'
		},
		result: {
			occurrenceId: id,
			attendance: { status: spec.status, source: verification ? 'verified' : 'presence', lateCancellation: false },
			excused: spec.excused ?? null,
			minutes: attendedMinutes,
			presenceMinutes: attendedMinutes,
			intervals: [],
			firstJoin: null,
			lastLeave: null,
			open: false,
			verification,
			verificationHistory: verification ? [verification] : [],
			notice,
			unverifiedClock: false
		}
	};
}

/** A risk input with nothing to flag, `now` a day after the last session given. */
export function riskInput(sessions: ResolvedSession[], overrides: Partial<RiskInput> = {}): RiskInput {
	const lastEnd = sessions.reduce((max, s) => Math.max(max, Date.parse(s.occurrence.end)), BASE);
	const now = at(lastEnd + DAY_MS / 2);
	return {
		sessions,
		surveys: [],
		overdueMakeups: [],
		lastWeek: null,
		lastActivityAt: now,
		enrolledAt: at(BASE - DAY_MS),
		interventionTimes: [],
		rules: DEFAULT_RISK_RULES,
		now,
		presentFraction: 0.75,
		...overrides
	};
}
