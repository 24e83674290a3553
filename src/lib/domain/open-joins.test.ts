import { describe, expect, it } from 'vitest';
import { openJoinsOf } from './open-joins.ts';
import type { PresenceEvent } from './records.ts';

const event = (id: string, type: 'join' | 'leave', at: string, deviceId = 'phone', occurrenceId = 'evening@2026-11-26'): PresenceEvent => ({
	id,
	type,
	at: `2026-11-26T${at}:00.000Z`,
	deviceId,
	occurrenceId
});

describe('openJoinsOf', () => {
	it('a join with no later leave from the same device is open', () => {
		expect([...openJoinsOf([event('a', 'join', '23:00')], 'phone')]).toEqual(['evening@2026-11-26']);
	});

	it('a leave from another device does not close this device’s join', () => {
		expect(openJoinsOf([event('a', 'join', '23:00'), event('b', 'leave', '23:30', 'laptop')], 'phone').size).toBe(1);
		expect(openJoinsOf([event('a', 'join', '23:00'), event('b', 'leave', '23:30', 'laptop')], 'laptop').size).toBe(0);
	});

	it('a rejoin after a leave is open again, whatever order the events arrive in', () => {
		const events = [event('c', 'join', '23:40'), event('b', 'leave', '23:30'), event('a', 'join', '23:00')];
		expect(openJoinsOf(events, 'phone').size).toBe(1);
		expect(openJoinsOf([...events, event('d', 'leave', '23:50')], 'phone').size).toBe(0);
	});
});
