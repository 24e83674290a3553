import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveSessions } from './metrics.ts';
import { DEFAULT_POLICY, weeklyHoursPlan } from './policy.ts';
import { attendanceStreak, enrollmentSessions, progressSummary, screeningTrend } from './progress.ts';
import type { Enrollment, Group, PresenceEvent } from './records.ts';
import type { ParticipantOccurrence } from './schedule.ts';
import type { ScreeningScore } from './surveys.ts';
import { eveningSession, visit as visitAt } from './session-fixtures.test-support.ts';

const NY = 'America/New_York';
const STAMP = { updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'u-admin' };
const PLAN = weeklyHoursPlan(DEFAULT_POLICY, 'adult');

/** Here the evening session runs 23:00-23:59 UTC. */
const occurrence = (date: string, extra: Partial<ParticipantOccurrence> = {}) =>
	eveningSession(date, { facilitator: '', start: `${date}T23:00:00.000Z`, end: `${date}T23:59:00.000Z`, durationMinutes: 59, ...extra });
const visit = (date: string, minutes: number) => visitAt(date, minutes, '23:00');
const resolve = (occurrences: ParticipantOccurrence[], events: PresenceEvent[], now: string) =>
	resolveSessions(occurrences, { events, verifications: [], notices: [] }, DEFAULT_POLICY, now);

const NOW = '2026-03-10T12:00:00.000Z';
const DATES = ['2026-03-02', '2026-03-03', '2026-03-05', '2026-03-09'];

describe('the streak', () => {
	it('counts attended sessions back from the latest finished one', () => {
		const sessions = resolve(DATES.map((d) => occurrence(d)), [...visit('2026-03-03', 59), ...visit('2026-03-05', 59), ...visit('2026-03-09', 59)], NOW);
		expect(attendanceStreak(sessions, NOW)).toBe(3);
	});

	it('a missed or partial session ends it; the latest one missed means no streak', () => {
		const missedLast = resolve(DATES.map((d) => occurrence(d)), [...visit('2026-03-02', 59), ...visit('2026-03-03', 59)], NOW);
		expect(attendanceStreak(missedLast, NOW)).toBe(0);
		const partial = resolve(DATES.map((d) => occurrence(d)), [...visit('2026-03-05', 20), ...visit('2026-03-09', 59)], NOW);
		expect(attendanceStreak(partial, NOW)).toBe(1);
	});

	it('passes over cancelled sessions, sessions on leave and sessions still to come', () => {
		const occurrences = [
			occurrence('2026-03-02'),
			occurrence('2026-03-03', { cancelled: true }),
			occurrence('2026-03-05', { onLeave: true }),
			occurrence('2026-03-09'),
			occurrence('2026-03-12')
		];
		expect(attendanceStreak(resolve(occurrences, [...visit('2026-03-02', 59), ...visit('2026-03-09', 59)], NOW), NOW)).toBe(2);
	});

	it('never exceeds the sessions attended (property)', () => {
		fc.assert(
			fc.property(fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }), (came) => {
				const events = DATES.flatMap((d, i) => (came[i] ? visit(d, 59) : []));
				const streak = attendanceStreak(resolve(DATES.map((d) => occurrence(d)), events, NOW), NOW);
				const fromEnd = [...came].reverse().findIndex((c) => !c);
				return streak === (fromEnd === -1 ? came.length : fromEnd);
			})
		);
	});
});

describe('the summary', () => {
	it('has eight weeks ending with this one, and this week’s hours against the plan', () => {
		const sessions = resolve(DATES.map((d) => occurrence(d)), visit('2026-03-09', 59), NOW);
		const summary = progressSummary(sessions, NY, DEFAULT_POLICY, PLAN, NOW);
		expect(summary.weeks.map((w) => w.weekStart)).toEqual([
			'2026-01-19',
			'2026-01-26',
			'2026-02-02',
			'2026-02-09',
			'2026-02-16',
			'2026-02-23',
			'2026-03-02',
			'2026-03-09'
		]);
		expect(summary.thisWeek).toMatchObject({ weekStart: '2026-03-09', standing: 'below', planMin: 9 });
		expect(summary.thisWeek?.attendedHours).toBeCloseTo(59 / 60);
		expect(summary.rate).toMatchObject({ attendedMinutes: 59, scheduledMinutes: 4 * 59, sessions: 4 });
		expect(summary.streak).toBe(1);
	});
});

describe('the enrollment’s sessions', () => {
	const group: Group = { id: 'evening', ...STAMP, name: 'Evening', facilitator: '', weekdays: [1, 2, 4], startTime: '18:00', durationMinutes: 180, videoLink: 'https://meet.example.org/e', startsOn: '2026-01-05' };
	const enrollment: Enrollment = { id: 'en', ...STAMP, participantId: 'p', programId: 'demo', displayName: 'P', groupIds: ['evening'], startDate: '2026-03-02', track: 'adult', plannedWeeklyHours: 9 };
	const records = { enrollment, adjustments: [], leaves: [], verifications: [], presence: [], absences: [] };
	const program = { timeZone: NY, groups: [group], exceptions: [], policy: DEFAULT_POLICY };

	it('run from the start date to the end of this week', () => {
		const ids = enrollmentSessions(program, records, NOW).map((s) => s.occurrence.id);
		expect(ids).toEqual(['evening@2026-03-02', 'evening@2026-03-03', 'evening@2026-03-05', 'evening@2026-03-09', 'evening@2026-03-10', 'evening@2026-03-12']);
	});

	it('are none without an enrollment, or before it starts', () => {
		expect(enrollmentSessions(program, { ...records, enrollment: null }, NOW)).toEqual([]);
		expect(enrollmentSessions(program, { ...records, enrollment: { ...enrollment, startDate: '2026-04-01' } }, NOW)).toEqual([]);
	});
});

describe('screening trends', () => {
	const score = (kind: 'phq9' | 'gad7', at: string, value: number): ScreeningScore => ({ responseId: at, kind, at, score: value, band: 'mild', urgent: false });

	it('compares the latest score with the one before, per screening', () => {
		const scores = [score('phq9', '2026-03-01T00:00:00.000Z', 12), score('gad7', '2026-03-01T00:00:00.000Z', 5), score('phq9', '2026-03-08T00:00:00.000Z', 8)];
		expect(screeningTrend(scores, 'phq9')).toMatchObject({ trend: 'lower' });
		expect(screeningTrend(scores, 'phq9').scores).toHaveLength(2);
		expect(screeningTrend(scores, 'gad7').trend).toBe('first');
		expect(screeningTrend([], 'gad7').trend).toBeNull();
		expect(screeningTrend([...scores, score('phq9', '2026-03-15T00:00:00.000Z', 9)], 'phq9').trend).toBe('higher');
		expect(screeningTrend([...scores, score('phq9', '2026-03-15T00:00:00.000Z', 8)], 'phq9').trend).toBe('same');
	});
});
