/**
 * A short-lived, single-use ticket for opening the sync socket: the device's
 * long-lived credential stays in its HttpOnly cookie and never enters a URL.
 */
import { z } from 'zod';
import { clockedFetch } from './server-clock.ts';

const Ticket = z.object({ ticket: z.string().min(1), expiresAt: z.string() });
const ApiError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });

export type TicketResult =
	| { kind: 'ticket'; ticket: string }
	| { kind: 'signed-out'; message: string }
	| { kind: 'revoked'; message: string }
	| { kind: 'unreachable' };

export async function fetchTicket(): Promise<TicketResult> {
	let response: Response;
	try {
		response = await clockedFetch('/api/tickets', { method: 'POST', headers: { accept: 'application/json' } });
	} catch {
		return { kind: 'unreachable' };
	}
	try {
		const body: unknown = await response.json();
		if (response.ok) {
			const parsed = Ticket.safeParse(body);
			return parsed.success ? { kind: 'ticket', ticket: parsed.data.ticket } : { kind: 'unreachable' };
		}
		const error = ApiError.safeParse(body);
		if (response.status === 401 && error.success) {
			const { code, message } = error.data.error;
			return code === 'device-revoked' ? { kind: 'revoked', message } : { kind: 'signed-out', message };
		}
	} catch {
		// not JSON: a proxy or a server in trouble, which is the same as unreachable to us
	}
	return { kind: 'unreachable' };
}
