/**
 * Keeps a participant's check-in honest while the app is open (DESIGN §4).
 *
 * Heartbeats are not stored in the document: the device keeps its last-alive time
 * locally and shows live presence through awareness. When the app starts again
 * after being closed without a leave, it writes the leave at the last-alive time
 * plus the grace period, marked as inferred; a reload within the grace period
 * simply carries on.
 */
import { z } from 'zod';
import type { Awareness } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import { checkIn, checkOut, recordInferredLeave } from '../doc/commands.ts';
import { readCollection } from '../doc/codec.ts';
import type { OccurrenceId } from '../domain/ids.ts';
import { openJoinsOf } from '../domain/open-joins.ts';
import { serverClock, type ClockReading } from '../api/server-clock.ts';

const Alive = z.object({ occurrenceId: z.string(), at: z.iso.datetime() });
type Alive = z.infer<typeof Alive>;

export interface PresenceKeeperOptions {
	self: Y.Doc;
	awareness: Awareness;
	participantId: string;
	deviceId: string;
	everyMs?: number;
	/** the time, in server time where the device knows it (server-clock.ts) */
	clock?: () => ClockReading;
	/** where the last-alive time is kept: the device's own storage, never a document */
	storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
}

export class PresenceKeeper {
	#options: Required<PresenceKeeperOptions>;
	#timer: ReturnType<typeof setInterval> | null = null;
	#key: string;

	constructor(options: PresenceKeeperOptions) {
		this.#options = { everyMs: 30_000, clock: () => serverClock.read(), storage: globalThis.localStorage, ...options };
		this.#key = `steady:alive:${options.participantId}`;
	}

	join(occurrenceId: OccurrenceId): void {
		checkIn(this.#options.self, { occurrenceId, ...this.#stamp() });
		this.#beatEvery(occurrenceId);
	}

	leave(occurrenceId: OccurrenceId): void {
		checkOut(this.#options.self, { occurrenceId, ...this.#stamp() });
		this.#stop();
	}

	/**
	 * Called once the local copy of the self document has loaded.
	 * `stillRunning` says whether the session is still on now.
	 */
	recover(stillRunning: (occurrenceId: string) => boolean, graceMinutes: number): void {
		const alive = this.#readAlive();
		if (!alive) return;
		if (!this.#hasOpenJoin(alive.occurrenceId)) return this.#stop();
		const { at: clockNow, skewMs } = this.#options.clock();
		const now = clockNow.getTime();
		const graceMs = graceMinutes * 60_000;
		const silentFor = now - Date.parse(alive.at);
		if (silentFor <= graceMs && stillRunning(alive.occurrenceId)) return this.#beatEvery(alive.occurrenceId as OccurrenceId);
		const at = new Date(Math.min(Date.parse(alive.at) + graceMs, now)).toISOString();
		recordInferredLeave(this.#options.self, { occurrenceId: alive.occurrenceId as OccurrenceId, at, deviceId: this.#options.deviceId, clockSkewMs: skewMs });
		this.#stop();
	}

	destroy(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	#beatEvery(occurrenceId: OccurrenceId): void {
		if (this.#timer) clearInterval(this.#timer);
		const beat = () => {
			const at = this.#options.clock().at.toISOString();
			this.#options.storage.setItem(this.#key, JSON.stringify({ occurrenceId, at } satisfies Alive));
			this.#options.awareness.setLocalState({ presence: { participantId: this.#options.participantId, occurrenceId, at } });
		};
		beat();
		this.#timer = setInterval(beat, this.#options.everyMs);
	}

	#stop(): void {
		this.destroy();
		this.#options.storage.removeItem(this.#key);
		this.#options.awareness.setLocalState(null);
	}

	#hasOpenJoin(occurrenceId: string): boolean {
		const events = readCollection(this.#options.self, 'self', 'presence').records;
		return openJoinsOf(events, this.#options.deviceId).has(occurrenceId);
	}

	#readAlive(): Alive | null {
		try {
			const parsed = Alive.safeParse(JSON.parse(this.#options.storage.getItem(this.#key) ?? 'null'));
			return parsed.success ? parsed.data : null;
		} catch {
			return null;
		}
	}

	/** the time and device of a presence event, with the clock's measured skew */
	#stamp() {
		const { at, skewMs } = this.#options.clock();
		return { at: at.toISOString(), deviceId: this.#options.deviceId, clockSkewMs: skewMs };
	}
}
