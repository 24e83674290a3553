/**
 * Account calls: changing a staff password, redeeming an invite or pairing code.
 * Also home of `request`, the one way the issue-3 API modules talk to the server:
 * every answer is validated with zod and every failure becomes words for people.
 */
import { z } from 'zod';

export type Result<T> = ({ ok: true } & T) | { ok: false; message: string; code?: string };

export const UNREACHABLE = 'Steady cannot reach the server. Check your connection and try again.';
const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export interface RequestOptions {
	method?: 'GET' | 'POST';
	body?: unknown;
}

/** Calls a JSON endpoint; the answer must match `schema` or the call fails with a clear message. */
export async function request<S extends z.ZodType<object>>(
	path: string,
	schema: S,
	{ method = 'GET', body }: RequestOptions = {}
): Promise<Result<z.infer<S>>> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body)
		});
	} catch {
		return { ok: false, message: UNREACHABLE };
	}
	let json: unknown;
	try {
		json = await response.json();
	} catch {
		return { ok: false, message: `The server answered ${response.status} with something Steady cannot read. Try again in a moment.` };
	}
	if (!response.ok) {
		const error = ApiError.safeParse(json);
		if (error.success) return { ok: false, message: error.data.error.message, code: error.data.error.code };
		return { ok: false, message: `The server answered ${response.status}. Try again in a moment.` };
	}
	const parsed = schema.safeParse(json);
	if (!parsed.success) return { ok: false, message: 'The server’s answer was not what Steady expected. Reload the page; if it persists, tell your program’s admin.' };
	return { ok: true, ...(parsed.data as z.infer<S>) };
}

const Empty = z.object({});

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 200;

/** Checked before the server sees it; returns the problem in words, or null. */
export function passwordProblem(password: string, confirmation: string): string | null {
	if (password.length < MIN_PASSWORD_LENGTH) return `The new password needs at least ${MIN_PASSWORD_LENGTH} characters; it has ${password.length}.`;
	if (password.length > MAX_PASSWORD_LENGTH) return `The new password can have at most ${MAX_PASSWORD_LENGTH} characters.`;
	if (password !== confirmation) return 'The two new passwords do not match. Type the same password in both fields.';
	return null;
}

export function changePassword(currentPassword: string, newPassword: string): Promise<Result<object>> {
	return request('/api/password', Empty, { method: 'POST', body: { currentPassword, newPassword } });
}

/** Who a redeemed code signed in: participants have no email, so it is not asked for here. */
export const RedeemedUser = z.object({
	id: z.string(),
	role: z.literal('participant'),
	displayName: z.string(),
	programId: z.string(),
	participantId: z.string()
});
export type RedeemedUser = z.infer<typeof RedeemedUser>;

/** Redeems an invite code or a pairing code; the server sets this device's cookie. */
export function redeem(code: string, deviceName: string): Promise<Result<{ user: RedeemedUser }>> {
	return request('/api/redeem', z.object({ user: RedeemedUser }), { method: 'POST', body: { code: normalizeCode(code), deviceName: deviceName.trim() } });
}

/** Dashes, spaces and case do not matter to the server; strip them so the request is tidy. */
export function normalizeCode(code: string): string {
	return code.replace(/[\s-]/g, '').toUpperCase();
}

/** "ABCDEFGH" → "ABCD-EFGH", the way codes are shown to people. */
export function formatCode(code: string): string {
	const plain = normalizeCode(code);
	return plain.length === 8 ? `${plain.slice(0, 4)}-${plain.slice(4)}` : plain;
}

/** A name for this device from its user agent, e.g. "Chrome on Android"; people can change it. */
export function deviceNameFrom(userAgent: string): string {
	const browser = /Edg\//.test(userAgent)
		? 'Edge'
		: /OPR\/|Opera/.test(userAgent)
			? 'Opera'
			: /Firefox\//.test(userAgent)
				? 'Firefox'
				: /SamsungBrowser\//.test(userAgent)
					? 'Samsung Internet'
					: /Chrome\/|Chromium\/|CriOS\//.test(userAgent)
						? 'Chrome'
						: /Safari\//.test(userAgent)
							? 'Safari'
							: 'Browser';
	const system = /Android/.test(userAgent)
		? 'Android'
		: /iPhone/.test(userAgent)
			? 'iPhone'
			: /iPad/.test(userAgent)
				? 'iPad'
				: /CrOS/.test(userAgent)
					? 'ChromeOS'
					: /Windows/.test(userAgent)
						? 'Windows'
						: /Mac OS X|Macintosh/.test(userAgent)
							? 'Mac'
							: /Linux/.test(userAgent)
								? 'Linux'
								: null;
	return system ? `${browser} on ${system}` : browser;
}
