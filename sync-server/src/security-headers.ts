/**
 * Headers on every HTTP answer. The pages' own Content-Security-Policy comes in a
 * <meta> tag from the build (svelte.config.js); a <meta> policy cannot forbid
 * framing, so that part is sent here, for the API too.
 */
import type { ServerResponse } from 'node:http';

export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
	'content-security-policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'",
	'x-frame-options': 'DENY',
	'x-content-type-options': 'nosniff',
	'referrer-policy': 'no-referrer',
	'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
	'cross-origin-opener-policy': 'same-origin'
});

export function setSecurityHeaders(res: ServerResponse): void {
	for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
}
