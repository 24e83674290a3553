import { describe, it, expect } from 'vitest';
import { attendanceRate, dailyTotals, isoWeekLabel, resolveSessions, weeklyAttendanceRates, weeklyHours, type ParticipantRecords } from './metrics.ts';
import { DEFAULT_POLICY, weeklyHoursPlan } from './policy.ts';
import type { Enrollment, Group, PresenceEvent, SessionException, Verification } from './records.ts';
import { expandSchedule, participantSchedule, type ParticipantOccurrence } from './schedule.ts';

const NY = 'America/New_York';
const STAMP = { updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'admin' };
const PLAN = weeklyHoursPlan(DEFAULT_POLICY, 'adult');

// Mon, Tue, Thu 6-9 pm in New York: 9 scheduled hours a week
const evening: Group = {
	id: 'evening',
	...STAMP,
	name: 'Evening process group',
	facilitator: 'Dr. Rivera',
	weekdays: [1, 2, 4],
	startTime: '18:00',
	durationMinutes: 180,
	videoLink: 'https://video.example/evening',
	startsOn: '2026-03-02'
};
const enrollment: Enrollment = {
	id: 'en1',
	...STAMP,
	participantId: 'p1',
	programId: 'prog',
	displayName: 'Sam',
	groupIds: ['evening'],
	startDate: '2026-03-02',
	track: 'adult',
	plannedWeeklyHours: 9
};

/** Two weeks around the spring-forward change (Sunday 2026-03-08). */
function schedule(exceptions: SessionException[] = [], onLeaveDates: string[] = []): ParticipantOccurrence[] {
	const program = expandSchedule([evening], exceptions, NY, { from: '2026-03-02T05:00:00.000Z', to: '2026-03-16T04:00:00.000Z' });
	return participantSchedule(program, { enrollment, adjustments: [], leaves: [] }).map((o) => ({ ...o, onLeave: onLeaveDates.includes(o.localDate) }));
}

/** A visit of `minutes` from the start of each named occurrence. */
function visits(occurrences: ParticipantOccurrence[], minutesById: Record<string, number>): PresenceEvent[] {
	return occurrences.flatMap((o) => {
		const minutes = minutesById[o.id];
		if (minutes === undefined) return [];
		const leave = new Date(Date.parse(o.start) + minutes * 60_000).toISOString();
		return [
			{ id: `j-${o.id}`, occurrenceId: o.id, type: 'join' as const, at: o.start },
			{ id: `l-${o.id}`, occurrenceId: o.id, type: 'leave' as const, at: leave }
		];
	});
}

const records = (events: PresenceEvent[], verifications: Verification[] = []): ParticipantRecords => ({ events, verifications, notices: [] });
const NOW = '2026-03-20T12:00:00.000Z';

