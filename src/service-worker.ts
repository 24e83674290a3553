/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
/**
 * The offline shell: every built asset and prerendered page is cached at install,
 * so the app opens with no network; its data comes from IndexedDB. The API and
 * the sync socket are never answered from the cache.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `steady-${version}`;
const SHELL = [...build, ...files, ...prerendered];

sw.addEventListener('install', (event) => {
	event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
			await sw.clients.claim();
		})()
	);
});

// workbox-window asks a waiting worker to take over once the user agrees.
sw.addEventListener('message', (event) => {
	if (event.data?.type === 'SKIP_WAITING') void sw.skipWaiting();
});

sw.addEventListener('fetch', (event) => {
	const request = event.request;
	const url = new URL(request.url);
	if (request.method !== 'GET' || url.origin !== sw.location.origin) return;
	if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync')) return;

	if (request.mode === 'navigate') {
		event.respondWith(networkThenShell(request, url));
		return;
	}
	if (SHELL.includes(url.pathname)) {
		event.respondWith(cachedFirst(request));
	}
});

/** A weak signal must not keep someone staring at a blank page. */
const NETWORK_WAIT_MS = 4000;

/** Pages: the network when it answers well and soon, else the cached page, else the app shell. */
async function networkThenShell(request: Request, url: URL): Promise<Response> {
	try {
		const response = await Promise.race([
			fetch(request),
			new Promise<never>((_, reject) => setTimeout(() => reject(new Error('slow network')), NETWORK_WAIT_MS))
		]);
		if (response.ok || response.status < 500) return response;
	} catch {
		// offline or too slow: fall through to the cache
	}
	const cache = await caches.open(CACHE);
	const page = (await cache.match(url.pathname)) ?? (await cache.match('/'));
	return page ?? new Response('Steady is offline and this page is not on the device yet.', { status: 503 });
}

async function cachedFirst(request: Request): Promise<Response> {
	const cached = await caches.match(request);
	return cached ?? fetch(request);
}
