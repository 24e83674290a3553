import type { Awareness } from 'y-protocols/awareness';

/**
 * Who is in a session right now, from the awareness that participants' devices
 * publish while checked in (heartbeats never go into documents).
 */
export class LivePresence {
	/** keys `${participantId}|${occurrenceId}` */
	now = $state.raw<ReadonlySet<string>>(new Set());
	#sources = new Map<Awareness, { participantId: string; stop: () => void }>();

	/** `awareness` is that of the participant's own self document. */
	watch(participantId: string, awareness: Awareness): void {
		const refresh = () => this.#collect();
		awareness.on('change', refresh);
		this.#sources.set(awareness, { participantId, stop: () => awareness.off('change', refresh) });
		refresh();
	}

	has(participantId: string, occurrenceId: string): boolean {
		return this.now.has(`${participantId}|${occurrenceId}`);
	}

	destroy(): void {
		for (const { stop } of this.#sources.values()) stop();
		this.#sources.clear();
	}

	#collect(): void {
		const keys = new Set<string>();
		for (const [awareness, { participantId }] of this.#sources) {
			for (const state of awareness.getStates().values()) {
				// Only devices that may open this self document publish here, and only the
				// participant's publish presence: the document, not the state, says whose it is.
				const presence = (state as { presence?: { occurrenceId?: unknown } }).presence;
				if (typeof presence?.occurrenceId === 'string') keys.add(`${participantId}|${presence.occurrenceId}`);
			}
		}
		this.now = keys;
	}
}
