/**
 * Where a request comes from, for the audit trail and the per-address throttles.
 * Behind a reverse proxy every connection comes from the proxy, so with
 * STEADY_TRUST_PROXY=1 the address the proxy appended to X-Forwarded-For is used;
 * without it the header is ignored, since any client can send it.
 */
import type { IncomingMessage } from 'node:http';

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | null {
	if (trustProxy) {
		const forwarded = req.headers['x-forwarded-for'];
		const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').at(-1)?.trim();
		if (last) return last;
	}
	return req.socket.remoteAddress ?? null;
}
