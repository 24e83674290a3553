import { describe, expect, it } from 'vitest';
import { NOW, RANGE, participant, program } from './export-fixtures.test-support.ts';
import { attendanceReport } from './export-report.ts';

describe('attendance report for utilization review', () => {
	const report = attendanceReport(program(), participant(), RANGE, NOW);

	it('lists every session of the range with its three facts', () => {
		expect(report.lines.map((l) => [l.occurrence.id, l.attendance, l.excused, l.billable])).toEqual([
			['evening@2026-03-02', 'present', null, true],
			['evening@2026-03-03', 'late', null, false],
			['evening@2026-03-05', 'absent-notified', null, false],
			['evening@2026-03-09', 'absent', true, false],
			['evening@2026-03-10', 'cancelled', null, false],
			['evening@2026-03-12', 'present', null, true]
		]);
	});

	it('shows hours per ISO week against the adult plan (9 to 19)', () => {
		expect(report.weeks.map((w) => [w.isoWeek, w.attendedHours, w.scheduledHours, w.billableDays, w.standing])).toEqual([
			['2026-W10', 340 / 60, 9, 1, 'below'],
			// the cancelled Tuesday is not scheduled time
			['2026-W11', 3, 6, 1, 'below']
		]);
		expect(report.weeks[0]).toMatchObject({ planMin: 9, planMax: 19 });
	});

	it('holds the weeks to the care team\'s own plan for the participant when there is one', () => {
		const base = participant();
		const enrollment = { ...base.records.enrollment!, plannedWeeklyHours: 12 };
		const own = attendanceReport(program(), { ...base, records: { ...base.records, enrollment } }, RANGE, NOW);
		expect(own.weeks.map((w) => [w.planMin, w.planMax])).toEqual([
			[12, 19],
			[12, 19]
		]);
		expect(own.hoursPlan).toEqual({ min: 12, max: 19, own: true });
		const none = attendanceReport(program(), { ...base, records: { ...base.records, enrollment: { ...enrollment, plannedWeeklyHours: 0 } } }, RANGE, NOW);
		expect(none.weeks[0]).toMatchObject({ planMin: 9, planMax: 19 });
		expect(none.hoursPlan).toEqual({ min: 9, max: 19, own: false });
	});

	it('counts billable days (180 attended minutes a day) and the minutes attended', () => {
		expect(report.billableDays).toBe(2);
		expect(report.days.filter((d) => d.billable).map((d) => d.localDate)).toEqual(['2026-03-02', '2026-03-13']);
		expect(report.attendedMinutes).toBe(180 + 160 + 180);
		expect(report).toMatchObject({ displayName: 'Sam P.', track: 'adult', plannedWeeklyHours: 9, timeZone: 'America/New_York' });
	});
});
