/**
 * Open WebSockets by device, so that signing out, revoking a device or
 * deactivating a user closes them at once; plus the keep-alive ping.
 */
import type { WebSocket } from 'ws';
import { CLOSE } from '../../src/lib/protocol/frames.ts';
import type { CloseCode } from './close-codes.ts';

export class Sockets {
	private readonly byDevice = new Map<string, Set<WebSocket>>();

	add(deviceId: string, ws: WebSocket): void {
		let set = this.byDevice.get(deviceId);
		if (!set) this.byDevice.set(deviceId, (set = new Set()));
		set.add(ws);
		ws.once('close', () => {
			set.delete(ws);
			if (set.size === 0 && this.byDevice.get(deviceId) === set) this.byDevice.delete(deviceId);
		});
	}

	/** open (or closing) sockets of the device */
	count(deviceId: string): number {
		return this.byDevice.get(deviceId)?.size ?? 0;
	}

	/** Sends the close frame now and cuts the socket if the peer has not answered within 500 ms. */
	closeDevice(deviceId: string, close: CloseCode): void {
		for (const ws of this.byDevice.get(deviceId) ?? []) {
			ws.close(close.code, close.reason);
			const cut = setTimeout(() => ws.terminate(), 500);
			cut.unref();
			ws.once('close', () => clearTimeout(cut));
		}
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

/**
 * A sender that sends if the socket is open (a closing socket just drops the
 * message) and bounds what waits for a reader that does not read. Over
 * `maxBuffered` bytes queued, the reader gets `stallMs` to show it is reading (some
 * of the queue leaves); a first sync of a large caseload is a burst
 * a slow phone drains for a while, and must not be cut off again on every
 * reconnect. A queue four times the limit closes at once, so memory per connection
 * stays bounded. Closing is 1013, and the cut comes 500 ms later. Nothing is lost:
 * the client resyncs everything when it reconnects.
 */
export function boundedSender(
	ws: WebSocket,
	maxBuffered: number,
	onSlow: () => void = () => {},
	stallMs = 10_000
): (data: Uint8Array) => void {
	let stallCheck: ReturnType<typeof setTimeout> | null = null;
	/** bytes handed to the socket since the stall check started */
	let sentSince = 0;
	const closeSlow = () => {
		if (ws.readyState !== ws.OPEN) return;
		onSlow();
		ws.close(CLOSE.slowReader.code, CLOSE.slowReader.reason);
		const cut = setTimeout(() => ws.terminate(), 500);
		cut.unref();
		ws.once('close', () => clearTimeout(cut));
	};
	ws.once('close', () => {
		if (stallCheck) clearTimeout(stallCheck);
	});
	return (data) => {
		if (ws.readyState !== ws.OPEN) return;
		const queued = ws.bufferedAmount;
		if (queued > 4 * maxBuffered) return closeSlow();
		if (queued > maxBuffered && !stallCheck) {
			sentSince = 0;
			stallCheck = setTimeout(() => {
				stallCheck = null;
				// nothing of what was queued, or sent since, has left: the reader is not reading
				if (ws.bufferedAmount >= queued + sentSince) closeSlow();
			}, stallMs);
			stallCheck.unref();
		}
		sentSince += data.byteLength;
		ws.send(data);
	};
}

/** ws hands us Buffer, ArrayBuffer or Buffer[]; normalise to one Uint8Array. */
export function toBytes(data: Buffer | ArrayBuffer | Buffer[]): Uint8Array {
	if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
	if (data instanceof ArrayBuffer) return new Uint8Array(data);
	return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
