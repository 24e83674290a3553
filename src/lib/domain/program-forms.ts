/**
 * The program set-up forms (admin): what people type, checked with zod and turned
 * into records, with one clear message per field that says how to fix it. Inputs
 * are the strings and booleans a form holds; outputs are the record's fields.
 */
import { z } from 'zod';
import { LocalDate, LocalTime } from './ids.ts';
import type { PolicyNumbers, RiskRuleNumbers } from './policy.ts';
import { isoWeekday } from './schedule.ts';
import { AssignmentTemplate, MakeupCatalogItem, type Group } from './records.ts';

export type FieldErrors = Record<string, string>;
export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Runs a form schema; each field gets its first problem, keyed by its dotted path. */
export function checkForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.infer<S>> {
	const parsed = schema.safeParse(input);
	if (parsed.success) return { ok: true, value: parsed.data };
	const errors: FieldErrors = {};
	for (const issue of parsed.error.issues) {
		const key = issue.path.join('.') || 'form';
		errors[key] ??= issue.message;
	}
	return { ok: false, errors };
}

const text = (label: string, max: number) => z.string().trim().max(max, `${label} is too long: keep it under ${max} characters.`);
const required = (label: string, max: number) => text(label, max).min(1, `${label} is required.`);
const date = (label: string) => z.string().trim().refine((v) => LocalDate.safeParse(v).success, `${label}: pick a date.`);
const optionalDate = (label: string) =>
	z
		.string()
		.trim()
		.refine((v) => v === '' || LocalDate.safeParse(v).success, `${label}: pick a date, or leave it empty.`)
		.transform((v) => (v === '' ? undefined : v));
const time = (label: string) => z.string().trim().refine((v) => LocalTime.safeParse(v).success, `${label}: use a 24-hour time such as 18:00.`);
/** A number field holds a string, a number, or null once emptied: empty is not zero. */
const number = (label: string) =>
	z.preprocess((v) => (v === '' || v === null || v === undefined ? Number.NaN : v), z.coerce.number({ error: `${label} must be a number.` }));
const whole = (label: string, min: number, max: number) =>
	number(label).refine((n) => Number.isInteger(n) && n >= min && n <= max, `${label} must be a whole number from ${min} to ${max}.`);
const decimal = (label: string, min: number, max: number) =>
	number(label).refine((n) => Number.isFinite(n) && n >= min && n <= max, `${label} must be from ${min} to ${max}.`);
const httpsLink = (label: string) =>
	z
		.string()
		.trim()
		.refine((v) => {
			try {
				return new URL(v).protocol === 'https:';
			} catch {
				return false;
			}
		}, `${label} must be a full link starting with https://`);

// ---- groups and schedules ------------------------------------------------

export const GroupForm = z
	.object({
		name: required('Name', 200),
		facilitator: required('Facilitator', 200),
		weekdays: z.array(z.number().int().min(1).max(7)).min(1, 'Pick at least one weekday.'),
		startTime: time('Start time'),
		durationMinutes: whole('Duration', 5, 720),
		videoLink: httpsLink('Video link'),
		startsOn: date('Starts on'),
		endsOn: optionalDate('Ends on')
	})
	.refine((g) => g.endsOn === undefined || g.endsOn >= g.startsOn, { path: ['endsOn'], message: 'Ends on must be on or after the start date.' });
export type GroupFields = z.infer<typeof GroupForm>;

// ---- exceptions ------------------------------------------------------------

/** Whether the group meets on that date by its recurrence (exceptions aside). */
export function groupMeetsOn(group: Group, date: string): boolean {
	return date >= group.startsOn && (group.endsOn === undefined || date <= group.endsOn) && group.weekdays.includes(isoWeekday(date));
}

