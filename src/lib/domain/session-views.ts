/**
 * What the two first screens show, composed from the schedule and attendance
 * rules: a participant's sessions in a range, and a group's roster for one session.
 */
import { resolveAttendance, type AttendanceResult } from './attendance.ts';
import type { Instant } from './ids.ts';
import type { PolicyNumbers } from './policy.ts';
import type {
	AbsenceNotice,
	Enrollment,
	Group,
	Leave,
	PresenceEvent,
	ScheduleAdjustment,
	SessionException,
	Verification
} from './records.ts';
import {
	addDays,
	expandSchedule,
	isoWeekStart,
	localDateOf,
	participantSchedule,
	zonedInstant,
	type InstantRange,
	type Occurrence,
	type ParticipantOccurrence
} from './schedule.ts';

export interface ProgramSchedule {
	timeZone: string;
	groups: readonly Group[];
	exceptions: readonly SessionException[];
	policy: PolicyNumbers;
}

export interface ParticipantRecords {
	enrollment: Enrollment | null;
	adjustments: readonly ScheduleAdjustment[];
	leaves: readonly Leave[];
	verifications: readonly Verification[];
	presence: readonly PresenceEvent[];
	absences: readonly AbsenceNotice[];
}

export interface SessionRow {
	occurrence: ParticipantOccurrence;
	result: AttendanceResult;
}

/** The ISO week (Monday to Monday, in the program's zone) that holds `now`. */
export function weekOf(now: Instant, timeZone: string): InstantRange {
	const monday = isoWeekStart(localDateOf(now, timeZone));
	return { from: zonedInstant(monday, '00:00', timeZone), to: zonedInstant(addDays(monday, 7), '00:00', timeZone) };
}

/** The program-zone calendar day that holds `now`. */
export function dayOf(now: Instant, timeZone: string): InstantRange {
	const today = localDateOf(now, timeZone);
	return { from: zonedInstant(today, '00:00', timeZone), to: zonedInstant(addDays(today, 1), '00:00', timeZone) };
}

export function participantSessions(
	program: ProgramSchedule,
	records: ParticipantRecords,
	range: InstantRange,
	now: Instant,
	lastAliveAt: Instant | null = null
): SessionRow[] {
	if (!records.enrollment) return [];
	const occurrences = participantSchedule(expandSchedule(program.groups, program.exceptions, program.timeZone, range), {
		enrollment: records.enrollment,
		adjustments: records.adjustments,
		leaves: records.leaves
	});
	return occurrences.map((occurrence) => ({ occurrence, result: resolve(occurrence, records, program.policy, now, lastAliveAt) }));
}

export interface RosterRow {
	participantId: string;
	displayName: string;
	result: AttendanceResult;
}

export interface Roster {
	occurrence: Occurrence;
	rows: RosterRow[];
}

/**
 * Every session in the range with everyone scheduled for it: participants who
 * joined mid-way appear from their start date on (rolling admission).
 */
export function rosters(
	program: ProgramSchedule,
	participants: ReadonlyArray<{ id: string; displayName: string; records: ParticipantRecords }>,
	range: InstantRange,
	now: Instant
): Roster[] {
	const occurrences = expandSchedule(program.groups, program.exceptions, program.timeZone, range);
	const byOccurrence = new Map<string, RosterRow[]>(occurrences.map((o) => [o.id, []]));
	for (const participant of participants) {
		const enrollment = participant.records.enrollment;
		if (!enrollment) continue;
		const own = participantSchedule(occurrences, { enrollment, adjustments: participant.records.adjustments, leaves: participant.records.leaves });
		for (const occurrence of own) {
			byOccurrence.get(occurrence.id)?.push({
				participantId: participant.id,
				displayName: enrollment.displayName || participant.displayName,
				result: resolve(occurrence, participant.records, program.policy, now, null)
			});
		}
	}
	return occurrences.map((occurrence) => ({
		occurrence,
		rows: (byOccurrence.get(occurrence.id) ?? []).sort((a, b) => a.displayName.localeCompare(b.displayName))
	}));
}

function resolve(
	occurrence: ParticipantOccurrence,
	records: ParticipantRecords,
	policy: PolicyNumbers,
	now: Instant,
	lastAliveAt: Instant | null
): AttendanceResult {
	return resolveAttendance({
		occurrence,
		events: records.presence.filter((e) => e.occurrenceId === occurrence.id),
		verifications: records.verifications,
		notices: records.absences,
		policy,
		now,
		lastAliveAt
	});
}

/** From `now` for the next `days` days: the sessions a person can still act on. */
export function upcomingRange(now: Instant, days: number): InstantRange {
	return { from: now, to: new Date(Date.parse(now) + days * 86_400_000).toISOString() };
}

/** The `weeks` weeks after the one that holds `now`: the agenda under this week. */
export function agendaRange(now: Instant, timeZone: string, weeks: number): InstantRange {
	const thisWeek = weekOf(now, timeZone);
	const monday = localDateOf(thisWeek.to, timeZone);
	return { from: thisWeek.to, to: zonedInstant(addDays(monday, 7 * weeks), '00:00', timeZone) };
}
