/** The current instant, refreshed on a timer, so live statuses and minutes move on their own. */
export class Now {
	value = $state(new Date().toISOString());
	#timer: ReturnType<typeof setInterval>;

	constructor(everyMs = 15_000) {
		this.#timer = setInterval(() => (this.value = new Date().toISOString()), everyMs);
	}

	tick(): void {
		this.value = new Date().toISOString();
	}

	stop(): void {
		clearInterval(this.#timer);
	}
}
