import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { clientAddress } from './client-address.ts';

const request = (forwarded?: string) =>
	({ headers: forwarded === undefined ? {} : { 'x-forwarded-for': forwarded }, socket: { remoteAddress: '127.0.0.1' } }) as unknown as IncomingMessage;

describe('clientAddress', () => {
	it('ignores X-Forwarded-For unless the proxy is trusted: any client can send it', () => {
		expect(clientAddress(request('203.0.113.9'), false)).toBe('127.0.0.1');
	});

	it('behind a trusted proxy, takes the address the proxy appended, not what the client claimed', () => {
		expect(clientAddress(request('10.0.0.1, 203.0.113.9'), true)).toBe('203.0.113.9');
		expect(clientAddress(request(), true)).toBe('127.0.0.1');
	});
});
