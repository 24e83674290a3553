import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_RULES } from './policy.ts';
import type { SurveyResponse } from './records.ts';
import { riskFlags, type RiskFlagKind } from './risk-flags.ts';
import { at, BASE, DAY_MS, riskInput, session } from './risk-fixtures.test-support.ts';

const kinds = (flags: { kind: RiskFlagKind }[]) => flags.map((f) => f.kind);

const phq9 = (item9: number, day: number): SurveyResponse => ({
	id: `phq-${day}`,
	kind: 'phq9',
	items: [1, 1, 1, 1, 1, 1, 1, 1, item9],
	updatedAt: at(BASE + day * DAY_MS),
	updatedBy: 'p'
});

describe('risk flags (DESIGN §4 defaults)', () => {
	it('two missed sessions in a row raise a flag naming both', () => {
		const sessions = [session({ status: 'present', day: 0 }), session({ status: 'absent-not-notified', day: 1 }), session({ status: 'absent-notified', day: 3, notice: 'illness' })];
		const { active } = riskFlags(riskInput(sessions));
		const flag = active.find((f) => f.kind === 'missed-in-a-row');
		expect(flag?.occurrenceIds).toEqual(['evening@2026-03-03', 'evening@2026-03-05']);
		expect(flag?.explanation).toBe('Missed the last 2 sessions in a row.');
	});

	it('the pattern ends when the participant attends again', () => {
		const sessions = [session({ status: 'absent-not-notified', day: 0 }), session({ status: 'absent-not-notified', day: 1 }), session({ status: 'present', day: 3 })];
		expect(kinds(riskFlags(riskInput(sessions)).active)).not.toContain('missed-in-a-row');
	});

	it('more than 1 missed of the last 6 is flagged, exactly 1 is not', () => {
		const one = [0, 1, 2, 3, 4, 5].map((day) => session({ status: day === 2 ? 'absent-not-notified' : 'present', day }));
		expect(kinds(riskFlags(riskInput(one)).active)).not.toContain('missed-of-recent');
		const two = [0, 1, 2, 3, 4, 5].map((day) => session({ status: day === 2 || day === 4 ? 'absent-not-notified' : 'present', day }));
		const flag = riskFlags(riskInput(two)).active.find((f) => f.kind === 'missed-of-recent');
		expect(flag?.explanation).toBe('Missed 2 of the last 6 sessions.');
	});

	it('attendance under 75% over 14 days needs at least 3 sessions', () => {
		const two = [session({ status: 'partial', day: 0, minutes: 60 }), session({ status: 'partial', day: 1, minutes: 60 })];
		expect(kinds(riskFlags(riskInput(two)).active)).not.toContain('low-attendance');
		const three = [...two, session({ status: 'present', day: 2 })];
		const flag = riskFlags(riskInput(three)).active.find((f) => f.kind === 'low-attendance');
		expect(flag?.explanation).toBe('Attended 56% of scheduled time over the last 14 days (3 sessions); below 75%.');
		expect(flag?.occurrenceIds).toHaveLength(2);
	});

	it('three unexcused absences; an excused one or one with a notice awaiting a decision does not count', () => {
		const sessions = [
			session({ status: 'absent-not-notified', day: 0 }),
			session({ status: 'present', day: 1 }),
			session({ status: 'absent', day: 2, excused: false }),
			session({ status: 'absent', day: 4, excused: true }),
			session({ status: 'absent-notified', day: 7, notice: 'illness' }),
			session({ status: 'present', day: 8 })
		];
		expect(kinds(riskFlags(riskInput(sessions)).active)).not.toContain('unexcused-absences');
		const more = [...sessions, session({ status: 'absent-not-notified', day: 9 }), session({ status: 'present', day: 10 })];
		expect(riskFlags(riskInput(more)).active.find((f) => f.kind === 'unexcused-absences')?.occurrenceIds).toHaveLength(3);
	});

	it('three late or left-early in 14 days', () => {
		const sessions = [session({ status: 'late', day: 0 }), session({ status: 'left-early', day: 2 }), session({ status: 'late', day: 7 })];
		expect(kinds(riskFlags(riskInput(sessions)).active)).toContain('late-or-left-early');
		const spread = [session({ status: 'late', day: 0 }), session({ status: 'left-early', day: 2 }), session({ status: 'late', day: 20 })];
		expect(kinds(riskFlags(riskInput(spread)).active)).not.toContain('late-or-left-early');
	});

	it('two absences for technical reasons in 14 days suggest tech help', () => {
		const sessions = [session({ status: 'absent-notified', day: 0, notice: 'technical-problem' }), session({ status: 'present', day: 1 }), session({ status: 'absent', day: 2, technical: 'no sound' }), session({ status: 'present', day: 3 })];
		const flag = riskFlags(riskInput(sessions)).active.find((f) => f.kind === 'technical-absences');
		expect(flag?.explanation).toContain('Offer tech help');
	});

	it('no activity for 7 days, counted from enrolment at the earliest', () => {
		const now = at(BASE + 10 * DAY_MS);
		const quiet = riskInput([], { now, lastActivityAt: at(BASE + 2 * DAY_MS), enrolledAt: at(BASE) });
		expect(riskFlags(quiet).active.find((f) => f.kind === 'no-activity')?.explanation).toBe('No activity for 8 days.');
		const newcomer = riskInput([], { now, lastActivityAt: null, enrolledAt: at(BASE + 5 * DAY_MS) });
		expect(kinds(riskFlags(newcomer).active)).not.toContain('no-activity');
	});

	it('overdue make-ups and a week under the plan are flagged', () => {
		const sessions = [session({ status: 'absent-not-notified', day: 0 }), session({ status: 'present', day: 1 })];
		const input = riskInput(sessions, {
			overdueMakeups: [{ occurrenceId: 'evening@2026-03-02', overdueAt: at(BASE + 7 * DAY_MS) }],
			lastWeek: { weekStart: '2026-03-02', endsAt: at(BASE + 7 * DAY_MS), attendedHours: 3, planHours: 9, onLeave: false },
			now: at(BASE + 8 * DAY_MS)
		});
		const { active } = riskFlags(input);
		expect(active.find((f) => f.kind === 'makeups-overdue')?.explanation).toBe('1 make-up overdue.');
		expect(active.find((f) => f.kind === 'hours-under-plan')?.explanation).toBe('3 h attended in the week of 2026-03-02; the plan is 9 h.');
	});

	it('a PHQ-9 item 9 above 0 raises an urgent flag first, even with every rule switched off', () => {
		const off = Object.fromEntries(Object.entries(DEFAULT_RISK_RULES).map(([k, v]) => [k, { ...v, enabled: false }])) as unknown as typeof DEFAULT_RISK_RULES;
		const sessions = [session({ status: 'absent-not-notified', day: 0 }), session({ status: 'absent-not-notified', day: 1 })];
		const { active } = riskFlags(riskInput(sessions, { surveys: [phq9(0, 0), phq9(2, 1)], rules: off }));
		expect(active).toHaveLength(1);
		expect(active[0]).toMatchObject({ kind: 'urgent-survey', urgent: true, surveyId: 'phq-1' });
		expect(kinds(riskFlags(riskInput(sessions, { surveys: [phq9(0, 1)] })).active)).not.toContain('urgent-survey');
	});

	it('an intervention logged after a flag was raised addresses it; a later miss raises it again', () => {
		const sessions = [session({ status: 'absent-not-notified', day: 0 }), session({ status: 'absent-not-notified', day: 1 })];
		const afterMiss = at(BASE + 1 * DAY_MS + 4 * 3_600_000);
		const answered = riskFlags(riskInput(sessions, { interventionTimes: [afterMiss] }));
		expect(kinds(answered.active)).not.toContain('missed-in-a-row');
		expect(kinds(answered.addressed)).toContain('missed-in-a-row');
		const again = riskFlags(riskInput([...sessions, session({ status: 'absent-not-notified', day: 3 })], { interventionTimes: [afterMiss] }));
		expect(kinds(again.active)).toContain('missed-in-a-row');
	});
});
