/**
 * Serves the built SvelteKit app (adapter-node's handler.js). The build is loaded
 * on the first request; without it, requests get 503 and a hint.
 */
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Log } from './log.ts';
import { errorText } from './log.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

function isHandlerModule(value: unknown): value is { handler: NodeHandler } {
	return typeof value === 'object' && value !== null && typeof (value as { handler?: unknown }).handler === 'function';
}

export function createAppHandler(appDir: string, log: Log): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
	let loading: Promise<NodeHandler> | null = null;
	const file = path.join(appDir, 'handler.js');

	const unavailable = (res: ServerResponse) => {
		res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('Run npm run build first');
	};
	const notFound = (res: ServerResponse) => {
		res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
		res.end('Not found');
	};

	return async (req, res) => {
		if (!loading) {
			if (!fs.existsSync(file)) return unavailable(res);
			loading = import(pathToFileURL(file).href).then((module: unknown) => {
				if (!isHandlerModule(module)) throw new Error(`${file} does not export handler(req, res, next)`);
				return module.handler;
			});
		}
		let handler: NodeHandler;
		try {
			handler = await loading;
		} catch (error) {
			loading = null;
			log.error(`app: cannot load ${file} (${errorText(error)})`);
			return unavailable(res);
		}
		handler(req, res, () => notFound(res));
	};
}
