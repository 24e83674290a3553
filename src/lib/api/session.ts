/**
 * The HTTP side of signing in. Every response is validated; the signed-in identity
 * is cached on the device so the app starts without a network.
 */
import { z } from 'zod';
import { clockedFetch } from './server-clock.ts';

export const User = z.object({
	id: z.string(),
	role: z.enum(['admin', 'clinician', 'participant']),
	displayName: z.string(),
	/** participants joined by invite have none */
	email: z.string().optional(),
	programId: z.string(),
	participantId: z.string().optional()
});
export type User = z.infer<typeof User>;

export const Me = z.object({
	user: User,
	/** this device, as the server knows it; presence events carry its id */
	device: z.object({ id: z.string(), name: z.string() }),
	participants: z.array(z.object({ id: z.string(), displayName: z.string() })),
	consent: z.object({ careTeam: z.boolean() })
});
export type Me = z.infer<typeof Me>;

const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export const ME_KEY = 'steady:me';

/** Forgets the cached identity, e.g. when the server revoked this device. */
export function forgetMe(): void {
	localStorage.removeItem(ME_KEY);
}

export function cachedMe(): Me | null {
	try {
		const parsed = Me.safeParse(JSON.parse(localStorage.getItem(ME_KEY) ?? 'null'));
		return parsed.success ? parsed.data : null;
	} catch {
		return null;
	}
}

function cacheMe(me: Me): void {
	localStorage.setItem(ME_KEY, JSON.stringify(me));
}

export type SignInResult = { ok: true; me: Me } | { ok: false; message: string };

export async function signIn(email: string, password: string): Promise<SignInResult> {
	let response: Response;
	try {
		response = await clockedFetch('/api/sign-in', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email, password })
		});
	} catch {
		return { ok: false, message: 'Steady cannot reach the server. Check your connection and try again.' };
	}
	if (!response.ok) return { ok: false, message: await errorMessage(response) };
	clearPendingSignOut();
	const me = await fetchMe();
	if (me.kind !== 'signed-in') return { ok: false, message: 'Signed in, but the server did not return your account. Try again.' };
	return { ok: true, me: me.me };
}

export type MeResult = { kind: 'signed-in'; me: Me } | { kind: 'signed-out' } | { kind: 'revoked'; message: string } | { kind: 'unreachable' };

/** Refreshes the cached identity; an unreachable server leaves the cache alone. */
export async function fetchMe(): Promise<MeResult> {
	try {
		const response = await clockedFetch('/api/me', { headers: { accept: 'application/json' } });
		if (response.status === 401) {
			const error = ApiError.safeParse(await response.json().catch(() => null));
			if (error.success && error.data.error.code === 'device-revoked') return { kind: 'revoked', message: error.data.error.message };
			return { kind: 'signed-out' };
		}
		if (!response.ok) return { kind: 'unreachable' };
		const parsed = Me.safeParse(await response.json());
		if (!parsed.success) return { kind: 'unreachable' };
		cacheMe(parsed.data);
		return { kind: 'signed-in', me: parsed.data };
	} catch {
		return { kind: 'unreachable' };
	}
}

const SIGN_OUT_PENDING_KEY = 'steady:sign-out-pending';

/**
 * Tells the server to revoke this device. Offline, the device's cookie would stay
 * valid and sign the next person in again: the sign-out is remembered and retried
 * before anything else on the next start.
 */
export async function signOut(): Promise<void> {
	localStorage.setItem(SIGN_OUT_PENDING_KEY, '1');
	await finishPendingSignOut();
}

/** A new sign-in or redeemed code replaced the old credential: nothing is left to sign out. */
export function clearPendingSignOut(): void {
	localStorage.removeItem(SIGN_OUT_PENDING_KEY);
}

/** Returns true when no sign-out is waiting for the server any more. */
export async function finishPendingSignOut(): Promise<boolean> {
	if (localStorage.getItem(SIGN_OUT_PENDING_KEY) === null) return true;
	try {
		const response = await fetch('/api/sign-out', { method: 'POST' });
		// 401: the device is already unknown to the server, which is what we wanted
		if (response.ok || response.status === 401) localStorage.removeItem(SIGN_OUT_PENDING_KEY);
	} catch {
		// still offline: try again on the next start
	}
	return localStorage.getItem(SIGN_OUT_PENDING_KEY) === null;
}

async function errorMessage(response: Response): Promise<string> {
	try {
		const parsed = ApiError.safeParse(await response.json());
		if (parsed.success) return parsed.data.error.message;
	} catch {
		// not JSON: fall through to the generic message
	}
	return `The server answered ${response.status}. Try again in a moment.`;
}
