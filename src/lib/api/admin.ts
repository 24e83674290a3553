/** Admins: the audit trail (rows and CSV) and the program's staff. */
import { z } from 'zod';
import { request, type Result } from './account.ts';

export const AuditRow = z.object({
	id: z.union([z.string(), z.number()]),
	at: z.string(),
	event: z.string(),
	userId: z.string().nullish(),
	deviceId: z.string().nullish(),
	document: z.string().nullish(),
	detail: z.unknown().optional(),
	remote: z.string().nullish()
});
export type AuditRow = z.infer<typeof AuditRow>;

export interface AuditFilter {
	/** ISO instants or dates; empty means no bound */
	from?: string;
	to?: string;
	event?: string;
	userId?: string;
	limit?: number;
}

/** The query string shared by the rows and the CSV download, so both show the same rows. */
export function auditQuery(filter: AuditFilter): string {
	const params = new URLSearchParams();
	for (const key of ['from', 'to', 'event', 'userId'] as const) {
		const value = filter[key]?.trim();
		if (value) params.set(key, value);
	}
	if (filter.limit !== undefined) params.set('limit', String(filter.limit));
	const query = params.toString();
	return query ? `?${query}` : '';
}

export function listAudit(filter: AuditFilter): Promise<Result<{ rows: AuditRow[] }>> {
	return request(`/api/admin/audit${auditQuery(filter)}`, z.object({ rows: z.array(AuditRow) }));
}

export function auditCsvUrl(filter: AuditFilter): string {
	return `/api/admin/audit.csv${auditQuery(filter)}`;
}

export const StaffRole = z.enum(['clinician', 'admin']);
export type StaffRole = z.infer<typeof StaffRole>;

export const Staff = z.object({
	id: z.string(),
	email: z.string(),
	displayName: z.string(),
	role: StaffRole,
	programId: z.string(),
	active: z.boolean()
});
export type Staff = z.infer<typeof Staff>;

export function listStaff(): Promise<Result<{ staff: Staff[] }>> {
	return request('/api/admin/staff', z.object({ staff: z.array(Staff) }));
}

export interface NewStaff {
	email: string;
	displayName: string;
	role: StaffRole;
	password: string;
}

export function addStaff(input: NewStaff): Promise<Result<{ staff: Staff }>> {
	return request('/api/admin/staff', z.object({ staff: Staff }), {
		method: 'POST',
		body: { email: input.email.trim(), displayName: input.displayName.trim(), role: input.role, password: input.password }
	});
}

export function updateStaff(id: string, change: { displayName?: string; active?: boolean }): Promise<Result<{ staff: Staff }>> {
	return request(`/api/admin/staff/${encodeURIComponent(id)}`, z.object({ staff: Staff }), { method: 'POST', body: change });
}
