import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
export default {
	kit: {
		adapter: adapter({ out: 'build' }),
		// The service worker is registered by workbox-window (src/lib/app/service-worker.ts),
		// which also drives the update lifecycle.
		serviceWorker: { register: false },
		// Prerendered pages carry this policy in a <meta> tag, with hashes of Kit's inline
		// boot script; the server adds what a <meta> cannot (frame-ancestors). Styles stay
		// 'unsafe-inline' because Svelte's transitions insert <style> elements at run time.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};
