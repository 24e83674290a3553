/**
 * A small program for convergence runs: two groups, one participant (alex), the
 * common starting state every peer holds, and what each peer derives from its
 * copies. Everything derived is compared, never stored (DESIGN §1).
 */
import * as Y from 'yjs';
import { putRecord, putSingleton, stampSchemaVersion } from '../../../src/lib/doc/codec.ts';
import { readCare, readProgram, readSelf } from '../../../src/lib/doc/read.ts';
import type { DocumentKind } from '../../../src/lib/domain/document-names.ts';
import type { Instant } from '../../../src/lib/domain/ids.ts';
import {
	attendanceRate,
	dailyTotals,
	resolveSessions,
	weeklyAttendanceRates,
	weeklyHours
} from '../../../src/lib/domain/metrics.ts';
import { caseloadRow, participantStanding, programContext } from '../../../src/lib/domain/caseload.ts';
import { DEFAULT_POLICY, DEFAULT_RISK_RULES, defaultPolicy, weeklyHoursPlan } from '../../../src/lib/domain/policy.ts';
import type { Enrollment, Group, MakeupCatalogItem } from '../../../src/lib/domain/records.ts';
import { expandSchedule, participantSchedule, type Occurrence } from '../../../src/lib/domain/schedule.ts';

export const ZONE = 'America/New_York';
export const PARTICIPANT = 'alex';
/** The second week's Tuesday, 19:00 in New York: the evening session is live. */
export const NOW: Instant = '2026-03-17T23:00:00.000Z';
export const RANGE = { from: '2026-03-09T04:00:00.000Z', to: '2026-03-23T04:00:00.000Z' };
export const WEEKS = { from: '2026-03-09', to: '2026-03-22' };
const STAMP = { updatedAt: '2026-03-01T12:00:00.000Z', updatedBy: 'admin' };

export const GROUPS: Group[] = [
	{
		id: 'evening',
		...STAMP,
		name: 'Evening group',
		facilitator: 'Dr. Rivera',
		weekdays: [1, 2, 4],
		startTime: '18:00',
		durationMinutes: 180,
		videoLink: 'https://meet.example.org/evening',
		startsOn: '2026-01-05'
	},
	{
		id: 'daytime',
		...STAMP,
		name: 'Daytime group',
		facilitator: 'Dr. Chen',
		weekdays: [1, 3, 5],
		startTime: '10:00',
		durationMinutes: 180,
		videoLink: 'https://meet.example.org/daytime',
		startsOn: '2026-01-05'
	}
];

export const ENROLLMENT: Enrollment = {
	id: 'enrollment',
	...STAMP,
	participantId: PARTICIPANT,
	programId: 'demo',
	displayName: 'Alex',
	groupIds: ['evening'],
	startDate: '2026-03-01',
	track: 'adult',
	plannedWeeklyHours: 9
};

export const CATALOG: MakeupCatalogItem[] = [
	{ id: 'recording', ...STAMP, kind: 'recording', title: 'Session recording' },
	{ id: 'worksheet', ...STAMP, kind: 'worksheet', title: 'Coping skills worksheet' },
	{ id: 'one-to-one', ...STAMP, kind: 'one-to-one', title: 'One-to-one with a clinician' }
];

/** Every session of the two weeks, whether or not alex is in it. */
export const OCCURRENCES: Occurrence[] = expandSchedule(GROUPS, [], ZONE, RANGE);

/** The documents of the program as they stand before anyone goes offline. */
export function baseState(): Record<Exclude<DocumentKind, 'private'>, Uint8Array> {
	const program = new Y.Doc();
	program.clientID = 1;
	program.transact(() => {
		stampSchemaVersion(program);
		putSingleton(program, 'program', 'info', { id: 'info', ...STAMP, name: 'Demo IOP', timeZone: ZONE, backupPhone: '', orientation: '', techHelp: '' });
		putSingleton(program, 'program', 'policy', defaultPolicy('policy', STAMP.updatedAt, STAMP.updatedBy));
		for (const group of GROUPS) putRecord(program, 'program', 'groups', group);
		for (const item of CATALOG) putRecord(program, 'program', 'makeupCatalog', item);
	});
	const care = new Y.Doc();
	care.clientID = 1;
	care.transact(() => {
		stampSchemaVersion(care);
		putSingleton(care, 'care', 'enrollment', ENROLLMENT);
	});
	const self = new Y.Doc();
	self.clientID = 1;
	self.transact(() => stampSchemaVersion(self));
	return { program: Y.encodeStateAsUpdate(program), care: Y.encodeStateAsUpdate(care), self: Y.encodeStateAsUpdate(self) };
}

/** What a clinician's (or the participant's) screens derive from the three documents. */
export function deriveParticipant(docs: { program: Y.Doc; self: Y.Doc; care: Y.Doc }, now: Instant = NOW, range = RANGE, weeks = WEEKS) {
	const program = readProgram(docs.program);
	const self = readSelf(docs.self);
	const care = readCare(docs.care);
	const policy = program.policy ?? DEFAULT_POLICY;
	const zone = program.info?.timeZone ?? ZONE;
	const occurrences = expandSchedule(program.groups, program.exceptions, zone, range);
	const own = care.enrollment ? participantSchedule(occurrences, { enrollment: care.enrollment, adjustments: care.adjustments, leaves: care.leaves }) : [];
	const sessions = resolveSessions(own, { events: self.presence, verifications: care.verifications, notices: self.absences }, policy, now);
	const plan = weeklyHoursPlan(policy, care.enrollment?.track ?? 'adult');
	// make-up ledger, risk flags and the caseload row, as the clinicians' dashboard derives them
	const context = programContext(
		{ timeZone: zone, policy, rules: program.riskRules ?? DEFAULT_RISK_RULES, groups: program.groups, exceptions: program.exceptions, catalog: program.makeupCatalog },
		range.from.slice(0, 10),
		now
	);
	const participant = { id: PARTICIPANT, displayName: 'Alex', care, self };
	const standing = participantStanding(context, participant, now);
	return {
		makeups: standing?.makeups ?? null,
		flags: standing?.flags ?? null,
		caseload: caseloadRow(context, participant, now),
		sessions: sessions.map(({ occurrence, result }) => ({
			id: occurrence.id,
			start: occurrence.start,
			onLeave: occurrence.onLeave,
			cancelled: occurrence.cancelled ?? false,
			status: result.attendance.status,
			source: result.attendance.source,
			lateCancellation: result.attendance.lateCancellation,
			excused: result.excused,
			minutes: result.minutes,
			open: result.open,
			verification: result.verification?.id ?? null,
			history: result.verificationHistory.map((v) => v.id),
			notice: result.notice?.id ?? null
		})),
		rate: attendanceRate(sessions, now),
		days: dailyTotals(sessions, zone, policy),
		weeklyHours: weeklyHours(sessions, zone, policy, plan, weeks),
		weeklyRates: weeklyAttendanceRates(sessions, zone, now, weeks),
		invalid: [...program.invalid, ...self.invalid, ...care.invalid]
	};
}

/** What an admin (program document only) derives: the program's sessions. */
export function deriveSchedule(program: Y.Doc, range = RANGE) {
	const data = readProgram(program);
	return {
		policy: data.policy,
		occurrences: expandSchedule(data.groups, data.exceptions, data.info?.timeZone ?? ZONE, range),
		invalid: data.invalid
	};
}
