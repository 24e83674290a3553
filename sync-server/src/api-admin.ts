/**
 * Admins: the audit trail of their program's users (JSON and CSV; every export
 * is itself audited) and staff management (docs/API.md, "Audit trail", "Staff").
 */
import { CLOSE } from '../../src/lib/protocol/frames.ts';
import { csvCell } from '../../src/lib/domain/export-csv.ts';
import { ulid } from 'ulid';
import { z } from 'zod';
import type { AuditRow } from './audit.ts';
import type { User } from './directory.ts';
import { HttpError, sendJson } from './http-util.ts';
import { hashPassword } from './passwords.ts';
import { revokeDevice } from './api-account.ts';
import { NOT_FOUND, Text, audit, body, parse, requireSession, type ApiCall } from './api-common.ts';

const Instant = z
	.string()
	.max(40)
	.refine((value) => !Number.isNaN(Date.parse(value)), 'use a date and time such as 2026-03-09T00:00:00Z')
	.transform((value) => new Date(value).toISOString());

const DAY = /^\d{4}-\d{2}-\d{2}$/;

const AuditFilter = z.object({
	from: Instant.optional(),
	// a bare date ("2026-03-09") means up to the end of that day (UTC)
	to: z
		.string()
		.max(40)
		.transform((value) => (DAY.test(value) ? `${value}T23:59:59.999Z` : value))
		.pipe(Instant)
		.optional(),
	event: z.string().max(40).optional(),
	userId: z.string().max(80).optional(),
	limit: z.coerce.number().int().min(1).max(10_000).default(1000)
});

const NewStaff = z.object({
	email: z.email().max(320),
	displayName: Text(80),
	role: z.enum(['clinician', 'admin']),
	password: z.string().min(12, 'the password needs at least 12 characters').max(200)
});

const StaffChange = z
	.object({ displayName: Text(80).optional(), programId: z.string().min(1).max(80).optional(), active: z.boolean().optional() })
	.strict();

function auditRows(call: ApiCall): { rows: AuditRow[]; filter: z.infer<typeof AuditFilter> } {
	const session = requireSession(call, ['admin']);
	const filter = parse(AuditFilter, Object.fromEntries(call.query), 'query');
	return { rows: call.ctx.audit.query({ ...filter, programId: session.user.programId }), filter };
}

function auditJson(call: ApiCall): void {
	sendJson(call.res, 200, { rows: auditRows(call).rows });
}

const COLUMNS = ['id', 'at', 'event', 'userId', 'deviceId', 'document', 'detail', 'remote'] as const;

// one formula guard for every CSV the server writes
export { csvCell };

function auditCsv(call: ApiCall): void {
	const session = requireSession(call, ['admin']);
	const { rows, filter } = auditRows(call);
	const lines = [COLUMNS.join(','), ...rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(','))];
	audit(call, session, { event: 'audit-exported', detail: JSON.stringify({ ...filter, rows: rows.length }) });
	const text = `${lines.join('\r\n')}\r\n`;
	call.res.writeHead(200, {
		'content-type': 'text/csv; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		'content-disposition': `attachment; filename="steady-audit-${new Date(call.ctx.now()).toISOString().slice(0, 10)}.csv"`,
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff'
	});
	call.res.end(text);
}

const staffJson = (user: User) => ({
	id: user.id,
	email: user.email ?? '',
	displayName: user.displayName,
	role: user.role,
	programId: user.programId,
	active: user.active
});

function listStaff(call: ApiCall): void {
	const { user } = requireSession(call, ['admin']);
	sendJson(call.res, 200, { staff: call.ctx.directory.staffOfProgram(user.programId).map(staffJson) });
}

async function createStaff(call: ApiCall): Promise<void> {
	const session = requireSession(call, ['admin']);
	const input = await body(call, NewStaff);
	const { ctx } = call;
	if (ctx.directory.credentialsByEmail(input.email)) {
		throw new HttpError(409, 'email-taken', 'Someone already has an account with this email. Use another email, or change that account.');
	}
	const id = `u-${ulid(ctx.now()).toLowerCase()}`;
	ctx.directory.addUser({
		id,
		email: input.email.toLowerCase(),
		role: input.role,
		displayName: input.displayName,
		programId: session.user.programId,
		passwordHash: await hashPassword(input.password)
	});
	audit(call, session, { event: 'staff-created', detail: JSON.stringify({ id, role: input.role }) });
	sendJson(call.res, 200, { staff: staffJson(ctx.directory.userById(id) as User) });
}

async function changeStaff(call: ApiCall): Promise<void> {
	const session = requireSession(call, ['admin']);
	const { ctx } = call;
	const target = ctx.directory.userById(call.params[0] ?? '');
	if (!target || target.role === 'participant' || target.programId !== session.user.programId) throw NOT_FOUND('staff member');
	const changes = await body(call, StaffChange);
	if (changes.programId !== undefined && changes.programId !== session.user.programId) {
		// Sending someone into another program would hand them its records on this admin's
		// word alone (and let an admin place accounts they control there).
		throw new HttpError(
			403,
			'program-move-not-allowed',
			'Moving someone to another program gives them its records, so only that program’s admin can add them. Ask them to.'
		);
	}
	if (changes.active === false && target.id === session.user.id) {
		throw new HttpError(400, 'cannot-deactivate-self', 'You cannot deactivate your own account. Ask another admin to do it.');
	}
	ctx.directory.updateUser(target.id, changes);
	if (changes.active === false) {
		for (const deviceId of ctx.auth.revokeAllOf(target.id)) revokeDevice(ctx, deviceId, CLOSE.deviceRevoked);
	}
	audit(call, session, { event: 'staff-changed', detail: JSON.stringify({ id: target.id, ...changes }) });
	sendJson(call.res, 200, { staff: staffJson(ctx.directory.userById(target.id) as User) });
}

export const adminRoutes = [
	{ method: 'GET', path: /^\/api\/admin\/audit$/, handle: auditJson },
	{ method: 'GET', path: /^\/api\/admin\/audit\.csv$/, handle: auditCsv },
	{ method: 'GET', path: /^\/api\/admin\/staff$/, handle: listStaff },
	{ method: 'POST', path: /^\/api\/admin\/staff$/, handle: createStaff },
	{ method: 'POST', path: /^\/api\/admin\/staff\/([^/]+)$/, handle: changeStaff }
] as const;
