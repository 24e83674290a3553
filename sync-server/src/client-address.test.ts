import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { clientAddress, throttleAddress } from './client-address.ts';

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

describe('throttleAddress', () => {
	it('counts IPv4 per address, also when mapped into IPv6', () => {
		expect(throttleAddress('203.0.113.9')).toBe('203.0.113.9');
		expect(throttleAddress('::ffff:203.0.113.9')).toBe('203.0.113.9');
	});

	it('counts IPv6 per /64, however the address is written', () => {
		const prefix = '2001:db8:0:1::/64';
		expect(throttleAddress('2001:db8:0:1:aaaa:bbbb:cccc:dddd')).toBe(prefix);
		expect(throttleAddress('2001:db8::1:0:0:0:1')).toBe(prefix);
		expect(throttleAddress('2001:0db8:0000:0001::1')).toBe(prefix);
		expect(throttleAddress('2001:db8:0:2::1')).not.toBe(prefix);
		expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
		expect(throttleAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
	});

	it('an unknown address shares one bucket', () => {
		expect(throttleAddress(null)).toBe('unknown');
	});
});
