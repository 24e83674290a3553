/**
 * Time intervals as epoch milliseconds, half-open [start, end). Attendance is the
 * union of a participant's intervals clipped to the session, so overlapping joins
 * (two devices, a rejoin) never count the same minute twice.
 */

export interface Interval {
	start: number;
	end: number;
}

const MS_PER_MINUTE = 60_000;

/** Merges overlapping and touching intervals; drops empty ones. Sorted by start. */
export function unionIntervals(intervals: readonly Interval[]): Interval[] {
	const sorted = intervals.filter((i) => i.end > i.start).sort((a, b) => a.start - b.start || a.end - b.end);
	const merged: Interval[] = [];
	for (const next of sorted) {
		const last = merged.at(-1);
		if (last && next.start <= last.end) last.end = Math.max(last.end, next.end);
		else merged.push({ start: next.start, end: next.end });
	}
	return merged;
}

/** The part of `interval` inside `bounds`, or null when they do not overlap. */
export function clipInterval(interval: Interval, bounds: Interval): Interval | null {
	const start = Math.max(interval.start, bounds.start);
	const end = Math.min(interval.end, bounds.end);
	return end > start ? { start, end } : null;
}

/** Union of the intervals, clipped to `bounds`. */
export function clipToSession(intervals: readonly Interval[], bounds: Interval): Interval[] {
	return unionIntervals(intervals.flatMap((i) => clipInterval(i, bounds) ?? []));
}

/** Total minutes covered, counting overlaps once. May be fractional; round for display. */
export function totalMinutes(intervals: readonly Interval[]): number {
	return unionIntervals(intervals).reduce((sum, i) => sum + (i.end - i.start), 0) / MS_PER_MINUTE;
}

export function minutesBetween(start: number, end: number): number {
	return (end - start) / MS_PER_MINUTE;
}
