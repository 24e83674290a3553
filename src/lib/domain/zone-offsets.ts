/**
 * Local dates and wall-clock instants in an IANA time zone, fast enough to expand
 * a year of sessions for a whole program on every open (docs/BENCHMARKS.md: with
 * a TZDate per call, a 20-group program's year took ~70 ms of CPU).
 *
 * A zone's offset is read once per UTC day and zone with Intl and cached; only on a
 * day whose offset changes (a daylight-saving transition) is it read for the very
 * instant. Same answers as TZDate (zone-offsets.test.ts checks them against it),
 * except for ambiguous fall-back times east of UTC, where TZDate takes the second
 * occurrence and this keeps the documented rule: the first.
 */
import type { Instant, LocalDate } from './ids.ts';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
/** bound on the cache: about 130 zone-years */
const MAX_CACHED = 50_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
/** zone -> UTC day number -> offset at that day's start */
const dayOffsets = new Map<string, Map<number, number>>();
let cached = 0;

/** The zone's offset from UTC at an instant, in ms, straight from Intl. */
function exactOffset(ms: number, timeZone: string): number {
	let formatter = formatters.get(timeZone);
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric'
		});
		formatters.set(timeZone, formatter);
	}
	const part: Record<string, number> = {};
	for (const { type, value } of formatter.formatToParts(ms)) if (type !== 'literal') part[type] = Number(value);
	const wall = Date.UTC(part.year ?? 0, (part.month ?? 1) - 1, part.day ?? 1, part.hour ?? 0, part.minute ?? 0, part.second ?? 0);
	return wall - (ms - (((ms % 1000) + 1000) % 1000));
}

function offsetAtDayStart(day: number, timeZone: string): number {
	let days = dayOffsets.get(timeZone);
	if (!days) {
		days = new Map();
		dayOffsets.set(timeZone, days);
	}
	let offset = days.get(day);
	if (offset === undefined) {
		if (++cached > MAX_CACHED) {
			dayOffsets.clear();
			cached = 0;
		}
		offset = exactOffset(day * DAY_MS, timeZone);
		days.set(day, offset);
	}
	return offset;
}

/** The zone's offset at an instant: the day's when it holds all day, else read exactly. */
export function offsetAt(ms: number, timeZone: string): number {
	const day = Math.floor(ms / DAY_MS);
	const start = offsetAtDayStart(day, timeZone);
	return start === offsetAtDayStart(day + 1, timeZone) ? start : exactOffset(ms, timeZone);
}

/** The calendar date an instant falls on in `timeZone`. */
export function localDateOf(instant: Instant | number, timeZone: string): LocalDate {
	const ms = typeof instant === 'number' ? instant : Date.parse(instant);
	return new Date(ms + offsetAt(ms, timeZone)).toISOString().slice(0, 10);
}

/**
 * The UTC instant of a wall-clock time on a local date. A time in a spring-forward
 * gap is read with the offset before the change (2:30 am becomes 3:30 am); an
 * ambiguous fall-back time takes its first occurrence.
 */
export function zonedInstant(date: LocalDate, time: string, timeZone: string): Instant {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	const [hours, minutes] = time.split(':').map(Number) as [number, number];
	const wall = Date.UTC(year, month - 1, day, hours, minutes);
	const guess = wall - offsetAt(wall, timeZone);
	// transitions are months apart, so the offsets 6 hours either side are the two in play
	const before = offsetAt(guess - 6 * HOUR_MS, timeZone);
	const after = offsetAt(guess + 6 * HOUR_MS, timeZone);
	const withBefore = wall - before;
	if (before === after) return new Date(withBefore).toISOString();
	const withAfter = wall - after;
	const beforeHolds = offsetAt(withBefore, timeZone) === before;
	const afterHolds = offsetAt(withAfter, timeZone) === after;
	const ms = beforeHolds && afterHolds ? Math.min(withBefore, withAfter) : afterHolds && !beforeHolds ? withAfter : withBefore;
	return new Date(ms).toISOString();
}
