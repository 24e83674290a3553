/**
 * The survey forms' content: the PHQ-9 and GAD-7 in their standard wording, their
 * answer scale, the post-session questions, and the checks before a response is
 * saved. Scoring and cadence live in surveys.ts.
 */
import type { Gad7Band, Phq9Band, ScreeningKind } from './surveys.ts';

export const SCREENING_STEM = 'Over the last 2 weeks, how often have you been bothered by any of the following problems?';

/** The standard answer scale of both screenings, scored 0 to 3. */
export const FREQUENCY = ['Not at all', 'Several days', 'More than half the days', 'Nearly every day'] as const;

export const PHQ9_ITEMS = [
	'Little interest or pleasure in doing things',
	'Feeling down, depressed, or hopeless',
	'Trouble falling or staying asleep, or sleeping too much',
	'Feeling tired or having little energy',
	'Poor appetite or overeating',
	'Feeling bad about yourself — or that you are a failure or have let yourself or your family down',
	'Trouble concentrating on things, such as reading the newspaper or watching television',
	'Moving or speaking so slowly that other people could have noticed? Or the opposite — being so fidgety or restless that you have been moving around a lot more than usual',
	'Thoughts that you would be better off dead or of hurting yourself in some way'
] as const;

export const GAD7_ITEMS = [
	'Feeling nervous, anxious or on edge',
	'Not being able to stop or control worrying',
	'Worrying too much about different things',
	'Trouble relaxing',
	'Being so restless that it is hard to sit still',
	'Becoming easily annoyed or irritable',
	'Feeling afraid as if something awful might happen'
] as const;

/** The PHQ-9 item whose answer above 0 shows crisis resources at once (0-based). */
export const RISK_ITEM = 8;

export const SCREENINGS: Record<ScreeningKind, { name: string; items: readonly string[]; maxScore: number }> = {
	phq9: { name: 'PHQ-9 (mood)', items: PHQ9_ITEMS, maxScore: 27 },
	gad7: { name: 'GAD-7 (anxiety)', items: GAD7_ITEMS, maxScore: 21 }
};

export const BAND_WORDS: Record<Phq9Band | Gad7Band, string> = {
	minimal: 'minimal',
	mild: 'mild',
	moderate: 'moderate',
	'moderately-severe': 'moderately severe',
	severe: 'severe'
};

/** Answers so far, one per item, null where not answered yet. */
export type ScreeningAnswers = ReadonlyArray<number | null>;

/** Whether the answers show risk: the crisis resources must show before anything else. */
export function showsRisk(kind: ScreeningKind, answers: ScreeningAnswers): boolean {
	return kind === 'phq9' && (answers[RISK_ITEM] ?? 0) > 0;
}

/** The items still unanswered (1-based, as people count them); a screening is saved only when complete. */
export function unanswered(answers: ScreeningAnswers): number[] {
	return answers.flatMap((answer, i) => (answer === null ? [i + 1] : []));
}

/** The complete answers, or null while any is missing. */
export function completeAnswers(answers: ScreeningAnswers): number[] | null {
	return unanswered(answers).length === 0 ? answers.map((a) => a ?? 0) : null;
}

export const RATING_WORDS = ['Not helpful', 'A little helpful', 'Somewhat helpful', 'Helpful', 'Very helpful'] as const;
export const MOOD_WORDS = ['Very low', 'Low', 'Okay', 'Good', 'Very good'] as const;

export interface PostSessionDraft {
	attended: boolean | null;
	rating: number | null;
	mood: number | null;
	helped: string;
	comment: string;
}

/** What is missing before a post-session survey can be saved, in words. */
export function postSessionProblems(draft: PostSessionDraft): string[] {
	const problems: string[] = [];
	if (draft.attended === null) problems.push('Say whether you were at this session.');
	if (draft.rating === null) problems.push('Choose how helpful the session was.');
	if (draft.mood === null) problems.push('Choose how your mood is now.');
	return problems;
}
