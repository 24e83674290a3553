import { describe, expect, it } from 'vitest';
import { lastEndedEveningSession } from './demo-schedule.ts';

describe('lastEndedEveningSession', () => {
	it('skips a session that has not ended in New York, though 21:00 has passed in UTC', () => {
		// Thursday 17:18 in New York: tonight's session has not begun
		expect(lastEndedEveningSession(new Date('2026-11-26T22:18:00Z'))).toBe('evening@2026-11-24');
	});

	it('takes the session that ended moments ago, after midnight UTC', () => {
		// Thursday 21:30 in New York (Friday in UTC)
		expect(lastEndedEveningSession(new Date('2026-11-27T02:30:00Z'))).toBe('evening@2026-11-26');
	});

	it('reaches back over the days without an evening session', () => {
		// Sunday noon in New York: the last one was Thursday's
		expect(lastEndedEveningSession(new Date('2026-11-29T17:00:00Z'))).toBe('evening@2026-11-26');
	});

	it('does not count a session ending exactly now as ended', () => {
		// Monday 21:00 in New York, daylight saving time (UTC-4)
		expect(lastEndedEveningSession(new Date('2026-06-02T01:00:00Z'))).toBe('evening@2026-05-28');
	});
});
