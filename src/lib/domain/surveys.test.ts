import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveSessions } from './metrics.ts';
import { DEFAULT_POLICY } from './policy.ts';
import type { SurveyResponse } from './records.ts';
import { eveningSession, visit } from './session-fixtures.test-support.ts';
import { isUrgent, latestScores, postSessionSurveysDue, scoreGad7, scorePhq9, screeningScores, screeningsDue, urgentScores } from './surveys.ts';

const by = { updatedBy: 'u-alex' };
const phq9 = (id: string, at: string, items: number[]): SurveyResponse => ({ id, ...by, updatedAt: at, kind: 'phq9', items });
const gad7 = (id: string, at: string, items: number[]): SurveyResponse => ({ id, ...by, updatedAt: at, kind: 'gad7', items });
const items = (length: number, total: number) => Array.from({ length }, (_, i) => Math.max(0, Math.min(3, total - 3 * i)));

describe('PHQ-9 and GAD-7 bands', () => {
	it.each([
		[0, 'minimal'],
		[4, 'minimal'],
		[5, 'mild'],
		[9, 'mild'],
		[10, 'moderate'],
		[14, 'moderate'],
		[15, 'moderately-severe'],
		[19, 'moderately-severe'],
		[20, 'severe'],
		[27, 'severe']
	])('PHQ-9 total %i is %s', (total, band) => {
		expect(scorePhq9(items(9, total))).toEqual({ score: total, band });
	});

	it.each([
		[0, 'minimal'],
		[4, 'minimal'],
		[5, 'mild'],
		[9, 'mild'],
		[10, 'moderate'],
		[14, 'moderate'],
		[15, 'severe'],
		[21, 'severe']
	])('GAD-7 total %i is %s', (total, band) => {
		expect(scoreGad7(items(7, total))).toEqual({ score: total, band });
	});

	it('the score is the sum of the answers, and a higher score never has a milder band', () => {
		const order = ['minimal', 'mild', 'moderate', 'moderately-severe', 'severe'];
		const answers = fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 9, maxLength: 9 });
		fc.assert(
			fc.property(answers, answers, (a, b) => {
				const [x, y] = [scorePhq9(a), scorePhq9(b)];
				expect(x.score).toBe(a.reduce((s, v) => s + v, 0));
				if (x.score <= y.score) expect(order.indexOf(x.band)).toBeLessThanOrEqual(order.indexOf(y.band));
			})
		);
	});
});

describe('the urgent answer', () => {
	it('is PHQ-9 item 9 above 0, whatever the total', () => {
		expect(isUrgent(phq9('a', '2026-03-01T00:00:00.000Z', [0, 0, 0, 0, 0, 0, 0, 0, 1]))).toBe(true);
		expect(isUrgent(phq9('b', '2026-03-01T00:00:00.000Z', [3, 3, 3, 3, 3, 3, 3, 3, 0]))).toBe(false);
		expect(isUrgent(gad7('c', '2026-03-01T00:00:00.000Z', [3, 3, 3, 3, 3, 3, 3]))).toBe(false);
	});

	it('lists urgent screenings newest first and leaves out removed ones', () => {
		const risky = [0, 0, 0, 0, 0, 0, 0, 0, 2];
		const responses = [
			phq9('old', '2026-03-01T00:00:00.000Z', risky),
			phq9('new', '2026-03-08T00:00:00.000Z', risky),
			{ ...phq9('gone', '2026-03-09T00:00:00.000Z', risky), deletedAt: '2026-03-09T01:00:00.000Z' }
		];
		expect(urgentScores(responses).map((s) => s.responseId)).toEqual(['new', 'old']);
	});
});

describe('trends and cadence', () => {
	const responses = [
		phq9('p2', '2026-03-08T00:00:00.000Z', items(9, 7)),
		phq9('p1', '2026-03-01T00:00:00.000Z', items(9, 12)),
		gad7('g1', '2026-03-02T00:00:00.000Z', items(7, 6))
	];

	it('scores every screening oldest first and keeps the latest of each kind', () => {
		expect(screeningScores(responses).map((s) => [s.responseId, s.score])).toEqual([
			['p1', 12],
			['g1', 6],
			['p2', 7]
		]);
		const latest = latestScores(responses);
		expect(latest.phq9?.responseId).toBe('p2');
		expect(latest.gad7?.band).toBe('mild');
	});

	it('a screening is due once its last answer is a cadence old, or when never answered', () => {
		expect(screeningsDue([], DEFAULT_POLICY, '2026-03-09T00:00:00.000Z')).toEqual(['phq9', 'gad7']);
		expect(screeningsDue(responses, DEFAULT_POLICY, '2026-03-09T00:00:00.000Z')).toEqual(['gad7']);
		expect(screeningsDue(responses, DEFAULT_POLICY, '2026-03-14T23:59:00.000Z')).toEqual(['gad7']);
		expect(screeningsDue(responses, DEFAULT_POLICY, '2026-03-15T00:00:00.000Z')).toEqual(['phq9', 'gad7']);
		expect(screeningsDue(responses, { screeningCadenceDays: 14 }, '2026-03-15T00:00:00.000Z')).toEqual([]);
	});
});

describe('post-session surveys', () => {
	const occurrences = ['2026-03-01', '2026-03-05', '2026-03-09', '2026-03-10'].map((date) => eveningSession(date));
	const events = ['2026-03-01', '2026-03-09', '2026-03-10'].flatMap((date) => visit(date, 60));
	const NOW = '2026-03-10T23:30:00.000Z';
	const sessions = resolveSessions(occurrences, { events, verifications: [], notices: [] }, DEFAULT_POLICY, NOW);

	it('offers one for each attended session of the last week that has none, newest first', () => {
		// 03-01 is over a week old; nobody attended 03-05
		expect(postSessionSurveysDue(sessions, [], NOW)).toEqual(['evening@2026-03-10', 'evening@2026-03-09']);
	});

	it('stops offering it once answered', () => {
		const answer: SurveyResponse = {
			id: 's1',
			...by,
			updatedAt: NOW,
			kind: 'post-session',
			occurrenceId: 'evening@2026-03-10',
			attended: true,
			rating: 4,
			mood: 3,
			helped: 'breathing',
			comment: ''
		};
		expect(postSessionSurveysDue(sessions, [answer], NOW)).toEqual(['evening@2026-03-09']);
	});

	it('waits until the session has ended', () => {
		expect(postSessionSurveysDue(sessions, [], '2026-03-10T22:30:00.000Z')).toEqual(['evening@2026-03-09']);
	});
});
