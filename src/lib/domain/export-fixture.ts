/**
 * A small literal program for the export tests: an evening group (Mon, Tue, Thu,
 * 6-9 pm New York) over the spring-forward week of 2026, one session cancelled,
 * one moved, and a participant who attended, came late, gave notice and missed.
 * Used by tests only.
 */
import type { ExportParticipant, ExportProgram } from './export-data.ts';
import { DEFAULT_POLICY } from './policy.ts';
import type { Group, PresenceEvent, SessionException, SurveyResponse, Verification } from './records.ts';

export const NY = 'America/New_York';
const STAMP = { updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'u-admin' };

export const EVENING: Group = {
	id: 'evening',
	...STAMP,
	name: 'Evening Recovery Group',
	facilitator: 'Dr. Okafor',
	weekdays: [1, 2, 4],
	startTime: '18:00',
	durationMinutes: 180,
	videoLink: 'https://meet.example.org/evening',
	startsOn: '2026-03-02'
};

export const EXCEPTIONS: SessionException[] = [
	{ id: 'x1', ...STAMP, kind: 'cancelled', occurrenceId: 'evening@2026-03-10', reason: 'Facilitator ill' },
	// Thursday's session moves to Friday 5 pm
	{ id: 'x2', ...STAMP, kind: 'moved', occurrenceId: 'evening@2026-03-12', start: '2026-03-13T21:00:00.000Z', durationMinutes: 180, reason: 'Holiday' }
];

export function program(exceptions: SessionException[] = EXCEPTIONS): ExportProgram {
	return { id: 'demo', timeZone: NY, groups: [EVENING], exceptions, policy: DEFAULT_POLICY };
}

const join = (id: string, occurrenceId: string, at: string): PresenceEvent => ({ id, occurrenceId, type: 'join', at });
const leave = (id: string, occurrenceId: string, at: string): PresenceEvent => ({ id, occurrenceId, type: 'leave', at });

/** Mon 2 Mar: whole session (EST, 23:00Z). Tue 3 Mar: 20 minutes late. Thu 5 Mar: notice. Mon 9 Mar (EDT): verified absent, excused. */
export const PRESENCE: PresenceEvent[] = [
	join('e1', 'evening@2026-03-02', '2026-03-02T23:00:00.000Z'),
	leave('e2', 'evening@2026-03-02', '2026-03-03T02:00:00.000Z'),
	join('e3', 'evening@2026-03-03', '2026-03-03T23:20:00.000Z'),
	leave('e4', 'evening@2026-03-03', '2026-03-04T02:00:00.000Z'),
	// the moved session, Friday 13 Mar 5-8 pm EDT
	join('e5', 'evening@2026-03-12', '2026-03-13T21:00:00.000Z'),
	leave('e6', 'evening@2026-03-12', '2026-03-14T00:00:00.000Z')
];

export const VERIFICATIONS: Verification[] = [
	{
		id: 'v1',
		occurrenceId: 'evening@2026-03-09',
		attendance: 'absent',
		excused: true,
		recordedAt: '2026-03-10T02:00:00.000Z',
		recordedBy: 'u-clinician'
	}
];

export const SURVEYS: SurveyResponse[] = [
	{ id: 's1', updatedAt: '2026-03-03T02:05:00.000Z', updatedBy: 'u-sam', kind: 'phq9', items: [1, 1, 2, 0, 1, 0, 1, 0, 1] },
	{ id: 's2', updatedAt: '2026-03-03T02:06:00.000Z', updatedBy: 'u-sam', kind: 'gad7', items: [2, 1, 1, 0, 0, 1, 2] },
	{
		id: 's3',
		updatedAt: '2026-03-03T02:07:00.000Z',
		updatedBy: 'u-sam',
		kind: 'post-session',
		occurrenceId: 'evening@2026-03-02',
		attended: true,
		rating: 4,
		mood: 3,
		helped: 'Breathing, and hearing others',
		comment: ''
	},
	{ id: 's4', updatedAt: '2026-03-04T02:00:00.000Z', updatedBy: 'u-sam', deletedAt: '2026-03-04T03:00:00.000Z', kind: 'gad7', items: [0, 0, 0, 0, 0, 0, 0] }
];

export function participant(displayName = 'Sam P.'): ExportParticipant {
	return {
		id: 'sam',
		displayName,
		records: {
			enrollment: {
				id: 'enrollment',
				...STAMP,
				participantId: 'sam',
				programId: 'demo',
				displayName,
				groupIds: ['evening'],
				startDate: '2026-03-02',
				track: 'adult',
				plannedWeeklyHours: 9
			},
			adjustments: [],
			leaves: [],
			verifications: VERIFICATIONS,
			presence: PRESENCE,
			absences: [
				{
					id: 'n1',
					...STAMP,
					occurrenceId: 'evening@2026-03-05',
					reason: 'illness',
					note: '',
					givenAt: '2026-03-04T12:00:00.000Z'
				}
			]
		},
		surveys: SURVEYS
	};
}

/** After everything in the fixture, before the next week's Monday session ends. */
export const NOW = '2026-03-16T12:00:00.000Z';
export const RANGE = { from: '2026-03-02', to: '2026-03-15' };
