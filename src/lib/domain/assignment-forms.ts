/**
 * The three structured assignment forms (CBT thought record, DBT diary card,
 * mindfulness practice log): their fields, what a draft may hold, what a
 * submission needs, and the answers in words for the participant and the care team.
 *
 * A work record's `fields` is a flat map (records.ts `AssignmentWork`), so repeated
 * parts use numbered keys: `emotion2`, `wed.urgeUse`, `entry3.minutes`.
 */
import type { AssignmentTemplate, AssignmentWork } from './records.ts';

export type AssignmentKind = AssignmentTemplate['kind'];
export type FieldValue = string | number | boolean;
export type Fields = Record<string, FieldValue>;

export interface FieldSpec {
	key: string;
	label: string;
	type: 'text' | 'longtext' | 'number' | 'date';
	min?: number;
	max?: number;
	hint?: string;
}

export interface SectionSpec {
	title: string;
	fields: FieldSpec[];
	/** one of many alike (a diary card's days): folded on screen until opened */
	foldable?: boolean;
}

export const THOUGHT_RECORD_EMOTIONS = 3;
export const DIARY_DAYS = [
	{ key: 'mon', name: 'Monday' },
	{ key: 'tue', name: 'Tuesday' },
	{ key: 'wed', name: 'Wednesday' },
	{ key: 'thu', name: 'Thursday' },
	{ key: 'fri', name: 'Friday' },
	{ key: 'sat', name: 'Saturday' },
	{ key: 'sun', name: 'Sunday' }
] as const;
const DIARY_RATINGS = [
	{ key: 'urgeUse', label: 'Urge to use' },
	{ key: 'urgeHarm', label: 'Urge to harm myself' },
	{ key: 'sadness', label: 'Sadness' },
	{ key: 'anger', label: 'Anger' },
	{ key: 'fear', label: 'Fear or worry' },
	{ key: 'joy', label: 'Joy' }
] as const;
/** A log starts with one entry; the participant adds more (the count is kept in `entries`). */
export const MAX_LOG_ENTRIES = 31;

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function thoughtRecord(): SectionSpec[] {
	return [
		{
			title: 'The situation',
			fields: [{ key: 'situation', label: 'What happened? Where, when, who with?', type: 'longtext' }]
		},
		{
			title: 'Automatic thoughts',
			fields: [{ key: 'thoughts', label: 'What went through your mind?', type: 'longtext' }]
		},
		...range(THOUGHT_RECORD_EMOTIONS).map((n) => ({
			title: `Emotion ${n}`,
			fields: [
				{ key: `emotion${n}`, label: `Emotion ${n}`, type: 'text' as const, hint: 'For example: anxious, sad, angry' },
				{ key: `emotion${n}Before`, label: `How strong, 0 to 100`, type: 'number' as const, min: 0, max: 100 }
			]
		})),
		{
			title: 'Looking at the evidence',
			fields: [
				{ key: 'evidenceFor', label: 'Evidence that supports the thought', type: 'longtext' },
				{ key: 'evidenceAgainst', label: 'Evidence that does not support the thought', type: 'longtext' }
			]
		},
		{
			title: 'A balanced thought',
			fields: [{ key: 'balancedThought', label: 'A more balanced way to see it', type: 'longtext' }]
		},
		{
			title: 'Re-rate your emotions',
			fields: range(THOUGHT_RECORD_EMOTIONS).map((n) => ({
				key: `emotion${n}After`,
				label: `Emotion ${n} now, 0 to 100`,
				type: 'number' as const,
				min: 0,
				max: 100
			}))
		}
	];
}

function diaryCard(): SectionSpec[] {
	return [
		{ title: 'The week', fields: [{ key: 'weekOf', label: 'Week starting', type: 'date' }] },
		...DIARY_DAYS.map((day) => ({
			title: day.name,
			foldable: true,
			fields: [
				...DIARY_RATINGS.map((rating) => ({
					key: `${day.key}.${rating.key}`,
					label: `${rating.label}, 0 to 5`,
					type: 'number' as const,
					min: 0,
					max: 5
				})),
				{ key: `${day.key}.skills`, label: 'Skills I used', type: 'text' as const, hint: 'For example: TIPP, opposite action, check the facts' }
			]
		}))
	];
}

function mindfulnessLog(entries: number): SectionSpec[] {
	return range(entries).map((n) => ({
		title: `Practice ${n}`,
		fields: [
			{ key: `entry${n}.date`, label: 'Date', type: 'date' as const },
			{ key: `entry${n}.practice`, label: 'Practice', type: 'text' as const, hint: 'For example: body scan, mindful walking' },
			{ key: `entry${n}.minutes`, label: 'Minutes', type: 'number' as const, min: 0, max: 600 },
			{ key: `entry${n}.notes`, label: 'Notes', type: 'longtext' as const }
		]
	}));
}

/** How many practice entries a mindfulness log shows (at least one). */
export function logEntries(fields: Fields): number {
	const count = fields.entries;
	return typeof count === 'number' && Number.isInteger(count) ? Math.min(Math.max(count, 1), MAX_LOG_ENTRIES) : 1;
}

