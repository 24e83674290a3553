/**
 * A program with a year of history per participant, for caseload tests and the
 * benchmark: seeded, so every run builds the same data.
 */
import type { ParticipantData, ProgramData } from './caseload.ts';
import { DEFAULT_POLICY, DEFAULT_RISK_RULES } from './policy.ts';
import type { AbsenceNotice, Group, PresenceEvent, SurveyResponse, Verification } from './records.ts';
import { addDays, expandSchedule, localDateOf, zonedInstant } from './schedule.ts';

export const ZONE = 'America/New_York';
const STAMP = { updatedAt: '2025-01-01T00:00:00.000Z', updatedBy: 'u-clinician' };

export const GROUPS: Group[] = [
	{ id: 'evening', ...STAMP, name: 'Evening Recovery Group', facilitator: 'Dr. Sam Okafor', weekdays: [1, 2, 4], startTime: '18:00', durationMinutes: 180, videoLink: 'https://meet.example.org/evening', startsOn: '2024-01-01' },
	{ id: 'daytime', ...STAMP, name: 'Daytime Skills Group', facilitator: 'Jordan Lee, LCSW', weekdays: [1, 3, 5], startTime: '10:00', durationMinutes: 180, videoLink: 'https://meet.example.org/daytime', startsOn: '2024-01-01' }
];

export function demoProgram(): ProgramData {
	return { timeZone: ZONE, policy: DEFAULT_POLICY, rules: DEFAULT_RISK_RULES, groups: GROUPS, exceptions: [], catalog: [] };
}

/** mulberry32: a small seeded generator */
function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}

const iso = (ms: number) => new Date(ms).toISOString();

/** One participant enrolled `days` days before `now`, with what a year of sessions leaves behind. */
export function participantWithHistory(index: number, now: string, days = 365): ParticipantData {
	const next = random(index + 1);
	const id = `p${index}`;
	const group = GROUPS[index % 2]!;
	const startDate = addDays(localDateOf(now, ZONE), -days);
	const occurrences = expandSchedule([group], [], ZONE, { from: zonedInstant(startDate, '00:00', ZONE), to: now }).filter((o) => Date.parse(o.end) <= Date.parse(now));
	const presence: PresenceEvent[] = [];
	const absences: AbsenceNotice[] = [];
	const verifications: Verification[] = [];
	const surveys: SurveyResponse[] = [];
	for (const [n, o] of occurrences.entries()) {
		const start = Date.parse(o.start);
		const roll = next();
		if (roll < 0.8) {
			const late = next() < 0.1 ? 15 : 1;
			presence.push({ id: `${id}-j${n}`, occurrenceId: o.id, type: 'join', at: iso(start + late * 60_000), deviceId: 'phone' });
			presence.push({ id: `${id}-l${n}`, occurrenceId: o.id, type: 'leave', at: iso(start + 179 * 60_000), deviceId: 'phone' });
		} else if (roll < 0.9) {
			absences.push({ id: `${id}-a${n}`, occurrenceId: o.id, reason: 'illness', note: '', givenAt: iso(start - 86_400_000), updatedAt: iso(start - 86_400_000), updatedBy: `u-${id}` });
		}
		if (next() < 0.5) {
			verifications.push({ id: `${id}-v${n}`, occurrenceId: o.id, attendance: roll < 0.8 ? 'present' : 'absent', excused: roll < 0.9 ? null : false, recordedAt: iso(start + 200 * 60_000), recordedBy: 'u-clinician' });
		}
		if (n % 3 === 0) {
			const items = Array.from({ length: 9 }, () => Math.floor(next() * 3));
			items[8] = next() < 0.02 ? 1 : 0;
			surveys.push({ id: `${id}-phq${n}`, kind: 'phq9', items, updatedAt: iso(start + 200 * 60_000), updatedBy: `u-${id}` });
			surveys.push({ id: `${id}-gad${n}`, kind: 'gad7', items: items.slice(0, 7), updatedAt: iso(start + 201 * 60_000), updatedBy: `u-${id}` });
		}
	}
	return {
		id,
		displayName: `Participant ${index}`,
		care: {
			enrollment: { id: 'enrollment', ...STAMP, participantId: id, programId: 'demo', displayName: `Participant ${index}`, groupIds: [group.id], startDate, track: 'adult', plannedWeeklyHours: 9 },
			adjustments: [],
			leaves: [],
			verifications,
			makeups: [],
			outreach: [],
			levelOfCare: [],
			handledMessages: [],
			handledMakeupRequests: []
		},
		self: { presence, absences, surveys, makeupProgress: [], assignmentWork: [], messages: [] }
	};
}

/** Alex, in the evening group since Monday 2026-03-02, with no records but what `self` holds. */
export function enrolledAlex(self: Partial<NonNullable<ParticipantData['self']>> = {}): ParticipantData {
	return {
		id: 'alex',
		displayName: 'Alex M.',
		care: {
			enrollment: { id: 'enrollment', updatedAt: '2026-03-01T00:00:00.000Z', updatedBy: 'u-clinician', participantId: 'alex', programId: 'demo', displayName: 'Alex M.', groupIds: ['evening'], startDate: '2026-03-02', track: 'adult', plannedWeeklyHours: 9 },
			adjustments: [],
			leaves: [],
			verifications: [],
			makeups: [],
			outreach: [],
			levelOfCare: [],
			handledMessages: [],
			handledMakeupRequests: []
		},
		self: { presence: [], absences: [], surveys: [], makeupProgress: [], assignmentWork: [], messages: [], ...self }
	};
}
