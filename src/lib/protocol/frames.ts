/**
 * The multiplexed wire format (DESIGN §1, docs/DECISIONS.md).
 *
 * One WebSocket per device carries every document. Each binary frame is
 *
 *   varString documentName · y-websocket message
 *
 * where the y-websocket message starts with its varUint type: the standard ones
 * (sync, awareness, auth, query-awareness) unchanged, plus Steady's own:
 *
 *   STORED  server → client  varUint8Array stateVector
 *           everything the server has now is on disk; the client counts its own
 *           changes not covered by this state vector as "not yet stored".
 *   DENIED  server → client  varString reasonCode · varString message
 *           the document is refused on this connection; nothing was sent.
 *   ACCESS  server → client  varString ('read' | 'write')
 *           sent once the document is open, before the first sync message.
 *   CLOSE   client → server  (empty) the client no longer needs the document.
 *
 * This module knows bytes only; it imports no Yjs.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

export const MESSAGE = {
	sync: 0,
	awareness: 1,
	auth: 2,
	queryAwareness: 3,
	stored: 100,
	denied: 101,
	access: 102,
	close: 103
} as const;

export interface Frame {
	document: string;
	/** the y-websocket message, type first */
	message: Uint8Array;
}

export function encodeFrame(document: string, message: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarString(encoder, document);
	encoding.writeUint8Array(encoder, message);
	return encoding.toUint8Array(encoder);
}

/** Returns null for a frame that does not parse; the caller closes with a reason. */
export function decodeFrame(data: Uint8Array): Frame | null {
	try {
		const decoder = decoding.createDecoder(data);
		const document = decoding.readVarString(decoder);
		const message = decoding.readTailAsUint8Array(decoder);
		if (message.length === 0) return null;
		return { document, message };
	} catch {
		return null;
	}
}

export function encodeStored(stateVector: Uint8Array): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE.stored);
	encoding.writeVarUint8Array(encoder, stateVector);
	return encoding.toUint8Array(encoder);
}

export function encodeDenied(reason: string, message: string): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE.denied);
	encoding.writeVarString(encoder, reason);
	encoding.writeVarString(encoder, message);
	return encoding.toUint8Array(encoder);
}

export function encodeAccess(access: 'read' | 'write'): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE.access);
	encoding.writeVarString(encoder, access);
	return encoding.toUint8Array(encoder);
}

export function encodeClose(): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE.close);
	return encoding.toUint8Array(encoder);
}

/**
 * Every close code the server sends (docs/API.md). 4400-4499 are final for stock
 * y-websocket clients; Steady's own connection retries 4408 (a stale ticket, with a
 * fresh one), 4413 and 4429 (with backoff), and stops on 4401 and 4403.
 */
export const CLOSE = {
	unauthenticated: { code: 4401, reason: 'sign-in required' },
	forbidden: { code: 4403, reason: 'not allowed' },
	deviceRevoked: { code: 4403, reason: 'device revoked' },
	badDocument: { code: 4404, reason: 'unknown document' },
	badFrame: { code: 4400, reason: 'malformed message' },
	ticketExpired: { code: 4408, reason: 'ticket expired' },
	ticketUsed: { code: 4408, reason: 'ticket already used' },
	tooLarge: { code: 4413, reason: 'message too large' },
	documentTooLarge: { code: 4413, reason: 'document too large' },
	tooManyConnections: { code: 4429, reason: 'too many connections for this device' },
	tooManyUpdates: { code: 4429, reason: 'too many updates' },
	serverShutdown: { code: 1001, reason: 'server restarting' },
	/** the client read too slowly and its send buffer passed the limit: reconnect and resync */
	slowReader: { code: 1013, reason: 'too far behind: reconnect' },
	/** a commit to the store failed: what was sent since is not stored, so reconnect and resend */
	storageFailed: { code: 1011, reason: 'the server could not store: reconnect' }
} as const;
