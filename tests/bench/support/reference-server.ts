/**
 * The reference for sync benchmarks: @y/websocket-server 0.1.1's own connection
 * handler, no persistence, no access checks. Started as its own process by
 * `servers.ts`; prints `listening on <url>` once it accepts connections.
 * YPERSISTENCE must be unset (PITFALLS): the library opens LevelDB at import otherwise.
 */
import http from 'node:http';
import { WebSocketServer } from 'ws';

if (process.env.YPERSISTENCE) throw new Error('unset YPERSISTENCE: the reference runs without persistence');
const { setupWSConnection } = await import('@y/websocket-server/utils');

const wss = new WebSocketServer({ noServer: true });
const server = http.createServer((_req, res) => res.end('reference'));
server.on('upgrade', (req, socket, head) => {
	wss.handleUpgrade(req, socket, head, (ws) => setupWSConnection(ws, req));
});
server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	if (typeof address === 'object' && address) console.log(`listening on http://127.0.0.1:${address.port}`);
});
