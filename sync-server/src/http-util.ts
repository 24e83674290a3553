/** Small helpers for JSON over node:http. */
import type { IncomingMessage, ServerResponse } from 'node:http';

export const MAX_BODY_BYTES = 64 * 1024;

export class HttpError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		/** more fields of the error object, e.g. retryAfterSeconds */
		readonly extra: Record<string, unknown> = {},
		readonly headers: Record<string, string> = {}
	) {
		super(message);
	}
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
	sendJsonText(res, status, JSON.stringify(body), headers);
}

/** JSON already serialized (e.g. by the export worker). */
export function sendJsonText(res: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
	res.writeHead(status, {
		'content-type': 'application/json; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff',
		...headers
	});
	res.end(text);
}

export function sendError(res: ServerResponse, error: HttpError): void {
	sendJson(res, error.status, { error: { code: error.code, message: error.message, ...error.extra } }, error.headers);
}

/** Reads a JSON body of at most MAX_BODY_BYTES; throws HttpError 413 or 400. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
	// A form from another site can only send text/plain or form types: insist on JSON.
	const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
	if (type !== 'application/json') {
		throw new HttpError(415, 'not-json', 'Send the request body as JSON (Content-Type: application/json).');
	}
	const tooLarge = new HttpError(413, 'body-too-large', `The request body is over ${MAX_BODY_BYTES / 1024} kB. Send less data.`);
	const declared = Number(req.headers['content-length'] ?? 0);
	if (declared > MAX_BODY_BYTES) throw tooLarge;
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req) {
		const buffer = chunk as Buffer;
		size += buffer.length;
		if (size > MAX_BODY_BYTES) throw tooLarge;
		chunks.push(buffer);
	}
	const text = Buffer.concat(chunks).toString('utf8');
	try {
		return JSON.parse(text) as unknown;
	} catch {
		throw new HttpError(400, 'malformed-json', 'The request body is not valid JSON. Send a JSON object.');
	}
}

/**
 * A browser request made by another site's page: its Origin names another host.
 * Requests without Origin are not a browser's cross-site ones (curl, tests, Node clients).
 */
export function isCrossSite(req: IncomingMessage): boolean {
	const origin = req.headers.origin;
	if (origin === undefined) return false;
	try {
		return new URL(origin).host !== req.headers.host;
	} catch {
		return true;
	}
}
