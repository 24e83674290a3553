/**
 * Every close code the server sends (docs/API.md, "WebSocket tickets"). The
 * shared ones live in src/lib/protocol/frames.ts; the ones added for devices,
 * tickets and limits are here until the client needs them there too.
 * 4400-4499 are final for y-websocket clients: they do not reconnect by themselves.
 */
import { CLOSE } from '../../src/lib/protocol/frames.ts';

export interface CloseCode {
	code: number;
	reason: string;
}

export const SERVER_CLOSE = {
	...CLOSE,
	deviceRevoked: { code: 4403, reason: 'device revoked' },
	ticketExpired: { code: 4408, reason: 'ticket expired' },
	ticketUsed: { code: 4408, reason: 'ticket already used' },
	tooManyConnections: { code: 4429, reason: 'too many connections for this device' },
	tooManyUpdates: { code: 4429, reason: 'too many updates' },
	documentTooLarge: { code: 4413, reason: 'document too large' }
} as const satisfies Record<string, CloseCode>;

/** A limit was reached: the connection closes with this code; nothing stored is lost. */
export class LimitError extends Error {
	constructor(readonly close: CloseCode) {
		super(close.reason);
	}
}
