import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default {
	kit: {
		adapter: adapter({ out: 'build' }),
		// The service worker is registered by workbox-window (src/lib/app/service-worker.ts),
		// which also drives the update lifecycle.
		serviceWorker: { register: false }
	}
};
