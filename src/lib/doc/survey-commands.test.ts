import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { isUrgent, postSessionSurveysDue, screeningScores } from '../domain/surveys.ts';
import { readSelf } from './read.ts';
import { savePostSessionSurvey, saveScreening } from './survey-commands.ts';

describe('survey commands', () => {
	it('a PHQ-9 with item 9 above 0 is saved as it was answered and reads as urgent', () => {
		const self = new Y.Doc();
		saveScreening(self, 'phq9', [1, 1, 1, 1, 1, 1, 1, 1, 1], 'u-alex', '2026-03-02T10:00:00.000Z');
		const [response] = readSelf(self).surveys;
		expect(response && isUrgent(response)).toBe(true);
		expect(screeningScores(readSelf(self).surveys)).toMatchObject([{ kind: 'phq9', score: 9, band: 'mild', urgent: true }]);
	});

	it('a GAD-7 needs seven answers from 0 to 3', () => {
		const self = new Y.Doc();
		expect(() => saveScreening(self, 'gad7', [1, 2, 3], 'u-alex', '2026-03-02T10:00:00.000Z')).toThrow();
		expect(() => saveScreening(self, 'gad7', [4, 0, 0, 0, 0, 0, 0], 'u-alex', '2026-03-02T10:00:00.000Z')).toThrow();
		expect(readSelf(self).surveys).toEqual([]);
		saveScreening(self, 'gad7', [3, 3, 3, 3, 3, 3, 3], 'u-alex', '2026-03-02T10:00:00.000Z');
		expect(screeningScores(readSelf(self).surveys)).toMatchObject([{ kind: 'gad7', score: 21, band: 'severe', urgent: false }]);
	});

	it('a post-session survey is tied to its session, which then no longer asks for one', () => {
		const self = new Y.Doc();
		savePostSessionSurvey(
			self,
			{ occurrenceId: 'evening@2026-03-02', attended: true, rating: 4, mood: 3, helped: 'The breathing exercise', comment: '' },
			'u-alex',
			'2026-03-03T00:00:00.000Z'
		);
		expect(readSelf(self).surveys).toMatchObject([{ kind: 'post-session', occurrenceId: 'evening@2026-03-02', rating: 4 }]);
		expect(postSessionSurveysDue([], readSelf(self).surveys, '2026-03-03T00:00:00.000Z')).toEqual([]);
	});
});
