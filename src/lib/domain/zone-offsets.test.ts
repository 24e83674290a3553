import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { TZDate, tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { localDateOf, zonedInstant } from './zone-offsets.ts';

const ZONES = ['America/New_York', 'America/Los_Angeles', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kathmandu', 'America/St_Johns', 'Pacific/Chatham', 'UTC'];
const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2028, 0, 1);

/** What the schedule used before: a TZDate per call. */
const slowLocalDate = (ms: number, zone: string) => format(new Date(ms), 'yyyy-MM-dd', { in: tz(zone) });
function slowZonedInstant(date: string, time: string, zone: string): string {
	const [y, m, d] = date.split('-').map(Number) as [number, number, number];
	const [h, min] = time.split(':').map(Number) as [number, number];
	return new Date(new TZDate(y, m - 1, d, h, min, zone).getTime()).toISOString();
}

/** The wall-clock reading of an instant in a zone, as YYYY-MM-DD HH:MM. */
const wallClock = (iso: string, zone: string) => format(new Date(iso), 'yyyy-MM-dd HH:mm', { in: tz(zone) });

/**
 * Same as TZDate, except for an ambiguous fall-back time, where TZDate takes the
 * second occurrence east of UTC: then both must read as that wall time and ours
 * must be the first (the documented rule).
 */
function expectSameOrFirstOccurrence(date: string, time: string, zone: string): void {
	const ours = zonedInstant(date, time, zone);
	const theirs = slowZonedInstant(date, time, zone);
	if (ours === theirs) return;
	expect(wallClock(ours, zone), `${zone} ${date} ${time}`).toBe(`${date} ${time}`);
	expect(wallClock(theirs, zone)).toBe(`${date} ${time}`);
	expect(Date.parse(ours)).toBeLessThan(Date.parse(theirs));
}

describe('zone offsets give the same answers as TZDate', () => {
	it('local dates of random instants in zones with odd offsets and transitions', () => {
		fc.assert(
			fc.property(fc.integer({ min: FROM, max: TO }), fc.constantFrom(...ZONES), (ms, zone) => {
				expect(localDateOf(ms, zone)).toBe(slowLocalDate(ms, zone));
			}),
			{ numRuns: 3000 }
		);
	});

	it('wall-clock instants at every quarter hour, gaps and overlaps included', () => {
		const dates = fc.integer({ min: FROM / 86_400_000, max: TO / 86_400_000 }).map((day) => new Date(day * 86_400_000).toISOString().slice(0, 10));
		const times = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
		fc.assert(
			fc.property(dates, times, fc.constantFrom(...ZONES), (date, time, zone) => expectSameOrFirstOccurrence(date, time, zone)),
			{ numRuns: 3000 }
		);
	});

	it('every quarter hour of the transition days in New York, London, St. John’s and Lord Howe', () => {
		for (const [zone, dates] of [
			['America/New_York', ['2026-03-08', '2026-11-01']],
			['Europe/London', ['2026-03-29', '2026-10-25']],
			['America/St_Johns', ['2026-03-08', '2026-11-01']],
			['Australia/Lord_Howe', ['2026-04-05', '2026-10-04']]
		] as const) {
			for (const date of dates) {
				for (let h = 0; h < 24; h++) {
					for (const m of ['00', '15', '30', '45']) {
						const time = `${String(h).padStart(2, '0')}:${m}`;
						expectSameOrFirstOccurrence(date, time, zone);
					}
				}
			}
		}
	});

	it('an ambiguous fall-back time takes its first occurrence east of UTC too (London, 1:30 am on 2026-10-25 is BST)', () => {
		expect(zonedInstant('2026-10-25', '01:30', 'Europe/London')).toBe('2026-10-25T00:30:00.000Z');
		expect(zonedInstant('2026-11-01', '01:30', 'America/New_York')).toBe('2026-11-01T05:30:00.000Z');
	});
});
