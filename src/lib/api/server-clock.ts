/**
 * The server's clock as this device knows it. Every API answer carries an HTTP
 * Date header; the difference to the device's clock (taken halfway through the
 * call) is the device's skew. Times the device writes (check-in, leave) use the
 * corrected clock, and carry the skew, or null when no server time was ever
 * learned on this device, so a clinician can see a status resting on an
 * unverified device clock (attendance.ts `unverifiedClock`).
 *
 * The offset is remembered on the device, so it still applies offline.
 */
import { z } from 'zod';

/** The Date header has 1-second resolution: smaller offsets are noise, not skew. */
const NOISE_MS = 5_000;
const KEY = 'steady:server-clock';
const Stored = z.object({ offsetMs: z.number() });

export interface ClockReading {
	at: Date;
	/** the device's clock minus the server's, in ms; null when never measured */
	skewMs: number | null;
}

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;

export class ServerClock {
	/** server minus device, in ms */
	#offsetMs: number | null | undefined;

	constructor(
		private readonly storage: () => Storage | undefined = () => globalThis.localStorage,
		private readonly deviceNow: () => number = () => Date.now()
	) {}

	/** Learns from a response's Date header; `sentAt` and `receivedAt` are device times around the call. */
	learn(dateHeader: string | null, sentAt: number, receivedAt: number): void {
		const serverMs = dateHeader ? Date.parse(dateHeader) : NaN;
		if (Number.isNaN(serverMs)) return;
		const offset = serverMs - (sentAt + receivedAt) / 2;
		// whole seconds: the header cannot tell better
		this.#offsetMs = Math.abs(offset) < NOISE_MS ? 0 : Math.round(offset / 1000) * 1000;
		try {
			this.storage()?.setItem(KEY, JSON.stringify({ offsetMs: this.#offsetMs }));
		} catch {
			// storage full or blocked: the offset still holds for this run
		}
	}

	read(): ClockReading {
		const offset = this.#offset();
		const device = this.deviceNow();
		return offset === null ? { at: new Date(device), skewMs: null } : { at: new Date(device + offset), skewMs: offset === 0 ? 0 : -offset };
	}

	#offset(): number | null {
		if (this.#offsetMs === undefined) {
			try {
				const parsed = Stored.safeParse(JSON.parse(this.storage()?.getItem(KEY) ?? 'null'));
				this.#offsetMs = parsed.success ? parsed.data.offsetMs : null;
			} catch {
				this.#offsetMs = null;
			}
		}
		return this.#offsetMs;
	}
}

export const serverClock = new ServerClock();

/** fetch that also learns the server's clock from the answer. */
export async function clockedFetch(input: string, init?: RequestInit, clock = serverClock): Promise<Response> {
	const sentAt = Date.now();
	const response = await fetch(input, init);
	clock.learn(response.headers.get('date'), sentAt, Date.now());
	return response;
}
