import { describe, expect, it } from 'vitest';
import type { Leave, ScheduleAdjustment } from './records.ts';
import { scheduleChanges } from './schedule-changes.ts';

const STAMP = { updatedAt: '2026-03-01T10:00:00.000Z', updatedBy: 'u-clinician' };
const leave = (id: string, from: string, to: string, extra: Partial<Leave> = {}): Leave => ({ id, from, to, reason: 'Surgery', ...STAMP, ...extra });
const adjustment = (id: string, from: string, extra: Partial<ScheduleAdjustment> = {}): ScheduleAdjustment => ({ id, kind: 'add-group', groupId: 'daytime', from, reason: 'More support', ...STAMP, ...extra });

describe('changes to a participant schedule', () => {
	const today = '2026-03-10';

	it('lists leaves not yet over and adjustments from a week ago on, soonest first', () => {
		const changes = scheduleChanges(
			{
				leaves: [leave('over', '2026-02-01', '2026-03-09'), leave('ends-today', '2026-03-01', '2026-03-10'), leave('coming', '2026-04-01', '2026-04-14')],
				adjustments: [adjustment('long-ago', '2026-03-02'), adjustment('last-week', '2026-03-03'), adjustment('next-week', '2026-03-16', { kind: 'drop-group' })]
			},
			today
		);
		expect(changes.map((c) => c.record.id)).toEqual(['ends-today', 'last-week', 'next-week', 'coming']);
	});

	it('leaves out removed records', () => {
		const removed = { deletedAt: '2026-03-05T10:00:00.000Z' };
		expect(scheduleChanges({ leaves: [leave('l', '2026-03-12', '2026-03-20', removed)], adjustments: [adjustment('a', '2026-03-12', removed)] }, today)).toEqual([]);
	});
});
