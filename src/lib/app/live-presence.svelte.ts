import type { Awareness } from 'y-protocols/awareness';

/**
 * Who is in a session right now, from the awareness that participants' devices
 * publish while checked in (heartbeats never go into documents).
 */
export class LivePresence {
	/** keys `${participantId}|${occurrenceId}` */
	now = $state.raw<ReadonlySet<string>>(new Set());
	#sources = new Map<Awareness, () => void>();

	watch(awareness: Awareness): void {
		const refresh = () => this.#collect();
		awareness.on('change', refresh);
		this.#sources.set(awareness, () => awareness.off('change', refresh));
		refresh();
	}

	has(participantId: string, occurrenceId: string): boolean {
		return this.now.has(`${participantId}|${occurrenceId}`);
	}

	destroy(): void {
		for (const stop of this.#sources.values()) stop();
		this.#sources.clear();
	}

	#collect(): void {
		const keys = new Set<string>();
		for (const awareness of this.#sources.keys()) {
			for (const state of awareness.getStates().values()) {
				const presence = (state as { presence?: { participantId?: unknown; occurrenceId?: unknown } }).presence;
				if (typeof presence?.participantId === 'string' && typeof presence.occurrenceId === 'string') {
					keys.add(`${presence.participantId}|${presence.occurrenceId}`);
				}
			}
		}
		this.now = keys;
	}
}