describe('dailyTotals and billable days', () => {
	it('a day with 180 attended minutes is billable; 179 is not', () => {
		const occurrences = schedule();
		const sessions = resolveSessions(occurrences, records(visits(occurrences, { 'evening@2026-03-02': 180, 'evening@2026-03-03': 179 })), DEFAULT_POLICY, NOW);
		const days = dailyTotals(sessions, NY, DEFAULT_POLICY);
		expect(days.slice(0, 2)).toEqual([
			{ localDate: '2026-03-02', minutes: 180, billable: true },
			{ localDate: '2026-03-03', minutes: 179, billable: false }
		]);
	});

	it('minutes of two sessions on one day add up, breaks between them excluded', () => {
		const morning: Group = { ...evening, id: 'morning', startTime: '09:00', durationMinutes: 90 };
		const program = expandSchedule([evening, morning], [], NY, { from: '2026-03-02T05:00:00.000Z', to: '2026-03-03T05:00:00.000Z' });
		const occurrences = participantSchedule(program, { enrollment: { ...enrollment, groupIds: ['evening', 'morning'] }, adjustments: [], leaves: [] });
		const events = visits(occurrences, { 'morning@2026-03-02': 90, 'evening@2026-03-02': 90 });
		const [monday] = dailyTotals(resolveSessions(occurrences, records(events), DEFAULT_POLICY, NOW), NY, DEFAULT_POLICY);
		expect(monday).toEqual({ localDate: '2026-03-02', minutes: 180, billable: true });
	});

	it('a session is counted on its local date even when it starts after midnight UTC', () => {
		const late: Group = { ...evening, id: 'late', startTime: '20:30', durationMinutes: 180 };
		const program = expandSchedule([late], [], NY, { from: '2026-03-02T05:00:00.000Z', to: '2026-03-03T05:00:00.000Z' });
		const occurrences = participantSchedule(program, { enrollment: { ...enrollment, groupIds: ['late'] }, adjustments: [], leaves: [] });
		// 8:30 pm EST on 03-02 is 01:30 UTC on 03-03
		expect(occurrences[0]?.start).toBe('2026-03-03T01:30:00.000Z');
		const days = dailyTotals(resolveSessions(occurrences, records(visits(occurrences, { 'late@2026-03-02': 180 })), DEFAULT_POLICY, NOW), NY, DEFAULT_POLICY);
		expect(days).toEqual([{ localDate: '2026-03-02', minutes: 180, billable: true }]);
	});

	it('a cancelled session has no day, and a day with no attended minutes is not billable', () => {
		const cancel: SessionException = { id: 'x', ...STAMP, kind: 'cancelled', occurrenceId: 'evening@2026-03-02', reason: 'holiday' };
		const days = dailyTotals(resolveSessions(schedule([cancel]), records([]), DEFAULT_POLICY, NOW), NY, DEFAULT_POLICY);
		expect(days.map((d) => d.localDate)).not.toContain('2026-03-02');
		expect(days.every((d) => !d.billable)).toBe(true);
		expect(dailyTotals(resolveSessions(schedule(), records([]), DEFAULT_POLICY, NOW), NY, { ...DEFAULT_POLICY, billableDailyMinutes: 0 })[0]?.billable).toBe(false);
	});

	it("a clinician's verified minutes are what counts toward the day", () => {
		const occurrences = schedule();
		const verified: Verification = { id: 'v', occurrenceId: 'evening@2026-03-02', attendance: 'present', excused: null, recordedAt: NOW, recordedBy: 'c' };
		const [monday] = dailyTotals(resolveSessions(occurrences, records([], [verified]), DEFAULT_POLICY, NOW), NY, DEFAULT_POLICY);
		expect(monday).toMatchObject({ minutes: 180, billable: true });
	});
});

describe('weeklyHours against the plan', () => {
	it('reports each ISO week across the spring-forward change, with attended hours against 9-19', () => {
		const occurrences = schedule();
		const all = Object.fromEntries(occurrences.map((o) => [o.id, 180]));
		const sessions = resolveSessions(occurrences, records(visits(occurrences, { ...all, 'evening@2026-03-12': 60 })), DEFAULT_POLICY, NOW);
		const weeks = weeklyHours(sessions, NY, DEFAULT_POLICY, PLAN, { from: '2026-03-02', to: '2026-03-15' });
		expect(weeks).toEqual([
			{ weekStart: '2026-03-02', isoWeek: '2026-W10', attendedHours: 9, scheduledHours: 9, billableDays: 3, planMin: 9, planMax: 19, standing: 'within' },
			{ weekStart: '2026-03-09', isoWeek: '2026-W11', attendedHours: 7, scheduledHours: 9, billableDays: 2, planMin: 9, planMax: 19, standing: 'below' }
		]);
	});

	it('a week with no sessions is listed with zero hours, below the plan', () => {
		const weeks = weeklyHours([], NY, DEFAULT_POLICY, PLAN, { from: '2026-03-16', to: '2026-03-22' });
		expect(weeks).toEqual([expect.objectContaining({ weekStart: '2026-03-16', attendedHours: 0, scheduledHours: 0, standing: 'below' })]);
	});

	it('more than 19 hours is above the plan; adolescents are held to 6 hours', () => {
		const occurrences = schedule();
		const sessions = resolveSessions(occurrences, records(visits(occurrences, { 'evening@2026-03-02': 180, 'evening@2026-03-03': 180 })), DEFAULT_POLICY, NOW);
		const adolescent = weeklyHours(sessions, NY, DEFAULT_POLICY, weeklyHoursPlan(DEFAULT_POLICY, 'adolescent'), { from: '2026-03-02', to: '2026-03-08' });
		expect(adolescent[0]).toMatchObject({ attendedHours: 6, planMin: 6, standing: 'within' });
		const small = weeklyHours(sessions, NY, DEFAULT_POLICY, { min: 1, max: 5 }, { from: '2026-03-02', to: '2026-03-08' });
		expect(small[0]?.standing).toBe('above');
	});

	it('cancelled and on-leave sessions are not scheduled hours', () => {
		const cancel: SessionException = { id: 'x', ...STAMP, kind: 'cancelled', occurrenceId: 'evening@2026-03-02', reason: 'holiday' };
		const sessions = resolveSessions(schedule([cancel], ['2026-03-03']), records([]), DEFAULT_POLICY, NOW);
		expect(weeklyHours(sessions, NY, DEFAULT_POLICY, PLAN, { from: '2026-03-02', to: '2026-03-08' })[0]?.scheduledHours).toBe(3);
	});
});

