import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { AttendanceState } from './attendance.ts';
import { DEFAULT_RISK_RULES, type RiskRuleNumbers } from './policy.ts';
import type { SurveyResponse } from './records.ts';
import { evaluateRiskFlags, riskFlags } from './risk-flags.ts';
import { at, BASE, DAY_MS, riskInput, session } from './risk-fixtures.test-support.ts';

const statusArb = fc.constantFrom<AttendanceState>('present', 'late', 'left-early', 'partial', 'absent', 'absent-notified', 'absent-not-notified', 'on-leave', 'cancelled');

/** Up to 40 sessions on distinct days over ten weeks. */
const sessionsArb = fc
	.uniqueArray(
		fc.record({
			day: fc.integer({ min: 0, max: 70 }),
			status: statusArb,
			excused: fc.constantFrom(true, false, null),
			notice: fc.constantFrom(undefined, 'illness' as const, 'technical-problem' as const),
			minutes: fc.integer({ min: 0, max: 180 })
		}),
		{ selector: (s) => s.day, maxLength: 40 }
	)
	.map((specs) => specs.map((spec) => session({ ...spec, minutes: spec.status === 'partial' ? spec.minutes : undefined })));

const surveysArb = fc.array(
	fc.record({ day: fc.integer({ min: 0, max: 70 }), item9: fc.integer({ min: 0, max: 3 }) }).map(
		({ day, item9 }): SurveyResponse => ({ id: `s${day}-${item9}`, kind: 'phq9', items: [0, 0, 0, 0, 0, 0, 0, 0, item9], updatedAt: at(BASE + day * DAY_MS), updatedBy: 'p' })
	),
	{ maxLength: 5 }
);

const rulesArb: fc.Arbitrary<RiskRuleNumbers> = fc
	.record({
		missedInARow: fc.boolean(),
		missedOfRecent: fc.boolean(),
		lowAttendance: fc.boolean(),
		unexcusedInEnrollment: fc.boolean(),
		lateOrLeftEarly: fc.boolean(),
		technicalAbsences: fc.boolean(),
		noActivity: fc.boolean(),
		makeupsOverdue: fc.boolean(),
		hoursUnderPlan: fc.boolean()
	})
	.map((enabled) => {
		const rules = structuredClone(DEFAULT_RISK_RULES) as RiskRuleNumbers;
		for (const key of Object.keys(enabled) as (keyof RiskRuleNumbers)[]) rules[key].enabled = enabled[key];
		return rules;
	});

const caseArb = fc.record({ sessions: sessionsArb, surveys: surveysArb, rules: rulesArb, quietDays: fc.integer({ min: 0, max: 20 }) }).map(({ sessions, surveys, rules, quietDays }) => {
	// now: after every session and survey
	const now = BASE + 72 * DAY_MS;
	return riskInput(sessions, { surveys, rules, now: at(now), lastActivityAt: at(now - quietDays * DAY_MS) });
});

const RULE_OF_FLAG = {
	'missed-in-a-row': 'missedInARow',
	'missed-of-recent': 'missedOfRecent',
	'low-attendance': 'lowAttendance',
	'unexcused-absences': 'unexcusedInEnrollment',
	'late-or-left-early': 'lateOrLeftEarly',
	'technical-absences': 'technicalAbsences',
	'no-activity': 'noActivity',
	'makeups-overdue': 'makeupsOverdue',
	'hours-under-plan': 'hoursUnderPlan'
} as const;

describe('risk flag invariants', () => {
	it('a switched-off rule never raises its flag; only the urgent flag cannot be switched off', () => {
		fc.assert(
			fc.property(caseArb, (input) => {
				for (const flag of evaluateRiskFlags(input)) {
					if (flag.kind === 'urgent-survey') expect(input.surveys.some((s) => s.kind === 'phq9' && s.items[8]! > 0)).toBe(true);
					else expect(input.rules[RULE_OF_FLAG[flag.kind]].enabled).toBe(true);
				}
			})
		);
	});

	it('every session-based flag names sessions the participant had, and was raised no later than now', () => {
		fc.assert(
			fc.property(caseArb, (input) => {
				const known = new Set(input.sessions.map((s) => s.occurrence.id));
				for (const flag of evaluateRiskFlags(input)) {
					for (const id of flag.occurrenceIds) expect(known.has(id)).toBe(true);
					if (!['urgent-survey', 'no-activity', 'hours-under-plan', 'makeups-overdue'].includes(flag.kind)) expect(flag.occurrenceIds.length).toBeGreaterThan(0);
					expect(Date.parse(flag.raisedAt)).toBeLessThanOrEqual(Date.parse(input.now));
				}
			})
		);
	});

	it('the order sessions and surveys arrive in changes nothing', () => {
		fc.assert(
			fc.property(caseArb, fc.integer(), (input, seed) => {
				const shuffle = <T>(list: readonly T[]) => [...list].sort((a, b) => ((JSON.stringify(a).length * 31 + seed) % 7) - ((JSON.stringify(b).length * 31 + seed) % 7));
				const shuffled = { ...input, sessions: shuffle(input.sessions), surveys: shuffle(input.surveys) };
				expect(evaluateRiskFlags(shuffled)).toEqual(evaluateRiskFlags(input));
			})
		);
	});

	it('an intervention logged now addresses every flag, and addressed plus active is every flag', () => {
		fc.assert(
			fc.property(caseArb, (input) => {
				const all = evaluateRiskFlags(input);
				const open = riskFlags(input);
				expect(open.active.length + open.addressed.length).toBe(all.length);
				const after = riskFlags({ ...input, interventionTimes: [at(Date.parse(input.now) + 1)] });
				expect(after.active).toEqual([]);
			})
		);
	});

	it('the urgent flag comes first whenever it is active', () => {
		fc.assert(
			fc.property(caseArb, (input) => {
				const { active } = riskFlags(input);
				const index = active.findIndex((f) => f.urgent);
				if (index !== -1) expect(index).toBe(0);
			})
		);
	});

	it('attending every session from now on ends the missed-in-a-row pattern', () => {
		fc.assert(
			fc.property(caseArb, (input) => {
				const attended = session({ status: 'present', day: 75 });
				const later = riskInput([...input.sessions, attended], { rules: input.rules });
				expect(evaluateRiskFlags(later).map((f) => f.kind)).not.toContain('missed-in-a-row');
			})
		);
	});
});
