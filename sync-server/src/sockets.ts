/**
 * Open WebSockets by session, so that signing out (and later, revoking a device)
 * closes them at once; plus the keep-alive ping.
 */
import type { WebSocket } from 'ws';
import { CLOSE } from '../../src/lib/protocol/frames.ts';

export class Sockets {
	private readonly bySession = new Map<string, Set<WebSocket>>();

	add(sessionId: string, ws: WebSocket): void {
		let set = this.bySession.get(sessionId);
		if (!set) this.bySession.set(sessionId, (set = new Set()));
		set.add(ws);
		ws.once('close', () => {
			set.delete(ws);
			if (set.size === 0 && this.bySession.get(sessionId) === set) this.bySession.delete(sessionId);
		});
	}

	closeSession(sessionId: string): void {
		for (const ws of this.bySession.get(sessionId) ?? []) ws.close(CLOSE.unauthenticated.code, CLOSE.unauthenticated.reason);
	}
}

/** Pings every `intervalMs`; a socket that missed the previous pong is terminated. */
export function keepAlive(ws: WebSocket, intervalMs = 30_000): void {
	let alive = true;
	ws.on('pong', () => (alive = true));
	const timer = setInterval(() => {
		if (!alive) {
			ws.terminate();
			return;
		}
		alive = false;
		ws.ping();
	}, intervalMs);
	timer.unref();
	ws.once('close', () => clearInterval(timer));
}

/** Sends if the socket is open; a closing socket just drops the message. */
export function sendIfOpen(ws: WebSocket, data: Uint8Array): void {
	if (ws.readyState === ws.OPEN) ws.send(data);
}

/** ws hands us Buffer, ArrayBuffer or Buffer[]; normalise to one Uint8Array. */
export function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
