/** Clinicians' exports (docs/API.md, "Exports"): what to choose from, files, and the report. */
import { z } from 'zod';
import { UNREACHABLE, request, type Result } from './account.ts';

export const ExportOptions = z.object({
	programName: z.string(),
	timeZone: z.string(),
	groups: z.array(z.object({ id: z.string(), name: z.string() })),
	participants: z.array(z.object({ id: z.string(), displayName: z.string() }))
});
export type ExportOptions = z.infer<typeof ExportOptions>;

export function exportOptions(): Promise<Result<ExportOptions>> {
	return request('/api/exports/options', ExportOptions);
}

export type Scope = 'program' | 'group' | 'participant';

export interface ExportRequest {
	scope: Scope;
	/** the group's or participant's id */
	id: string;
	from: string;
	to: string;
	recipient: string;
	purpose: string;
}

function query(input: ExportRequest, extra: Record<string, string>): string {
	return new URLSearchParams({ from: input.from, to: input.to, recipient: input.recipient.trim(), purpose: input.purpose.trim(), ...extra }).toString();
}

export const csvPath = (input: ExportRequest) =>
	`/api/exports/attendance.csv?${query(input, input.scope === 'program' ? { scope: 'program' } : { scope: input.scope, id: input.id })}`;
export const fhirPath = (input: ExportRequest) => `/api/exports/fhir?${query(input, { participantId: input.id })}`;

export interface DownloadedFile {
	blob: Blob;
	filename: string;
	/** participants left out for want of consent */
	withheld: number;
}

const ErrorBody = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

/** Fetches an export as a file; failures become words (the server's message when it sent one). */
export async function fetchFile(path: string): Promise<Result<{ file: DownloadedFile }>> {
	let response: Response;
	try {
		response = await fetch(path);
	} catch {
		return { ok: false, message: UNREACHABLE };
	}
	if (!response.ok) {
		const body = ErrorBody.safeParse(await response.json().catch(() => null));
		return body.success
			? { ok: false, message: body.data.error.message, code: body.data.error.code }
			: { ok: false, message: `The server answered ${response.status}. Try again in a moment.` };
	}
	const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'steady-export';
	return { ok: true, file: { blob: await response.blob(), filename, withheld: Number(response.headers.get('x-steady-withheld') ?? 0) } };
}

const AttendanceState = z.enum([
	'present',
	'late',
	'left-early',
	'partial',
	'absent',
	'on-leave',
	'absent-notified',
	'absent-not-notified',
	'cancelled',
	'upcoming',
	'live'
]);

const Line = z.object({
	occurrence: z.object({
		id: z.string(),
		groupName: z.string(),
		localDate: z.string(),
		start: z.string(),
		end: z.string(),
		cancelled: z.boolean(),
		moved: z.boolean()
	}),
	timeIn: z.string().nullable(),
	timeOut: z.string().nullable(),
	minutes: z.number(),
	attendance: AttendanceState,
	excused: z.boolean().nullable(),
	billable: z.boolean()
});
export type ReportLine = z.infer<typeof Line>;

export const Report = z.object({
	participantId: z.string(),
	displayName: z.string(),
	timeZone: z.string(),
	range: z.object({ from: z.string(), to: z.string() }),
	track: z.enum(['adult', 'adolescent']),
	plannedWeeklyHours: z.number(),
	hoursPlan: z.object({ min: z.number(), max: z.number(), own: z.boolean() }),
	lines: z.array(Line),
	weeks: z.array(
		z.object({
			weekStart: z.string(),
			isoWeek: z.string(),
			attendedHours: z.number(),
			scheduledHours: z.number(),
			billableDays: z.number(),
			planMin: z.number(),
			planMax: z.number(),
			standing: z.enum(['below', 'within', 'above'])
		})
	),
	billableDays: z.number(),
	attendedMinutes: z.number()
});
export type Report = z.infer<typeof Report>;

export function fetchReport(input: ExportRequest): Promise<Result<{ programName: string; report: Report }>> {
	return request(`/api/exports/report?${query(input, { participantId: input.id })}`, z.object({ programName: z.string(), report: Report }));
}
