/**
 * Where a request comes from, for the audit trail and the per-address throttles.
 * Behind a reverse proxy every connection comes from the proxy, so with
 * STEADY_TRUST_PROXY=1 the address the proxy appended to X-Forwarded-For is used;
 * without it the header is ignored, since any client can send it.
 */
import type { IncomingMessage } from 'node:http';
import { isIPv4, isIPv6 } from 'node:net';

export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | null {
	if (trustProxy) {
		const forwarded = req.headers['x-forwarded-for'];
		const last = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',').at(-1)?.trim();
		if (last) return last;
	}
	return req.socket.remoteAddress ?? null;
}

/**
 * The part of an address that throttles count by. One IPv6 host usually owns a
 * whole /64, so counting full addresses would give an attacker 2^64 fresh tries;
 * IPv4 (also when mapped into IPv6) counts per address.
 */
export function throttleAddress(address: string | null): string {
	if (!address) return 'unknown';
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
	if (mapped?.[1]) return mapped[1];
	if (isIPv4(address) || !isIPv6(address)) return address;
	const [head = '', tail = ''] = address.split('%')[0]!.split('::');
	const left = head ? head.split(':') : [];
	const right = address.includes('::') && tail ? tail.split(':') : [];
	const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
	return `${groups
		.slice(0, 4)
		.map((group) => parseInt(group, 16).toString(16))
		.join(':')}::/64`;
}
