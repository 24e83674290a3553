/**
 * A real, unmodified y-websocket client in Node, signed in like a browser: the
 * device credential is a cookie, and each socket carries a fresh single-use ticket.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';

export const DEMO_PASSWORD = 'steady-demo';

function deviceCookie(response: Response): string {
	const cookie = response.headers.get('set-cookie')?.split(';')[0];
	if (!cookie) throw new Error('the server set no device cookie');
	return cookie;
}

/** Staff sign in with a password. */
export async function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
	const response = await fetch(`${baseUrl}/api/sign-in`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password, deviceName: 'test client' })
	});
	if (!response.ok) throw new Error(`sign-in as ${email} failed: ${response.status}`);
	return deviceCookie(response);
}

/** A clinician's invite for a participant, as the care team would hand it over. */
export async function inviteCode(baseUrl: string, participantId: string): Promise<string> {
	const clinician = await signIn(baseUrl, 'clinician@demo.steady');
	const response = await fetch(`${baseUrl}/api/invites`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: clinician },
		body: JSON.stringify({ participantId })
	});
	if (!response.ok) throw new Error(`inviting ${participantId} failed: ${response.status}`);
	const { code } = (await response.json()) as { code: string };
	return code;
}

/** Participants have no password: a device joins by redeeming an invite. */
export async function joinAsParticipant(baseUrl: string, participantId: string): Promise<string> {
	const response = await fetch(`${baseUrl}/api/redeem`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ code: await inviteCode(baseUrl, participantId), deviceName: 'test client' })
	});
	if (!response.ok) throw new Error(`redeeming an invite for ${participantId} failed: ${response.status}`);
	return deviceCookie(response);
}

export async function ticket(baseUrl: string, cookie: string): Promise<string> {
	const response = await fetch(`${baseUrl}/api/tickets`, { method: 'POST', headers: { cookie } });
	if (!response.ok) throw new Error(`no ticket: ${response.status}`);
	return ((await response.json()) as { ticket: string }).ticket;
}

export interface DocClient {
	doc: Y.Doc;
	provider: WebsocketProvider;
	/** resolves with the close code and reason of the first close */
	closed: Promise<{ code: number; reason: string }>;
	synced: Promise<void>;
	destroy: () => void;
}

export async function openDoc(baseUrl: string, cookie: string, name: string): Promise<DocClient> {
	let onClose: (value: { code: number; reason: string }) => void = () => {};
	const closed = new Promise<{ code: number; reason: string }>((resolve) => (onClose = resolve));
	class ObservedWebSocket extends WebSocket {
		constructor(url: string | URL, protocols?: string | string[]) {
			super(url, protocols);
			this.once('close', (code, reason) => onClose({ code, reason: reason.toString() }));
		}
	}
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/sync`, name, doc, {
		WebSocketPolyfill: ObservedWebSocket as unknown as typeof globalThis.WebSocket,
		params: { ticket: await ticket(baseUrl, cookie) },
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
