/**
 * A real, unmodified y-websocket client in Node, signed in like a browser (the
 * session cookie rides on the upgrade request), for setting up data and for
 * checking what the server allows.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export const DEMO_PASSWORD = 'steady-demo';

export async function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
	const response = await fetch(`${baseUrl}/api/sign-in`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password })
	});
	if (!response.ok) throw new Error(`sign-in as ${email} failed: ${response.status}`);
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error('sign-in returned no session cookie');
	return cookie;
}

export interface DocClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** resolves with the close code and reason of the first close */
	closed: Promise<{ code: number; reason: string }>;
	synced: Promise<void>;
	destroy: () => void;
}

export function openDoc(baseUrl: string, cookie: string, name: string): DocClient {
	let onClose: (value: { code: number; reason: string }) => void = () => {};
	const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClose = resolve));
	class CookieWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols, { headers: { cookie } });
			this.once('close', (code, reason) => onClose({ code, reason: reason.toString() }));
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, name, doc, {
		WebSocketPolyfill: CookieWebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	const synced = new Promise<void>((resolve) => {
		if (provider.synced) resolve();
		else provider.once('sync', () => resolve());
	});
	return {
		doc,
		provider,
		closed,
		synced,
		destroy: () => {
			provider.destroy();
			doc.destroy();
		}
	};
}
