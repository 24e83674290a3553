import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../app/memory-storage.test-support.ts';
import { ServerClock } from './server-clock.ts';

const HOUR = 3_600_000;

describe('ServerClock', () => {
	const server = Date.parse('2026-03-09T22:00:00.000Z');

	it('a device clock 5 hours fast reads server time once a Date header is seen, and records the skew', () => {
		const device = server + 5 * HOUR;
		const clock = new ServerClock(() => memoryStorage(), () => device);
		expect(clock.read()).toEqual({ at: new Date(device), skewMs: null });
		clock.learn(new Date(server).toUTCString(), device - 200, device + 200);
		const reading = clock.read();
		// the header has 1-second resolution: within a second of the truth
		expect(Math.abs(reading.at.getTime() - server)).toBeLessThanOrEqual(1000);
		expect(Math.abs(reading.skewMs! - 5 * HOUR)).toBeLessThanOrEqual(1000);
	});

	it('a clock within a few seconds is taken as right (the header cannot tell better)', () => {
		const clock = new ServerClock(() => memoryStorage(), () => server + 1800);
		clock.learn(new Date(server).toUTCString(), server + 1700, server + 1900);
		expect(clock.read()).toEqual({ at: new Date(server + 1800), skewMs: 0 });
	});

	it('the offset is remembered on the device, for the next start offline', () => {
		const storage = memoryStorage();
		const device = server - 3 * HOUR;
		new ServerClock(() => storage, () => device).learn(new Date(server).toUTCString(), device, device);
		const later = new ServerClock(() => storage, () => device + 60_000);
		expect(Math.abs(later.read().at.getTime() - (server + 60_000))).toBeLessThanOrEqual(1000);
	});

	it('no header, a bad header or damaged storage leave the clock unverified, never broken', () => {
		const storage = memoryStorage();
		storage.setItem('steady:server-clock', '{not json');
		const clock = new ServerClock(() => storage, () => server);
		clock.learn(null, server, server);
		clock.learn('yesterday-ish', server, server);
		expect(clock.read()).toEqual({ at: new Date(server), skewMs: null });
	});
});
