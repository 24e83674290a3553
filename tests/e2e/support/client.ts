/**
 * A real, unmodified y-websocket client in Node, signed in like a browser: the
 * device credential is a cookie, and each socket carries a fresh single-use ticket.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { DEMO_STAFF_PASSWORD, demoInviteCode, redeemCode, staffCookie, ticket } from '../../../sync-server/test/demo-invite.ts';

export const DEMO_PASSWORD = DEMO_STAFF_PASSWORD;

/** Staff sign in with a password; returns the device cookie pair. */
export function signIn(baseUrl: string, email: string, password = DEMO_PASSWORD): Promise<string> {
	return staffCookie(baseUrl, email, password, 'test client');
}

/** Participants have no password: a device joins by redeeming a clinician's invite. */
export async function joinAsParticipant(baseUrl: string, participantId: string): Promise<string> {
	return redeemCode(baseUrl, await demoInviteCode(baseUrl, participantId), 'test client');
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
