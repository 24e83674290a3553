import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY } from './policy.ts';
import type { Enrollment, Group, PresenceEvent } from './records.ts';
import { agendaRange, dayOf, participantSessions, rosters, upcomingRange, weekOf, type ParticipantRecords } from './session-views.ts';

const stamp = { updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'admin' };
const zone = 'America/New_York';
const evening: Group = {
	id: 'evening',
	...stamp,
	name: 'Evening Recovery Group',
	facilitator: 'Dr. Rivera',
	weekdays: [1, 2, 4],
	startTime: '18:00',
	durationMinutes: 180,
	videoLink: 'https://meet.example.org/evening',
	startsOn: '2026-01-05'
};
const program = { timeZone: zone, groups: [evening], exceptions: [], policy: DEFAULT_POLICY };

function enrollment(participantId: string, startDate: string): Enrollment {
	return {
		id: `enrollment-${participantId}`,
		...stamp,
		participantId,
		programId: 'demo',
		displayName: participantId.toUpperCase(),
		groupIds: ['evening'],
		startDate,
		track: 'adult',
		plannedWeeklyHours: 9
	};
}

function records(participantId: string, startDate: string, presence: PresenceEvent[] = []): ParticipantRecords {
	return { enrollment: enrollment(participantId, startDate), adjustments: [], leaves: [], verifications: [], presence, absences: [] };
}

describe('session views', () => {
	it('the week of a Wednesday runs from Monday midnight to the next Monday in the program zone', () => {
		expect(weekOf('2026-03-11T15:00:00.000Z', zone)).toEqual({
			from: '2026-03-09T04:00:00.000Z',
			to: '2026-03-16T04:00:00.000Z'
		});
	});

	it('the day that holds the spring-forward change is 23 hours long', () => {
		const { from, to } = dayOf('2026-03-08T15:00:00.000Z', zone);
		expect((Date.parse(to) - Date.parse(from)) / 3_600_000).toBe(23);
	});

	it('a participant sees each of their sessions this week with its attendance', () => {
		const join: PresenceEvent = { id: 'j1', occurrenceId: 'evening@2026-03-09', type: 'join', at: '2026-03-09T22:02:00.000Z' };
		const rows = participantSessions(program, records('alex', '2026-02-01', [join]), weekOf('2026-03-09T23:00:00.000Z', zone), '2026-03-09T23:00:00.000Z');
		expect(rows.map((r) => r.occurrence.id)).toEqual(['evening@2026-03-09', 'evening@2026-03-10', 'evening@2026-03-12']);
		expect(rows[0]?.result.attendance.status).toBe('live');
		expect(rows[0]?.result.minutes).toBe(58);
		expect(rows[1]?.result.attendance.status).toBe('upcoming');
	});

	it('a participant admitted mid-week appears on the roster from their start date on', () => {
		const week = weekOf('2026-03-09T12:00:00.000Z', zone);
		const result = rosters(
			program,
			[
				{ id: 'alex', displayName: 'Alex', records: records('alex', '2026-02-01') },
				{ id: 'blair', displayName: 'Blair', records: records('blair', '2026-03-12') }
			],
			week,
			'2026-03-09T12:00:00.000Z'
		);
		expect(result.map((r) => [r.occurrence.id, r.rows.map((row) => row.participantId)])).toEqual([
			['evening@2026-03-09', ['alex']],
			['evening@2026-03-10', ['alex']],
			['evening@2026-03-12', ['alex', 'blair']]
		]);
	});

	it('a participant with no enrollment yet has no sessions', () => {
		const empty = { ...records('casey', '2026-01-01'), enrollment: null };
		expect(participantSessions(program, empty, weekOf('2026-03-09T12:00:00.000Z', zone), '2026-03-09T12:00:00.000Z')).toEqual([]);
	});
});

describe('ranges for the participant’s agenda', () => {
	it('the agenda covers the two weeks after this one, Monday to Monday in the program zone', () => {
		expect(agendaRange('2026-03-11T15:00:00.000Z', zone, 2)).toEqual({ from: '2026-03-16T04:00:00.000Z', to: '2026-03-30T04:00:00.000Z' });
	});

	it('upcoming means from now for the given number of days', () => {
		expect(upcomingRange('2026-03-11T15:00:00.000Z', 14)).toEqual({ from: '2026-03-11T15:00:00.000Z', to: '2026-03-25T15:00:00.000Z' });
	});
});
