import { describe, expect, it } from 'vitest';
import { completeAnswers, GAD7_ITEMS, PHQ9_ITEMS, postSessionProblems, RISK_ITEM, showsRisk, unanswered } from './survey-forms.ts';

describe('the screening forms', () => {
	it('have the standard nine and seven items, item 9 of the PHQ-9 being about self-harm', () => {
		expect(PHQ9_ITEMS).toHaveLength(9);
		expect(GAD7_ITEMS).toHaveLength(7);
		expect(PHQ9_ITEMS[RISK_ITEM]).toBe('Thoughts that you would be better off dead or of hurting yourself in some way');
	});

	it('show risk as soon as PHQ-9 item 9 is above 0, before the rest is answered', () => {
		const answers = Array<number | null>(9).fill(null);
		expect(showsRisk('phq9', answers)).toBe(false);
		answers[RISK_ITEM] = 0;
		expect(showsRisk('phq9', answers)).toBe(false);
		answers[RISK_ITEM] = 1;
		expect(showsRisk('phq9', answers)).toBe(true);
		expect(showsRisk('gad7', [3, 3, 3, 3, 3, 3, 3, 3, 3])).toBe(false);
	});

	it('name the items still unanswered, and give the answers only once complete', () => {
		expect(unanswered([0, null, 2, null])).toEqual([2, 4]);
		expect(completeAnswers([0, null])).toBeNull();
		expect(completeAnswers([0, 3])).toEqual([0, 3]);
	});
});

describe('the post-session survey', () => {
	it('needs attendance confirmed, a rating and a mood; the words are optional', () => {
		expect(postSessionProblems({ attended: null, rating: null, mood: null, helped: '', comment: '' })).toEqual([
			'Say whether you were at this session.',
			'Choose how helpful the session was.',
			'Choose how your mood is now.'
		]);
		expect(postSessionProblems({ attended: true, rating: 4, mood: 2, helped: '', comment: '' })).toEqual([]);
	});
});
