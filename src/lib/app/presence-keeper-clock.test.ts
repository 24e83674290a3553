/**
 * A participant's device whose clock is hours off still gets the right attendance:
 * it writes presence in server time once it knows the offset, and when it never
 * learned it, the clinician is told the status rests on an unverified clock.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCollection } from '../doc/codec.ts';
import { resolveAttendance } from '../domain/attendance.ts';
import { DEFAULT_POLICY } from '../domain/policy.ts';
import { ServerClock } from '../api/server-clock.ts';
import { memoryStorage } from './memory-storage.test-support.ts';
import { alexPhone } from './presence-keeper.test-support.ts';

const HOUR = 3_600_000;
const SESSION = { id: 'evening@2026-03-09', start: '2026-03-09T22:00:00.000Z', end: '2026-03-10T01:00:00.000Z' };

/** A session attended from 18:02 to 21:00 New York time on a device whose clock is `skew` off. */
function attendWithSkew(skewMs: number, learned: boolean) {
	let serverNow = Date.parse('2026-03-09T22:02:00.000Z');
	const clock = new ServerClock(memoryStorage, () => serverNow + skewMs);
	if (learned) clock.learn(new Date(serverNow - 3 * HOUR).toUTCString(), serverNow - 3 * HOUR + skewMs, serverNow - 3 * HOUR + skewMs);
	const self = new Y.Doc();
	const keeper = alexPhone(self, { clock: () => clock.read() });
	keeper.join(SESSION.id);
	serverNow = Date.parse('2026-03-10T01:00:00.000Z');
	keeper.leave(SESSION.id);
	keeper.destroy();
	const events = readCollection(self, 'self', 'presence').records;
	const result = resolveAttendance({ occurrence: SESSION, events, verifications: [], notices: [], policy: DEFAULT_POLICY, now: '2026-03-10T02:00:00.000Z' });
	return { events, result };
}

describe('clock skew', () => {
	it('a device 5 hours fast that learned the server clock records true times and the skew: present, verified clock', () => {
		const { events, result } = attendWithSkew(5 * HOUR, true);
		expect(events.map((e) => e.at.slice(11, 16))).toEqual(['22:02', '01:00']);
		expect(events.every((e) => Math.abs(e.clockSkewMs! - 5 * HOUR) <= 1000)).toBe(true);
		expect(result.attendance.status).toBe('present');
		expect(result.minutes).toBe(178);
		expect(result.unverifiedClock).toBe(false);
	});

	it('a device 3 hours slow that learned the server clock is right too', () => {
		const { result } = attendWithSkew(-3 * HOUR, true);
		expect(result.attendance.status).toBe('present');
		expect(result.unverifiedClock).toBe(false);
	});

	it('a device that never learned the server clock writes its own time, marked unverified, and the clinician sees it', () => {
		const { events, result } = attendWithSkew(5 * HOUR, false);
		expect(events.every((e) => e.clockSkewMs === null)).toBe(true);
		// its times fall after the session: without the mark this would read as a plain absence
		expect(result.attendance.status).toBe('absent-not-notified');
		expect(result.unverifiedClock).toBe(true);
	});

	it('a clinician\'s verification replaces the status, so the mark goes', () => {
		const { events } = attendWithSkew(5 * HOUR, false);
		const verification = { id: 'v1', occurrenceId: SESSION.id, attendance: 'present' as const, excused: null, recordedAt: '2026-03-10T02:00:00.000Z', recordedBy: 'u-clin' };
		const result = resolveAttendance({ occurrence: SESSION, events, verifications: [verification], notices: [], policy: DEFAULT_POLICY, now: '2026-03-10T03:00:00.000Z' });
		expect(result.unverifiedClock).toBe(false);
	});
});
