import { describe, it, expect } from 'vitest';
import { Policy } from './records.ts';
import { DEFAULT_POLICY, defaultPolicy, participantHoursPlan, weeklyHoursPlan } from './policy.ts';

describe('policy defaults', () => {
	it('the default policy is a valid Policy record', () => {
		const record = defaultPolicy('policy', '2026-01-01T00:00:00.000Z', 'admin');
		expect(Policy.parse(record)).toEqual(record);
	});

	it('defaults follow DESIGN §4: late after 10 minutes, present at 75%, billable at 3 hours a day', () => {
		expect(DEFAULT_POLICY).toMatchObject({ lateAfterMinutes: 10, leftEarlyBeforeMinutes: 10, presentFraction: 0.75, heartbeatGraceMinutes: 2, lateCancellationHours: 24, billableDailyMinutes: 180, makeupDueDays: 7 });
	});

	it('adults are planned 9 to 19 hours a week, adolescents 6 to 19', () => {
		expect(weeklyHoursPlan(DEFAULT_POLICY, 'adult')).toEqual({ min: 9, max: 19 });
		expect(weeklyHoursPlan(DEFAULT_POLICY, 'adolescent')).toEqual({ min: 6, max: 19 });
	});

	it("a program's lower adult minimum also applies to adolescents", () => {
		expect(weeklyHoursPlan({ ...DEFAULT_POLICY, weeklyHoursMin: 4 }, 'adolescent').min).toBe(4);
	});

	it("a participant is held to the care team's plan for them, else to their track's", () => {
		expect(participantHoursPlan(DEFAULT_POLICY, { track: 'adult', plannedWeeklyHours: 12 })).toEqual({ min: 12, max: 19, own: true });
		expect(participantHoursPlan(DEFAULT_POLICY, { track: 'adolescent', plannedWeeklyHours: 0 })).toEqual({ min: 6, max: 19, own: false });
		expect(participantHoursPlan(DEFAULT_POLICY, { track: 'adult', plannedWeeklyHours: 25 })).toEqual({ min: 25, max: 25, own: true });
	});
});
