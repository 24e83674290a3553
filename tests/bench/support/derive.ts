/**
 * What a participant's screens derive from their three documents, over the whole
 * enrollment: every session resolved, weekly hours against the plan, the attendance
 * rate, the make-up ledger and the screening scores. The same pure functions the
 * app uses; the input is validated plain data (from Yjs or, for the reference, JSON).
 */
import type { readCare, readProgram, readSelf } from '../../../src/lib/doc/read.ts';
import { makeupLedger } from '../../../src/lib/domain/makeups.ts';
import { attendanceRate, weeklyHours } from '../../../src/lib/domain/metrics.ts';
import { DEFAULT_POLICY, weeklyHoursPlan } from '../../../src/lib/domain/policy.ts';
import { participantSessions } from '../../../src/lib/domain/session-views.ts';
import { latestScores } from '../../../src/lib/domain/surveys.ts';
import { TIME_ZONE, YEAR_END, YEAR_RANGE, YEAR_START } from './participant-year.ts';

export type ProgramData = ReturnType<typeof readProgram>;
export type SelfData = ReturnType<typeof readSelf>;
export type CareData = ReturnType<typeof readCare>;

export const NOW = '2025-12-21T12:00:00.000Z';

export function deriveParticipant(program: ProgramData, self: SelfData, care: CareData, now = NOW) {
	const policy = program.policy ?? DEFAULT_POLICY;
	const timeZone = program.info?.timeZone ?? TIME_ZONE;
	const sessions = participantSessions({ timeZone, groups: program.groups, exceptions: program.exceptions, policy }, { ...care, ...self }, YEAR_RANGE, now);
	const plan = weeklyHoursPlan(policy, care.enrollment?.track ?? 'adult');
	return {
		sessions,
		weeks: weeklyHours(sessions, timeZone, policy, plan, { from: YEAR_START, to: YEAR_END }),
		rate: attendanceRate(sessions, now),
		makeups: makeupLedger({ sessions, assignments: care.makeups, progress: self.makeupProgress, catalog: program.makeupCatalog, policy, timeZone, now }),
		scores: latestScores(self.surveys)
	};
}
