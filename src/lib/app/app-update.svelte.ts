/**
 * The service worker's lifecycle, driven by workbox-window: the offline shell is
 * registered on start, and a new version waits until the person says "update".
 * It is never applied under someone's feet: the app reloads only after that word.
 */
import { Workbox } from 'workbox-window';
import { dev } from '$app/environment';

export class AppUpdate {
	/** a new version is installed and waiting */
	ready = $state(false);
	#workbox: Workbox | null = null;
	#applying = false;

	start(): void {
		if (!('serviceWorker' in navigator)) return;
		const workbox = new Workbox('/service-worker.js', { type: dev ? 'module' : 'classic' });
		workbox.addEventListener('waiting', () => (this.ready = true));
		workbox.addEventListener('controlling', () => {
			if (this.#applying) location.reload();
		});
		this.#workbox = workbox;
		void workbox.register().catch((error: unknown) => console.warn('steady: the offline shell is unavailable', error));
	}

	/** Asks the browser to look for a new version now (it also does on navigation). */
	async check(): Promise<void> {
		await this.#workbox?.update();
	}

	/** Only on the person's word; the caller makes sure nothing unsent would be lost. */
	apply(): void {
		if (!this.#workbox || !this.ready) return;
		this.#applying = true;
		this.#workbox.messageSkipWaiting();
	}
}