describe('attendance rate', () => {
	it('is attended minutes over scheduled minutes of sessions that have ended', () => {
		const occurrences = schedule();
		const events = visits(occurrences, { 'evening@2026-03-02': 180, 'evening@2026-03-03': 90 });
		// now: Thursday 03-05 at noon, so only Monday and Tuesday have ended
		const rate = attendanceRate(resolveSessions(occurrences, records(events), DEFAULT_POLICY, '2026-03-05T17:00:00.000Z'), '2026-03-05T17:00:00.000Z');
		expect(rate).toEqual({ attendedMinutes: 270, scheduledMinutes: 360, rate: 0.75, sessions: 2 });
	});

	it('leaves out cancelled and on-leave sessions and a session still running', () => {
		const cancel: SessionException = { id: 'x', ...STAMP, kind: 'cancelled', occurrenceId: 'evening@2026-03-02', reason: 'holiday' };
		const occurrences = schedule([cancel], ['2026-03-03']);
		const live = '2026-03-05T23:30:00.000Z'; // during Thursday's session
		const rate = attendanceRate(resolveSessions(occurrences, records(visits(occurrences, { 'evening@2026-03-05': 30 })), DEFAULT_POLICY, live), live);
		expect(rate).toEqual({ attendedMinutes: 0, scheduledMinutes: 0, rate: null, sessions: 0 });
	});

	it('per ISO week, a missed session lowers only its own week', () => {
		const occurrences = schedule();
		const attended = Object.fromEntries(occurrences.filter((o) => o.id !== 'evening@2026-03-10').map((o) => [o.id, 180]));
		const sessions = resolveSessions(occurrences, records(visits(occurrences, attended)), DEFAULT_POLICY, NOW);
		const weeks = weeklyAttendanceRates(sessions, NY, NOW, { from: '2026-03-02', to: '2026-03-15' });
		expect(weeks.map((w) => [w.isoWeek, w.rate])).toEqual([
			['2026-W10', 1],
			['2026-W11', 2 / 3]
		]);
		expect(attendanceRate(sessions, NOW).rate).toBeCloseTo(5 / 6);
	});
});

describe('isoWeekLabel', () => {
	it('names weeks by the year of their Thursday', () => {
		expect(isoWeekLabel('2026-01-01')).toBe('2026-W01');
		expect(isoWeekLabel('2026-12-31')).toBe('2026-W53');
		expect(isoWeekLabel('2027-01-03')).toBe('2026-W53');
		expect(isoWeekLabel('2024-12-30')).toBe('2025-W01');
	});
});
