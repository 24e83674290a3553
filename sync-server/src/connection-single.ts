/**
 * The standard one-document y-websocket endpoint `/sync/<documentName>`, for an
 * unmodified WebsocketProvider(serverUrl + '/sync', documentName, doc). Same rooms,
 * access checks and storage as the multiplexed endpoint, but no Steady messages:
 * refusals are close codes (4404 unknown document, 4403 not allowed), final for
 * y-websocket clients.
 */
import type { WebSocket } from 'ws';
import { CLOSE } from '../../src/lib/protocol/frames.ts';
import type { Session } from './auth.ts';
import { onBinaryMessage } from './binary-messages.ts';
import type { ServerContext } from './context.ts';
import { openDocument } from './gate.ts';
import { updateGuard } from './limits.ts';
import type { RoomClient } from './room.ts';
import { boundedSender } from './sockets.ts';

export function handleSingleConnection(
	ws: WebSocket,
	session: Session,
	name: string,
	ctx: ServerContext,
	remote: string | null
): void {
	const gate = openDocument(ctx, session, name, remote);
	if (!gate.ok) {
		const close = gate.reason === 'unknown-document' ? CLOSE.badDocument : CLOSE.forbidden;
		ws.close(close.code, close.reason);
		return;
	}
	const canWrite = gate.access === 'write';
	const admit = updateGuard(
		{ updatesPerSecond: ctx.config.maxUpdatesPerSecond, updateBurst: ctx.config.updateBurst, maxDocumentBytes: ctx.config.maxDocumentBytes },
		ctx.now
	);
	const send = boundedSender(ws, ctx.config.maxSendBufferBytes, () => ctx.log.warn(`closing a slow reader (device ${session.device.id}): over ${ctx.config.maxSendBufferBytes} bytes waiting`));
	const client: RoomClient = { send, admit };
	const room = ctx.rooms.join(name, client);
	ws.once('close', () => ctx.rooms.leave(room, client));

	onBinaryMessage(ws, ctx, (bytes) => room.receive(client, bytes, canWrite));

	room.greet(client);
}
