/**
 * What every API handler shares: the request in hand (`ApiCall`), reading the
 * device credential, validating bodies with zod, and the errors people see.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Session } from './auth.ts';
import type { AuditEntry } from './audit.ts';
import type { ServerContext } from './context.ts';
import type { User } from './directory.ts';
import { HttpError, readJson } from './http-util.ts';
import type { Role } from './access.ts';

export interface ApiCall {
	ctx: ServerContext;
	req: IncomingMessage;
	res: ServerResponse;
	/** path parameters, in the order of the route pattern's groups */
	params: string[];
	query: URLSearchParams;
	remote: string | null;
}

export const NOT_SIGNED_IN = new HttpError(401, 'not-signed-in', 'You are not signed in. Sign in and try again.');
export const DEVICE_REVOKED = new HttpError(
	401,
	'device-revoked',
	'This device was removed from your account. Sign in again, or ask your care team for a new code.'
);
export const FORBIDDEN = new HttpError(403, 'forbidden', 'Your account cannot do this. Ask an administrator if you think it should.');
export const NOT_FOUND = (what: string) => new HttpError(404, 'not-found', `There is no such ${what}. Reload the page and try again.`);

/** The signed-in device and user, or 401 `not-signed-in` / `device-revoked`. */
export function requireSession(call: ApiCall, roles?: readonly Role[]): Session {
	const result = call.ctx.auth.authenticate(call.req);
	if (!result.ok) throw result.reason === 'device-revoked' ? DEVICE_REVOKED : NOT_SIGNED_IN;
	if (roles && !roles.includes(result.session.user.role)) throw FORBIDDEN;
	return result.session;
}

export async function body<T>(call: ApiCall, schema: z.ZodType<T>): Promise<T> {
	return parse(schema, await readJson(call.req), 'request body');
}

export function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
	throw new HttpError(400, 'invalid-body', `The ${what} is not right (${problems}). Fix it and send it again.`);
}

/** Records an audit entry for the calling device. */
export function audit(call: ApiCall, session: Session | null, entry: Omit<AuditEntry, 'userId' | 'deviceId' | 'remote'> & Partial<AuditEntry>): void {
	call.ctx.audit.record({
		userId: session?.user.id ?? null,
		deviceId: session?.device.id ?? null,
		remote: call.remote,
		...entry
	});
}

/** `email` is '' for participants who joined by invite (they have none). */
export function publicUser(user: User) {
	return {
		id: user.id,
		role: user.role,
		displayName: user.displayName,
		email: user.email ?? '',
		programId: user.programId,
		...(user.participantId ? { participantId: user.participantId } : {})
	};
}

/** The cookie must carry Secure when people reach the app over TLS. */
export function isSecure(call: ApiCall): boolean {
	const publicUrl = call.ctx.config.publicUrl;
	if (publicUrl) return publicUrl.startsWith('https:');
	return 'encrypted' in call.req.socket && call.req.socket.encrypted === true;
}

/** The origin people use to reach the app, for links. */
export function publicOrigin(call: ApiCall): string {
	if (call.ctx.config.publicUrl) return call.ctx.config.publicUrl;
	const header = call.req.headers.host ?? '';
	const host = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(header) ? header : 'localhost';
	return `${isSecure(call) ? 'https' : 'http'}://${host}`;
}

export const Text = (max: number) => z.string().trim().min(1).max(max);
