import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCollection } from './codec.ts';
import { checkIn, checkOut } from './commands.ts';

const occurrenceId = 'evening@2026-03-09';
const events = (self: Y.Doc) => readCollection(self, 'self', 'presence').records.map((e) => [e.type, e.deviceId, e.at]);

describe('presence commands', () => {
	it('keep one device’s events in the order it made them when its clock moves back', () => {
		const self = new Y.Doc();
		checkIn(self, { occurrenceId, deviceId: 'phone', at: '2026-03-09T23:10:00.000Z' });
		checkOut(self, { occurrenceId, deviceId: 'phone', at: '2026-03-09T23:13:00.000Z' });
		// the server's clock, learned afresh, puts this device three minutes back
		checkIn(self, { occurrenceId, deviceId: 'phone', at: '2026-03-09T23:10:30.000Z' });
		expect(events(self)).toEqual([
			['join', 'phone', '2026-03-09T23:10:00.000Z'],
			['leave', 'phone', '2026-03-09T23:13:00.000Z'],
			['join', 'phone', '2026-03-09T23:13:00.001Z']
		]);
	});

	it('leave other devices’ and other sessions’ times as they are', () => {
		const self = new Y.Doc();
		checkIn(self, { occurrenceId, deviceId: 'laptop', at: '2026-03-09T23:30:00.000Z' });
		checkIn(self, { occurrenceId: 'evening@2026-03-10', deviceId: 'phone', at: '2026-03-10T23:00:00.000Z' });
		checkIn(self, { occurrenceId, deviceId: 'phone', at: '2026-03-09T23:05:00.000Z' });
		expect(events(self).at(-1)).toEqual(['join', 'phone', '2026-03-09T23:05:00.000Z']);
	});
});
