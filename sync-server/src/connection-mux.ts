/**
 * The multiplexed endpoint `/sync`: one WebSocket carries many documents, each
 * frame being `varString documentName · y-websocket message` (src/lib/protocol/frames.ts).
 *
 * The first frame for a document opens it: name and access are checked before
 * anything of the document is sent; then ACCESS, the server's sync step 1 and the
 * awareness states go out, then the frame itself is handled. Once a client's
 * update is on disk (storage.ts whenDurable), the client gets STORED with the
 * room's state vector as it was when the update was applied.
 */
import type { WebSocket } from 'ws';
import * as decoding from 'lib0/decoding';
import {
	MESSAGE,
	decodeFrame,
	encodeAccess,
	encodeDenied,
	encodeFrame,
	encodeStored
} from '../../src/lib/protocol/frames.ts';
import { DENIAL, type DenialReason } from './access.ts';
import type { Session } from './auth.ts';
import { onBinaryMessage } from './binary-messages.ts';
import type { ServerContext } from './context.ts';
import { openDocument } from './gate.ts';
import { updateGuard } from './limits.ts';
import { ProtocolError, type Room, type RoomClient } from './room.ts';
import { boundedSender } from './sockets.ts';

interface OpenDocument {
	room: Room;
	client: RoomClient;
	canWrite: boolean;
}

const CLIENT_TYPES: ReadonlySet<number> = new Set([MESSAGE.sync, MESSAGE.awareness, MESSAGE.queryAwareness, MESSAGE.close]);

export function handleMuxConnection(ws: WebSocket, session: Session, ctx: ServerContext, remote: string | null): void {
	const open = new Map<string, OpenDocument>();
	/** documents refused on this connection: further frames are ignored until CLOSE */
	const denied = new Set<string>();

	const send = boundedSender(ws, ctx.config.maxSendBufferBytes, () => ctx.log.warn(`closing a slow reader (device ${session.device.id}): over ${ctx.config.maxSendBufferBytes} bytes waiting`));
	const sendFrame = (name: string, message: Uint8Array) => send(encodeFrame(name, message));
	const admit = updateGuard(
		{ updatesPerSecond: ctx.config.maxUpdatesPerSecond, updateBurst: ctx.config.updateBurst, maxDocumentBytes: ctx.config.maxDocumentBytes },
		ctx.now
	);

	const deny = (name: string, reason: DenialReason) => {
		denied.add(name);
		sendFrame(name, encodeDenied(reason, DENIAL[reason]));
	};

	const release = (name: string) => {
		const doc = open.get(name);
		if (!doc) return;
		open.delete(name);
		ctx.rooms.leave(doc.room, doc.client);
	};

	const openDoc = (name: string): OpenDocument | null => {
		if (open.size >= ctx.config.maxDocumentsPerConnection) {
			deny(name, 'too-many-documents');
			return null;
		}
		const gate = openDocument(ctx, session, name, remote);
		if (!gate.ok) {
			deny(name, gate.reason);
			return null;
		}
		const client: RoomClient = { send: (message) => sendFrame(name, message), admit };
		const room = ctx.rooms.join(name, client);
		const doc = { room, client, canWrite: gate.access === 'write' };
		open.set(name, doc);
		sendFrame(name, encodeAccess(gate.access));
		room.greet(client);
		return doc;
	};

	const handle = (bytes: Uint8Array) => {
		const frame = decodeFrame(bytes);
		if (!frame) throw new ProtocolError('undecodable frame');
		const type = decoding.readVarUint(decoding.createDecoder(frame.message));
		if (!CLIENT_TYPES.has(type)) throw new ProtocolError(`unknown message type ${type}`);
		if (type === MESSAGE.close) {
			release(frame.document);
			denied.delete(frame.document);
			return;
		}
		if (denied.has(frame.document)) return;
		const doc = open.get(frame.document) ?? openDoc(frame.document);
		if (!doc) return;
		if (doc.room.receive(doc.client, frame.message, doc.canWrite) === 'stored') {
			// what this state vector covers was appended before now: on disk once the sync returns
			const stateVector = doc.room.stateVector();
			ctx.store.whenDurable(() => sendFrame(frame.document, encodeStored(stateVector)));
		}
	};

	onBinaryMessage(ws, ctx, (bytes) => handle(bytes));

	ws.once('close', () => {
		for (const name of Array.from(open.keys())) release(name);
	});
}