/** The form of a kind, as sections of fields, given what is filled in so far. */
export function formSections(kind: AssignmentKind, fields: Fields): SectionSpec[] {
	switch (kind) {
		case 'cbt-thought-record':
			return thoughtRecord();
		case 'dbt-diary-card':
			return diaryCard();
		case 'mindfulness-log':
			return mindfulnessLog(logEntries(fields));
	}
}

// ---- checking ------------------------------------------------------------

export interface FieldProblem {
	key: string;
	message: string;
}

const filled = (value: FieldValue | undefined) => (typeof value === 'string' ? value.trim() !== '' : value !== undefined);

function specOf(kind: AssignmentKind, fields: Fields, key: string): FieldSpec | undefined {
	return formSections(kind, fields)
		.flatMap((s) => s.fields)
		.find((f) => f.key === key);
}

/** Problems with the values themselves (a rating out of range), checked for drafts too. */
export function valueProblems(kind: AssignmentKind, fields: Fields): FieldProblem[] {
	const problems: FieldProblem[] = [];
	for (const [key, value] of Object.entries(fields)) {
		const spec = specOf(kind, fields, key);
		if (!spec || spec.type !== 'number') continue;
		if (typeof value !== 'number' || !Number.isInteger(value) || value < (spec.min ?? 0) || value > (spec.max ?? Infinity)) {
			problems.push({ key, message: `${spec.label}: use a whole number from ${spec.min ?? 0} to ${spec.max}.` });
		}
	}
	return problems;
}

/** What a submission needs besides valid values: enough filled in to be useful to the care team. */
export function submitProblems(kind: AssignmentKind, fields: Fields): FieldProblem[] {
	const problems = valueProblems(kind, fields);
	const need = (key: string, message: string) => {
		if (!filled(fields[key])) problems.push({ key, message });
	};
	switch (kind) {
		case 'cbt-thought-record':
			need('situation', 'Describe the situation before you send this.');
			need('thoughts', 'Write down at least one automatic thought before you send this.');
			need('emotion1', 'Name at least one emotion before you send this.');
			break;
		case 'dbt-diary-card': {
			const anyDay = DIARY_DAYS.some((day) => Object.keys(fields).some((key) => key.startsWith(`${day.key}.`) && filled(fields[key])));
			if (!anyDay) problems.push({ key: 'mon.urgeUse', message: 'Fill in at least one day before you send this.' });
			break;
		}
		case 'mindfulness-log':
			need('entry1.date', 'Give the date of your first practice before you send this.');
			need('entry1.practice', 'Name your first practice before you send this.');
			need('entry1.minutes', 'Give the minutes of your first practice before you send this.');
			break;
	}
	return problems;
}

// ---- reading -------------------------------------------------------------

export interface Answer {
	section: string;
	label: string;
	value: string;
}

/** The filled-in answers in form order, as words: what the care team reads. */
export function answersOf(kind: AssignmentKind, fields: Fields): Answer[] {
	return formSections(kind, fields).flatMap((section) =>
		section.fields.filter((f) => filled(fields[f.key])).map((f) => ({ section: section.title, label: f.label, value: String(fields[f.key]) }))
	);
}

export interface WorkView {
	work: AssignmentWork;
	title: string;
	status: 'draft' | 'submitted';
	answers: Answer[];
}

/**
 * A participant's assignment work for reading (their own list, or the care team's
 * view of their self document): not deleted, newest first, titled from the catalog
 * (a template since removed keeps a generic title).
 */
export function workViews(work: readonly AssignmentWork[], catalog: readonly AssignmentTemplate[]): WorkView[] {
	const titles = new Map(catalog.map((t) => [t.id, t.title]));
	return work
		.filter((w) => !w.deletedAt)
		.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id))
		.map((w) => ({
			work: w,
			title: titles.get(w.templateId) ?? KIND_NAMES[w.kind],
			status: w.submittedAt ? 'submitted' : 'draft',
			answers: answersOf(w.kind, w.fields)
		}));
}

export const KIND_NAMES: Record<AssignmentKind, string> = {
	'cbt-thought-record': 'Thought record',
	'dbt-diary-card': 'Diary card',
	'mindfulness-log': 'Mindfulness practice log'
};

/** Templates the participant can start: not deleted, by title. */
export function availableTemplates(catalog: readonly AssignmentTemplate[]): AssignmentTemplate[] {
	return catalog.filter((t) => !t.deletedAt).sort((a, b) => a.title.localeCompare(b.title));
}

// ---- editing -------------------------------------------------------------

/**
 * The fields after one input changed: text as typed, numbers as numbers; an
 * emptied input removes its key. A number the browser cannot read is kept as typed,
 * so nothing the person wrote is lost (valueProblems then names it).
 */
export function withInput(fields: Fields, spec: FieldSpec, raw: string): Fields {
	const next = { ...fields };
	if (raw.trim() === '') delete next[spec.key];
	else if (spec.type === 'number') next[spec.key] = Number.isFinite(Number(raw)) ? Number(raw) : raw;
	else next[spec.key] = raw;
	return next;
}
