/**
 * WebSocket tickets (docs/API.md): random, single-use, valid 60 seconds, bound to
 * the device that asked. Kept in memory only (a restart voids them; the client
 * fetches another). A used ticket is remembered until it would have expired, so a
 * replay is told apart from a made-up one.
 */
import { randomBytes } from 'node:crypto';
import { sha256 } from './auth.ts';

export const TICKET_MS = 60_000;

export type TicketResult =
	| { ok: true; deviceId: string }
	| { ok: false; reason: 'unknown' | 'expired' | 'used'; deviceId?: string };

interface Entry {
	deviceId: string;
	expiresAt: number;
	used: boolean;
}

export class Tickets {
	private readonly entries = new Map<string, Entry>();

	constructor(private readonly now: () => number = Date.now) {}

	issue(deviceId: string): { ticket: string; expiresAt: string } {
		this.prune();
		const ticket = randomBytes(24).toString('base64url');
		const expiresAt = this.now() + TICKET_MS;
		this.entries.set(sha256(ticket), { deviceId, expiresAt, used: false });
		return { ticket, expiresAt: new Date(expiresAt).toISOString() };
	}

	/** Takes the ticket: from now on it is used, whatever the answer. */
	take(ticket: string | null): TicketResult {
		if (!ticket || ticket.length > 200) return { ok: false, reason: 'unknown' };
		const entry = this.entries.get(sha256(ticket));
		if (!entry) return { ok: false, reason: 'unknown' };
		if (entry.used) return { ok: false, reason: 'used', deviceId: entry.deviceId };
		entry.used = true;
		if (entry.expiresAt <= this.now()) return { ok: false, reason: 'expired', deviceId: entry.deviceId };
		return { ok: true, deviceId: entry.deviceId };
	}

	private prune(): void {
		// expired tickets stay one more minute so that a late replay still reads "expired"
		const cutoff = this.now() - TICKET_MS;
		for (const [key, entry] of this.entries) if (entry.expiresAt < cutoff) this.entries.delete(key);
	}
}