export function exceptionForm(groups: readonly Group[]) {
	return z
		.object({
			groupId: z.string().refine((id) => groups.some((g) => g.id === id), 'Pick a group.'),
			date: date('Session date'),
			kind: z.enum(['cancelled', 'moved'], { error: 'Choose cancel or move.' }),
			reason: text('Reason', 500),
			newDate: z.string().trim(),
			newTime: z.string().trim(),
			// a number field: a number, or null once emptied
			durationMinutes: z.union([z.number(), z.string(), z.null()]).transform((v) => (v === null ? '' : String(v).trim()))
		})
		.superRefine((form, ctx) => {
			const group = groups.find((g) => g.id === form.groupId);
			if (group && LocalDate.safeParse(form.date).success && !groupMeetsOn(group, form.date)) {
				ctx.addIssue({ code: 'custom', path: ['date'], message: `${group.name} does not meet on that day: pick one of its session dates.` });
			}
			if (form.kind !== 'moved') return;
			if (!LocalDate.safeParse(form.newDate).success) ctx.addIssue({ code: 'custom', path: ['newDate'], message: 'New date: pick a date.' });
			if (!LocalTime.safeParse(form.newTime).success) ctx.addIssue({ code: 'custom', path: ['newTime'], message: 'New time: use a 24-hour time such as 18:00.' });
			const minutes = form.durationMinutes === '' ? Number.NaN : Number(form.durationMinutes);
			if (!Number.isInteger(minutes) || minutes < 5 || minutes > 720) {
				ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: 'Duration must be a whole number from 5 to 720.' });
			}
		});
}
export type ExceptionFields = z.infer<ReturnType<typeof exceptionForm>>;

// ---- attendance policy -------------------------------------------------------

export const PolicyForm = z
	.object({
		lateAfterMinutes: whole('Late after', 0, 240),
		leftEarlyBeforeMinutes: whole('Left early before', 0, 240),
		presentPercent: decimal('Present at', 0, 100),
		heartbeatGraceMinutes: whole('Grace after a closed device', 0, 60),
		lateCancellationHours: decimal('Late cancellation', 0, 168),
		billableDailyMinutes: whole('Billable day', 0, 1440),
		weeklyHoursMin: decimal('Weekly hours, minimum', 0, 168),
		weeklyHoursMax: decimal('Weekly hours, maximum', 0, 168),
		makeupDueDays: whole('Make-up due within', 0, 60),
		makeupNeedsVerification: z.boolean(),
		screeningCadenceDays: whole('Screening every', 1, 90)
	})
	.refine((p) => p.weeklyHoursMin <= p.weeklyHoursMax, { path: ['weeklyHoursMax'], message: 'The weekly maximum must be at least the minimum.' })
	.transform(({ presentPercent, ...rest }): PolicyNumbers => ({ ...rest, presentFraction: presentPercent / 100 }));

// ---- risk rules ----------------------------------------------------------------

const rule = <T extends z.ZodRawShape>(shape: T) => z.object({ enabled: z.boolean(), ...shape });
export const RiskRulesForm = z.object({
	missedInARow: rule({ count: whole('Missed in a row', 1, 20) }),
	missedOfRecent: rule({ moreThan: whole('Missed, more than', 0, 50), ofLast: whole('Of the last', 1, 50) }),
	lowAttendance: rule({
		belowPercent: decimal('Attendance below', 0, 100),
		days: whole('Over the last days', 1, 90),
		minSessions: whole('With at least sessions', 1, 50)
	}),
	unexcusedInEnrollment: rule({ count: whole('Unexcused absences', 1, 50) }),
	lateOrLeftEarly: rule({ count: whole('Late or left early', 1, 50), days: whole('Within days', 1, 90) }),
	technicalAbsences: rule({ count: whole('Absences for technical reasons', 1, 50), days: whole('Within days', 1, 90) }),
	noActivity: rule({ days: whole('No activity for days', 1, 90) }),
	makeupsOverdue: rule({}),
	hoursUnderPlan: rule({})
}).transform(({ lowAttendance: { belowPercent, ...low }, ...rest }): RiskRuleNumbers => ({ ...rest, lowAttendance: { ...low, belowFraction: belowPercent / 100 } }));

// ---- catalogs and program info ---------------------------------------------------

export const MakeupItemForm = z.object({
	kind: MakeupCatalogItem.shape.kind,
	title: required('Title', 300),
	url: z
		.string()
		.trim()
		.refine((v) => v === '' || httpsLink('Link').safeParse(v).success, 'Link must be a full link starting with https://, or empty.')
		.transform((v) => (v === '' ? undefined : v)),
	groupId: z.string().transform((v) => (v === '' ? undefined : v))
});

export const AssignmentForm = z.object({
	kind: AssignmentTemplate.shape.kind,
	title: required('Title', 300),
	instructions: text('Instructions', 5000)
});

export const ProgramInfoForm = z.object({
	backupPhone: z
		.string()
		.trim()
		.regex(/^\+?[0-9 ()-]{7,30}$/, 'Backup phone: use digits, spaces, brackets or dashes, with an optional + in front (7 to 30 characters).'),
	orientation: text('Orientation', 20_000),
	techHelp: text('Tech-help guide', 20_000)
});
