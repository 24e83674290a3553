/**
 * What a clinician types into the intervention, make-up and annotation forms,
 * validated with words that say how to fix it. The result is the content of a
 * record; the command adds its id and version stamp.
 */
import { z } from 'zod';
import { Id, LocalDate, OccurrenceId } from './ids.ts';
import { LevelOfCare, Outreach, ScheduleAdjustment } from './records.ts';

const date = (what: string) => LocalDate.or(z.literal('')).refine((v) => v !== '', `Choose ${what}.`).pipe(LocalDate);
const text = (what: string, max: number, required: boolean) =>
	z
		.string()
		.trim()
		.max(max, `Keep ${what} under ${max} characters.`)
		.refine((v) => !required || v.length > 0, `Write ${what}.`);

export const OutreachForm = z.object({
	channel: Outreach.shape.channel,
	outcome: Outreach.shape.outcome,
	note: text('the note', 5000, false)
});
export type OutreachForm = z.infer<typeof OutreachForm>;

export const LeaveForm = z
	.object({ from: date('the first day of the leave'), to: date('the last day of the leave'), reason: text('the reason for the leave', 2000, true) })
	.refine((leave) => leave.to >= leave.from, { message: 'The leave must end on or after its first day.', path: ['to'] });
export type LeaveForm = z.infer<typeof LeaveForm>;

export const AdjustmentForm = z
	.object({
		kind: ScheduleAdjustment.shape.kind,
		groupId: z.string().optional(),
		occurrenceId: z.string().optional(),
		from: date('the date the change starts'),
		reason: text('the reason for the change', 2000, true)
	})
	.superRefine((form, ctx) => {
		if (form.kind !== 'skip-occurrence' && !Id.safeParse(form.groupId).success) ctx.addIssue({ code: 'custom', message: 'Choose the group to add or drop.', path: ['groupId'] });
		if (form.kind === 'skip-occurrence' && !OccurrenceId.safeParse(form.occurrenceId).success) ctx.addIssue({ code: 'custom', message: 'Choose the session to skip.', path: ['occurrenceId'] });
	})
	.transform(({ kind, groupId, occurrenceId, from, reason }) =>
		kind === 'skip-occurrence' ? { kind, occurrenceId, from, reason } : { kind, groupId, from, reason }
	);
export type AdjustmentForm = z.infer<typeof AdjustmentForm>;

export const LevelOfCareForm = z.object({
	recommendation: LevelOfCare.shape.recommendation,
	reason: text('the reason for the recommendation', 5000, true)
});
export type LevelOfCareForm = z.infer<typeof LevelOfCareForm>;

export const MakeupForm = z.object({
	occurrenceId: OccurrenceId.or(z.literal('')).refine((v) => v !== '', 'Choose the missed session this make-up is for.'),
	catalogItemIds: z.array(Id).min(1, 'Choose at least one make-up item (a recording, recap, worksheet or one-to-one).').max(10, 'Choose at most 10 items.'),
	dueOn: date('the due date')
});
export type MakeupForm = z.infer<typeof MakeupForm>;

export const AnnotationForm = z.object({
	target: z.string().min(1).max(100),
	text: text('the note', 5000, true),
	/** shared: the participant reads it in their care document; private: clinicians only */
	visibility: z.enum(['shared', 'private'])
});
export type AnnotationForm = z.infer<typeof AnnotationForm>;

/** One intervention from the record page's form, validated. */
export type InterventionInput =
	| { type: 'outreach'; form: OutreachForm }
	| { type: 'leave'; form: LeaveForm }
	| { type: 'adjustment'; form: AdjustmentForm }
	| { type: 'level-of-care'; form: LevelOfCareForm };

export type FormResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** The first problem in words, or the valid value. */
export function checkForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.infer<S>> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return { ok: true, value: parsed.data };
	return { ok: false, message: parsed.error.issues[0]?.message ?? 'Check the form and try again.' };
}
