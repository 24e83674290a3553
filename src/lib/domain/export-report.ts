/**
 * The per-participant attendance report for utilization review: every session in
 * the range, hours per ISO week against the plan, and the billable days. Plain
 * data for the print view; derived here, never stored.
 */
import type { Instant } from './ids.ts';
import { linesOf, programOccurrences, resolvedSessions, type DateRange, type ExportParticipant, type ExportProgram, type SessionLine } from './export-data.ts';
import { dailyTotals, weeklyHours, type DayTotal, type WeekHours } from './metrics.ts';
import { participantHoursPlan, type WeeklyHoursPlan } from './policy.ts';

export interface AttendanceReport {
	participantId: string;
	displayName: string;
	timeZone: string;
	range: DateRange;
	track: 'adult' | 'adolescent';
	/** the enrollment's planned hours a week; 0: none of their own */
	plannedWeeklyHours: number;
	/** what the weeks are held to: that plan, else the track's range */
	hoursPlan: WeeklyHoursPlan & { own: boolean };
	lines: SessionLine[];
	weeks: WeekHours[];
	days: DayTotal[];
	billableDays: number;
	attendedMinutes: number;
}

export function attendanceReport(program: ExportProgram, participant: ExportParticipant, range: DateRange, now: Instant): AttendanceReport {
	const rows = resolvedSessions(program, participant, programOccurrences(program, range), now);
	const enrollment = participant.records.enrollment;
	const track = enrollment?.track ?? 'adult';
	// the plan the caseload and the participant's progress page hold them to
	const plan = participantHoursPlan(program.policy, enrollment ?? { track, plannedWeeklyHours: 0 });
	const days = dailyTotals(rows, program.timeZone, program.policy);
	return {
		participantId: participant.id,
		displayName: enrollment?.displayName || participant.displayName,
		timeZone: program.timeZone,
		range,
		track,
		plannedWeeklyHours: enrollment?.plannedWeeklyHours ?? 0,
		hoursPlan: plan,
		lines: linesOf(program, participant, rows),
		weeks: weeklyHours(rows, program.timeZone, program.policy, plan, range),
		days,
		billableDays: days.filter((day) => day.billable).length,
		attendedMinutes: days.reduce((sum, day) => sum + day.minutes, 0)
	};
}
