import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
	answersOf,
	availableTemplates,
	formSections,
	logEntries,
	MAX_LOG_ENTRIES,
	submitProblems,
	valueProblems,
	withInput,
	workViews,
	type FieldSpec
} from './assignment-forms.ts';
import { AssignmentWork, type AssignmentTemplate } from './records.ts';

const STAMP = { updatedAt: '2026-03-02T10:00:00.000Z', updatedBy: 'u-alex' };
const keys = (kind: Parameters<typeof formSections>[0], fields = {}) => formSections(kind, fields).flatMap((s) => s.fields.map((f) => f.key));
const spec = (key: string, kind: Parameters<typeof formSections>[0] = 'cbt-thought-record') =>
	formSections(kind, {}).flatMap((s) => s.fields).find((f) => f.key === key) as FieldSpec;

describe('the forms', () => {
	it('a thought record asks for the situation, thoughts, three emotions rated before and after, evidence and a balanced thought', () => {
		expect(keys('cbt-thought-record')).toEqual([
			'situation',
			'thoughts',
			'emotion1',
			'emotion1Before',
			'emotion2',
			'emotion2Before',
			'emotion3',
			'emotion3Before',
			'evidenceFor',
			'evidenceAgainst',
			'balancedThought',
			'emotion1After',
			'emotion2After',
			'emotion3After'
		]);
		expect(spec('emotion1Before')).toMatchObject({ type: 'number', min: 0, max: 100 });
	});

	it('a diary card has seven days, each with six ratings from 0 to 5 and the skills used', () => {
		const sections = formSections('dbt-diary-card', {});
		expect(sections.map((s) => s.title)).toEqual(['The week', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
		const wednesday = sections[3]?.fields ?? [];
		expect(wednesday.map((f) => f.key)).toEqual(['wed.urgeUse', 'wed.urgeHarm', 'wed.sadness', 'wed.anger', 'wed.fear', 'wed.joy', 'wed.skills']);
		expect(wednesday.filter((f) => f.type === 'number').every((f) => f.min === 0 && f.max === 5)).toBe(true);
		expect(sections.filter((s) => s.foldable).map((s) => s.title)).toHaveLength(7);
		expect(formSections('cbt-thought-record', {}).some((s) => s.foldable)).toBe(false);
	});

	it('a mindfulness log shows as many entries as the participant added, one at least', () => {
		expect(keys('mindfulness-log')).toEqual(['entry1.date', 'entry1.practice', 'entry1.minutes', 'entry1.notes']);
		expect(formSections('mindfulness-log', { entries: 3 })).toHaveLength(3);
		expect(logEntries({ entries: 0 })).toBe(1);
		expect(logEntries({ entries: 500 })).toBe(MAX_LOG_ENTRIES);
		expect(logEntries({ entries: 'two' })).toBe(1);
	});

	it('every key of every form fits the work record schema', () => {
		for (const kind of ['cbt-thought-record', 'dbt-diary-card', 'mindfulness-log'] as const) {
			const fields = Object.fromEntries(keys(kind, { entries: MAX_LOG_ENTRIES }).map((k) => [k, 'x']));
			expect(AssignmentWork.safeParse({ id: 'w1', ...STAMP, templateId: 't', kind, fields }).success).toBe(true);
		}
	});
});

describe('typing into the form', () => {
	it('numbers are kept as numbers, text as typed, and an emptied field goes away', () => {
		let fields = withInput({}, spec('emotion1Before'), '70');
		fields = withInput(fields, spec('situation'), 'At work, my manager frowned');
		expect(fields).toEqual({ emotion1Before: 70, situation: 'At work, my manager frowned' });
		expect(withInput(fields, spec('situation'), '  ')).toEqual({ emotion1Before: 70 });
	});

	it('a number the browser cannot read is kept as typed and named as a problem', () => {
		const fields = withInput({}, spec('emotion1Before'), '7O');
		expect(fields).toEqual({ emotion1Before: '7O' });
		expect(valueProblems('cbt-thought-record', fields)).toEqual([
			{ key: 'emotion1Before', message: 'How strong, 0 to 100: use a whole number from 0 to 100.' }
		]);
	});

	it('a rating out of its range is a problem, at its bounds it is not', () => {
		expect(valueProblems('dbt-diary-card', { 'mon.urgeUse': 5, 'tue.joy': 0 })).toEqual([]);
		expect(valueProblems('dbt-diary-card', { 'mon.urgeUse': 6 })).toEqual([
			{ key: 'mon.urgeUse', message: 'Urge to use, 0 to 5: use a whole number from 0 to 5.' }
		]);
		expect(valueProblems('cbt-thought-record', { emotion2After: 101 })).toHaveLength(1);
		expect(valueProblems('mindfulness-log', { 'entry1.minutes': 2.5 })).toHaveLength(1);
	});

	it('any whole number within a range is accepted, anything outside is not (property)', () => {
		fc.assert(
			fc.property(fc.integer({ min: -1000, max: 1000 }), (n) => {
				const ok = n >= 0 && n <= 100;
				return (valueProblems('cbt-thought-record', { emotion1Before: n }).length === 0) === ok;
			})
		);
	});
});

describe('sending', () => {
	it('an empty thought record says what is still needed', () => {
		expect(submitProblems('cbt-thought-record', {}).map((p) => p.key)).toEqual(['situation', 'thoughts', 'emotion1']);
	});

	it('a thought record with a situation, a thought and an emotion can be sent', () => {
		expect(submitProblems('cbt-thought-record', { situation: 'x', thoughts: 'y', emotion1: 'sad' })).toEqual([]);
	});

	it('a diary card needs one day filled in', () => {
		expect(submitProblems('dbt-diary-card', { weekOf: '2026-03-02' })).toEqual([
			{ key: 'mon.urgeUse', message: 'Fill in at least one day before you send this.' }
		]);
		expect(submitProblems('dbt-diary-card', { 'thu.skills': 'TIPP' })).toEqual([]);
	});

	it('a mindfulness log needs the date, practice and minutes of its first entry', () => {
		expect(submitProblems('mindfulness-log', { 'entry1.date': '2026-03-02', 'entry1.practice': 'Body scan' }).map((p) => p.key)).toEqual([
			'entry1.minutes'
		]);
		expect(submitProblems('mindfulness-log', { 'entry1.date': '2026-03-02', 'entry1.practice': 'Body scan', 'entry1.minutes': 10 })).toEqual([]);
	});
});

describe('reading for the participant and the care team', () => {
	const catalog: AssignmentTemplate[] = [
		{ id: 'tr', ...STAMP, kind: 'cbt-thought-record', title: 'Thought record', instructions: '' },
		{ id: 'old', ...STAMP, kind: 'mindfulness-log', title: 'Old log', instructions: '', deletedAt: STAMP.updatedAt }
	];

	it('answers come in form order with their section, empty fields left out', () => {
		expect(answersOf('cbt-thought-record', { balancedThought: 'One frown is not a verdict', situation: 'At work', emotion1: 'anxious', emotion1Before: 80 })).toEqual([
			{ section: 'The situation', label: 'What happened? Where, when, who with?', value: 'At work' },
			{ section: 'Emotion 1', label: 'Emotion 1', value: 'anxious' },
			{ section: 'Emotion 1', label: 'How strong, 0 to 100', value: '80' },
			{ section: 'A balanced thought', label: 'A more balanced way to see it', value: 'One frown is not a verdict' }
		]);
	});

	it('work is listed newest first, titled from the catalog, drafts and sent told apart, discarded left out', () => {
		const views = workViews(
			[
				{ id: 'a', ...STAMP, templateId: 'tr', kind: 'cbt-thought-record', fields: { situation: 'x' }, submittedAt: STAMP.updatedAt },
				{ id: 'b', ...STAMP, updatedAt: '2026-03-03T10:00:00.000Z', templateId: 'gone', kind: 'dbt-diary-card', fields: {} },
				{ id: 'c', ...STAMP, templateId: 'tr', kind: 'cbt-thought-record', fields: {}, deletedAt: STAMP.updatedAt }
			],
			catalog
		);
		expect(views.map((v) => [v.work.id, v.title, v.status])).toEqual([
			['b', 'Diary card', 'draft'],
			['a', 'Thought record', 'submitted']
		]);
		expect(views[1]?.answers).toHaveLength(1);
	});

	it('only templates not removed can be started', () => {
		expect(availableTemplates(catalog).map((t) => t.id)).toEqual(['tr']);
	});
});
