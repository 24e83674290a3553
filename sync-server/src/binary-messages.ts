/**
 * The one way both sync endpoints read a socket: binary messages only, within the
 * size limit, each handled in isolation so a bad one closes the connection with a
 * reason and never takes the server down. A message over a limit (LimitError)
 * closes with that limit's code; it was not stored, and everything before it was.
 */
import type { WebSocket } from 'ws';
import { CLOSE } from '../../src/lib/protocol/frames.ts';
import { LimitError } from './close-codes.ts';
import type { ServerContext } from './context.ts';
import { errorText } from './log.ts';
import { ProtocolError } from './room.ts';
import { toBytes } from './sockets.ts';

export function onBinaryMessage(ws: WebSocket, ctx: ServerContext, handle: (bytes: Uint8Array) => void): void {
	ws.on('message', (data, isBinary) => {
		if (ws.readyState !== ws.OPEN) return;
		const bytes = toBytes(data);
		if (bytes.byteLength > ctx.config.maxMessageBytes) {
			ws.close(CLOSE.tooLarge.code, CLOSE.tooLarge.reason);
			return;
		}
		try {
			if (!isBinary) throw new ProtocolError('text frame');
			handle(bytes);
		} catch (error) {
			if (error instanceof LimitError) {
				ws.close(error.close.code, error.close.reason);
				return;
			}
			if (!(error instanceof ProtocolError)) ctx.log.error(`sync: unexpected error on a message (${errorText(error)})`);
			ws.close(CLOSE.badFrame.code, CLOSE.badFrame.reason);
		}
	});
}
