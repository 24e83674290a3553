/**
 * Counts this device's changes that the server has not yet confirmed as stored.
 *
 * The server's state vector is learnt from its sync step 1 and its STORED
 * acknowledgements (it persists before it applies, so what it has is on disk).
 * Only the client ids this device wrote with are counted: remote content is, by
 * construction, already on the server. In Steady a record write is one Yjs clock
 * tick (a whole JSON value), so clock differences count record writes.
 */
import { z } from 'zod';

export const SavedTracker = z.object({
	own: z.array(z.number().int().nonnegative()),
	server: z.array(z.tuple([z.number().int().nonnegative(), z.number().int().nonnegative()]))
});
export type SavedTracker = z.infer<typeof SavedTracker>;

export class StoredTracker {
	#own = new Set<number>();
	#server = new Map<number, number>();

	constructor(saved?: SavedTracker) {
		for (const id of saved?.own ?? []) this.#own.add(id);
		for (const [client, clock] of saved?.server ?? []) this.#server.set(client, clock);
	}

	/** Returns true when the id is new, so the caller knows to save. */
	noteOwnClient(clientId: number): boolean {
		if (this.#own.has(clientId)) return false;
		this.#own.add(clientId);
		return true;
	}

	/** Returns true when the server's known state moved forward. */
	noteServerState(stateVector: Map<number, number>): boolean {
		let moved = false;
		for (const [client, clock] of stateVector) {
			if (clock > (this.#server.get(client) ?? 0)) {
				this.#server.set(client, clock);
				moved = true;
			}
		}
		return moved;
	}

	/** Takes in what another tab of the app saved, so neither overwrites the other. */
	merge(saved: SavedTracker): void {
		for (const id of saved.own) this.#own.add(id);
		this.noteServerState(new Map(saved.server));
	}

	unstored(localStateVector: Map<number, number>): number {
		let count = 0;
		for (const client of this.#own) {
			count += Math.max(0, (localStateVector.get(client) ?? 0) - (this.#server.get(client) ?? 0));
		}
		return count;
	}

	/** Only the server's clocks for this device's own clients matter for the count. */
	toJSON(): SavedTracker {
		return { own: [...this.#own], server: [...this.#server].filter(([client]) => this.#own.has(client)) };
	}
}
