import { serverClock } from '../api/server-clock.ts';

/**
 * The current instant, refreshed on a timer, so live statuses and minutes move on
 * their own. Server time where the device knows it, so a wrong device clock does
 * not turn a live session into an upcoming one.
 */
export class Now {
	value = $state(Now.#read());
	#timer: ReturnType<typeof setInterval>;

	constructor(everyMs = 15_000) {
		this.#timer = setInterval(() => (this.value = Now.#read()), everyMs);
	}

	static #read(): string {
		return serverClock.read().at.toISOString();
	}

	tick(): void {
		this.value = Now.#read();
	}

	stop(): void {
		clearInterval(this.#timer);
	}
}

/** A Now that stops with the calling component (call it while the component initialises). */
export function liveNow(everyMs?: number): Now {
	const now = new Now(everyMs);
	$effect(() => () => now.stop());
	return now;
}
