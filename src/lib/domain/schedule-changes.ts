/**
 * What the care team changed in a participant's schedule, for their week page:
 * leaves not yet over, and adjustments taking effect from a week ago on. Older
 * adjustments are simply how the schedule now is.
 */
import type { LocalDate } from './ids.ts';
import type { Leave, ScheduleAdjustment } from './records.ts';
import { addDays } from './schedule.ts';

const RECENT_DAYS = 7;

export type ScheduleChange = { kind: 'leave'; from: LocalDate; record: Leave } | { kind: 'adjustment'; from: LocalDate; record: ScheduleAdjustment };

/** Soonest first; `today` is the participant's local date in the program's zone. */
export function scheduleChanges(care: { leaves: readonly Leave[]; adjustments: readonly ScheduleAdjustment[] }, today: LocalDate): ScheduleChange[] {
	const since = addDays(today, -RECENT_DAYS);
	const changes: ScheduleChange[] = [
		...care.leaves.filter((l) => !l.deletedAt && l.to >= today).map((record) => ({ kind: 'leave' as const, from: record.from, record })),
		...care.adjustments.filter((a) => !a.deletedAt && a.from >= since).map((record) => ({ kind: 'adjustment' as const, from: record.from, record }))
	];
	return changes.sort((a, b) => a.from.localeCompare(b.from) || a.record.id.localeCompare(b.record.id));
}
