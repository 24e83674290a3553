/**
 * The caseload dashboard's rows, until src/lib/domain/caseload.ts lands: the
 * program's schedule expanded once, then per participant their sessions resolved,
 * attendance over 14 days and the enrollment, make-ups and screening scores.
 */
import { resolveAttendance } from '../../../src/lib/domain/attendance.ts';
import { makeupLedger } from '../../../src/lib/domain/makeups.ts';
import { attendanceRate, type ResolvedSession } from '../../../src/lib/domain/metrics.ts';
import { DEFAULT_POLICY } from '../../../src/lib/domain/policy.ts';
import { addMinutes, expandSchedule, participantSchedule, type Occurrence } from '../../../src/lib/domain/schedule.ts';
import { latestScores } from '../../../src/lib/domain/surveys.ts';
import type { CareData, ProgramData, SelfData } from './derive.ts';
import { TIME_ZONE, YEAR_RANGE } from './participant-year.ts';

export interface ProgramContext {
	program: ProgramData;
	occurrences: Occurrence[];
}

export function programContext(program: ProgramData): ProgramContext {
	return { program, occurrences: expandSchedule(program.groups, program.exceptions, program.info?.timeZone ?? TIME_ZONE, YEAR_RANGE) };
}

export interface Row {
	participantId: string;
	rate: number | null;
	recentRate: number | null;
	makeups: number;
}

export function caseloadRow(context: ProgramContext, participantId: string, self: SelfData, care: CareData, now: string): Row {
	const { program } = context;
	const policy = program.policy ?? DEFAULT_POLICY;
	const timeZone = program.info?.timeZone ?? TIME_ZONE;
	const enrollment = care.enrollment;
	if (!enrollment) return { participantId, rate: null, recentRate: null, makeups: 0 };
	const eventsBySession = new Map<string, SelfData['presence']>();
	for (const event of self.presence) eventsBySession.set(event.occurrenceId, [...(eventsBySession.get(event.occurrenceId) ?? []), event]);
	const sessions: ResolvedSession[] = participantSchedule(context.occurrences, { enrollment, adjustments: care.adjustments, leaves: care.leaves }).map(
		(occurrence) => ({
			occurrence,
			result: resolveAttendance({
				occurrence,
				events: eventsBySession.get(occurrence.id) ?? [],
				verifications: care.verifications,
				notices: self.absences,
				policy,
				now
			})
		})
	);
	const fortnightAgo = addMinutes(now, -14 * 24 * 60);
	const makeups = makeupLedger({ sessions, assignments: care.makeups, progress: self.makeupProgress, catalog: program.makeupCatalog, policy, timeZone, now });
	latestScores(self.surveys);
	return {
		participantId,
		rate: attendanceRate(sessions, now).rate,
		recentRate: attendanceRate(sessions.filter((s) => s.occurrence.start >= fortnightAgo), now).rate,
		makeups: makeups.length
	};
}
