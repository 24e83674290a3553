import { Workbox } from 'workbox-window';
import { dev } from '$app/environment';

/**
 * Registers SvelteKit's service worker through workbox-window, which drives its
 * update lifecycle. Only on localhost or https, where browsers allow it.
 */
export function registerServiceWorker(): Workbox | null {
	if (!('serviceWorker' in navigator)) return null;
	const workbox = new Workbox('/service-worker.js', { type: dev ? 'module' : 'classic' });
	void workbox.register().catch((error: unknown) => console.warn('steady: the offline shell is unavailable', error));
	return workbox;
}
