/**
 * What every export is built from: one participant's sessions in a date range,
 * each with the three facts kept apart (attendance, excused, billable) and the
 * times in and out. Pure: the program's and the participant's records and "now"
 * are passed in, so the server and a test compute the same lines.
 */
import type { AttendanceState } from './attendance.ts';
import type { Instant, LocalDate } from './ids.ts';
import { dailyTotals } from './metrics.ts';
import type { SurveyResponse } from './records.ts';
import { addDays, localDateOf, zonedInstant, type InstantRange, type ParticipantOccurrence } from './schedule.ts';
import { participantSessions, type ParticipantRecords, type ProgramSchedule, type SessionRow } from './session-views.ts';

export interface ExportProgram extends ProgramSchedule {
	id: string;
}

export interface ExportParticipant {
	id: string;
	displayName: string;
	records: ParticipantRecords;
	surveys: readonly SurveyResponse[];
}

/** Calendar days in the program's zone, both included. */
export interface DateRange {
	from: LocalDate;
	to: LocalDate;
}

export interface SessionLine {
	participantId: string;
	displayName: string;
	occurrence: ParticipantOccurrence;
	/** first join and last leave; null when there was none (or it is still open) */
	timeIn: Instant | null;
	timeOut: Instant | null;
	minutes: number;
	attendance: AttendanceState;
	/** the clinician's decision; null while undecided */
	excused: boolean | null;
	/** the session's minutes count toward a billable day (DESIGN §4) */
	billable: boolean;
}

export function instantRange(range: DateRange, timeZone: string): InstantRange {
	return { from: zonedInstant(range.from, '00:00', timeZone), to: zonedInstant(addDays(range.to, 1), '00:00', timeZone) };
}

/** The participant's sessions that start in the range, with attendance resolved, oldest first. */
export function resolvedSessions(program: ExportProgram, participant: ExportParticipant, range: DateRange, now: Instant): SessionRow[] {
	return participantSessions(program, participant.records, instantRange(range, program.timeZone), now);
}

/**
 * One line per resolved session. A day is billed on the date a session actually
 * starts (after a move), as metrics.ts does.
 */
export function linesOf(program: ExportProgram, participant: ExportParticipant, rows: readonly SessionRow[]): SessionLine[] {
	const billableDays = new Set(
		dailyTotals(rows, program.timeZone, program.policy)
			.filter((day) => day.billable)
			.map((day) => day.localDate)
	);
	return rows.map(({ occurrence, result }) => ({
		participantId: participant.id,
		displayName: participant.records.enrollment?.displayName || participant.displayName,
		occurrence,
		timeIn: result.firstJoin,
		timeOut: result.lastLeave,
		minutes: result.minutes,
		attendance: result.attendance.status,
		excused: result.excused,
		billable: !occurrence.cancelled && result.minutes > 0 && billableDays.has(localDateOf(occurrence.start, program.timeZone))
	}));
}

export function sessionLines(program: ExportProgram, participant: ExportParticipant, range: DateRange, now: Instant): SessionLine[] {
	return linesOf(program, participant, resolvedSessions(program, participant, range, now));
}
