/**
 * Realistic documents for the growth and caseload benchmarks, written the way the
 * app writes them: every record in its own transaction, through the real commands
 * and putRecord (validated), by several devices (a participant's phone and laptop,
 * three clinicians), with records replaced whole when they change.
 *
 * One participant-year: 3 evening sessions a week for 50 weeks (150 sessions);
 * per attended session a join and a leave (one in seven with a reconnect, one in
 * twenty with an inferred leave), a post-session survey and a clinician's
 * verification (one in ten verified twice); weekly PHQ-9 and GAD-7; one session in
 * eight missed, with an absence notice (some withdrawn), a make-up assignment and
 * its progress (started, then done); care-team messages, annotations, outreach, a
 * leave and level-of-care reviews. Heartbeats are awareness only and never stored.
 */
import * as Y from 'yjs';
import { checkIn, checkOut, recordInferredLeave, saveEnrollment, verifyAttendance } from '../../../src/lib/doc/commands.ts';
import { putRecord, putSingleton, stampSchemaVersion } from '../../../src/lib/doc/codec.ts';
import type { Group, SessionException } from '../../../src/lib/domain/records.ts';
import { defaultPolicy, DEFAULT_RISK_RULES } from '../../../src/lib/domain/policy.ts';
import { addDays, addMinutes, expandSchedule, type Occurrence } from '../../../src/lib/domain/schedule.ts';

export const TIME_ZONE = 'America/New_York';
export const YEAR_START = '2025-01-06'; // a Monday
export const YEAR_END = '2025-12-22'; // 50 weeks later
export const YEAR_RANGE = { from: '2025-01-06T05:00:00.000Z', to: '2025-12-22T05:00:00.000Z' };
const AUTHOR_AT = '2025-01-01T12:00:00.000Z';

/** A seeded generator, so every run builds the same documents. */
export function random(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** The n-th group of a program (n = 0 is the demo's evening group). */
export function benchGroup(n: number): Group {
	const weekdays = [
		[1, 2, 4],
		[1, 3, 5],
		[2, 4, 6]
	][n % 3] as number[];
	const hour = 9 + ((n * 3) % 10);
	return {
		id: n === 0 ? 'evening' : `group-${n}`,
		name: n === 0 ? 'Evening IOP' : `IOP group ${n}`,
		facilitator: `Clinician ${n % 7}`,
		weekdays,
		startTime: n === 0 ? '18:00' : `${String(hour).padStart(2, '0')}:00`,
		durationMinutes: 180,
		videoLink: `https://meet.example.org/group-${n}`,
		startsOn: '2024-06-03',
		updatedAt: AUTHOR_AT,
		updatedBy: 'u-admin'
	};
}

/** Writes as one device: Yjs keeps a device's writes under its own client id. */
function asDevice(doc: Y.Doc, clientId: number, write: () => void): void {
	doc.clientID = clientId;
	write();
}

/**
 * The program document of a program with `groups` groups: the groups, a year of
 * exceptions (8 holidays cancelled and 2 sessions moved per group), the make-up
 * catalog (a recording, a recap and a worksheet per curriculum topic, 36 topics),
 * 6 assignment templates, the policy, risk rules and program info.
 */
export function programDocument(groups: number): Y.Doc {
	const doc = new Y.Doc();
	const next = random(groups);
	const write = (fn: () => void) => asDevice(doc, 1000 + Math.floor(next() * 2), () => doc.transact(() => {
		stampSchemaVersion(doc);
		fn();
	}));
	write(() => {
		putSingleton(doc, 'program', 'info', {
			id: 'info',
			name: 'Bench IOP',
			timeZone: TIME_ZONE,
			backupPhone: '+1 555 0100',
			orientation: 'Welcome to the program. '.repeat(60),
			techHelp: 'If the video does not start, reload the page and check your camera permissions. '.repeat(20),
			updatedAt: AUTHOR_AT,
			updatedBy: 'u-admin'
		});
		putSingleton(doc, 'program', 'policy', defaultPolicy('policy', AUTHOR_AT, 'u-admin'));
		putSingleton(doc, 'program', 'riskRules', { id: 'risk', updatedAt: AUTHOR_AT, updatedBy: 'u-admin', ...DEFAULT_RISK_RULES });
	});
	const all = Array.from({ length: groups }, (_, n) => benchGroup(n));
	for (const group of all) write(() => putRecord(doc, 'program', 'groups', group));
	for (const group of all) {
		const occurrences = expandSchedule([group], [], TIME_ZONE, YEAR_RANGE);
		for (let i = 0; i < 10; i++) {
			const occurrence = occurrences[Math.floor(next() * occurrences.length)] as Occurrence;
			const base = { id: `x-${group.id}-${i}`, occurrenceId: occurrence.id, updatedAt: AUTHOR_AT, updatedBy: 'u-clin-1' };
			const exception: SessionException =
				i < 8
					? { ...base, kind: 'cancelled', reason: 'Holiday' }
					: { ...base, kind: 'moved', start: addMinutes(occurrence.start, 60), durationMinutes: 180, reason: 'Facilitator away' };
			write(() => putRecord(doc, 'program', 'exceptions', exception));
		}
	}
	const kinds = ['recording', 'recap', 'worksheet'] as const;
	for (let topic = 0; topic < 36; topic++) {
		for (const kind of kinds) {
			write(() =>
				putRecord(doc, 'program', 'makeupCatalog', {
					id: `m-${topic}-${kind}`,
					kind,
					title: `Topic ${topic}: coping skills, ${kind}`,
					url: `https://media.example.org/topics/${topic}/${kind}`,
					updatedAt: AUTHOR_AT,
					updatedBy: 'u-clin-1'
				})
			);
		}
	}
	const templates = ['cbt-thought-record', 'dbt-diary-card', 'mindfulness-log'] as const;
	for (let t = 0; t < 6; t++) {
		write(() =>
			putRecord(doc, 'program', 'assignmentCatalog', {
				id: `a-${t}`,
				kind: templates[t % 3] ?? 'cbt-thought-record',
				title: `Assignment ${t}`,
				instructions: 'Write down the situation, the thought, the feeling and a balanced response. '.repeat(4),
				updatedAt: AUTHOR_AT,
				updatedBy: 'u-clin-1'
			})
		);
	}
	return doc;
}

export interface ParticipantYear {
	self: Y.Doc;
	care: Y.Doc;
	sessions: number;
}

/** One participant's year in the evening group (see the file comment); `weeks` shortens it. */
export function participantYear(participantId: string, seed = 1, weeks = 50): ParticipantYear {
	const next = random(seed);
	const self = new Y.Doc();
	const care = new Y.Doc();
	const phone = 10_000 + seed * 10;
	const laptop = phone + 1;
	const clinicians = [20_001, 20_002, 20_003];
	const clinician = () => clinicians[Math.floor(next() * clinicians.length)] as number;
	const device = () => (next() < 0.7 ? phone : laptop);
	const stamp = (at: string, by: string) => ({ updatedAt: at, updatedBy: by });
	const me = `u-${participantId}`;

	asDevice(care, clinician(), () =>
		saveEnrollment(care, {
			id: 'enrollment',
			participantId,
			programId: 'demo',
			displayName: `Participant ${participantId}`,
			groupIds: ['evening'],
			startDate: YEAR_START,
			endDate: YEAR_END,
			track: 'adult',
			plannedWeeklyHours: 9,
			...stamp(AUTHOR_AT, 'u-clin-1')
		})
	);
	asDevice(self, phone, () =>
		self.transact(() => {
			stampSchemaVersion(self);
			putSingleton(self, 'self', 'reminders', { id: 'reminders', dayBefore: true, hourBefore: true, quietFrom: '22:00', quietTo: '07:00', ...stamp(AUTHOR_AT, me) });
		})
	);

	const occurrences = expandSchedule([benchGroup(0)], [], TIME_ZONE, YEAR_RANGE).slice(0, weeks * 3);
	const writeSelf = (by: number, fn: () => void) => asDevice(self, by, () => self.transact(() => fn()));
	const writeCare = (fn: () => void) => asDevice(care, clinician(), () => care.transact(() => fn()));
	occurrences.forEach((occurrence, index) => {
		const start = occurrence.start;
		const end = occurrence.end;
		const missed = next() < 0.125;
		const occurrenceId = occurrence.id;
		if (missed) {
			const notice = { id: `n-${index}`, occurrenceId, reason: 'illness' as const, note: 'Not feeling well today.', givenAt: addMinutes(start, -300) };
			writeSelf(device(), () => putRecord(self, 'self', 'absences', { ...notice, ...stamp(notice.givenAt, me) }));
			if (next() < 0.2) {
				const withdrawnAt = addMinutes(start, -120);
				writeSelf(device(), () => putRecord(self, 'self', 'absences', { ...notice, withdrawnAt, ...stamp(withdrawnAt, me) }));
			}
			const dueOn = addDays(occurrence.localDate, 7);
			const makeup = { id: `mk-${index}`, occurrenceId, catalogItemIds: [`m-${index % 36}-recording`, `m-${index % 36}-worksheet`], dueOn };
			writeCare(() => putRecord(care, 'care', 'makeups', { ...makeup, ...stamp(end, 'u-clin-1') }));
			for (const kind of ['recording', 'worksheet']) {
				const progress = { id: `mp-${index}-${kind}`, occurrenceId, makeupId: makeup.id, catalogItemId: `m-${index % 36}-${kind}` };
				writeSelf(device(), () => putRecord(self, 'self', 'makeupProgress', { ...progress, ...stamp(addMinutes(end, 1440), me) }));
				const doneAt = addMinutes(end, 2880);
				writeSelf(device(), () => putRecord(self, 'self', 'makeupProgress', { ...progress, doneAt, ...stamp(doneAt, me) }));
			}
			writeCare(() => putRecord(care, 'care', 'makeups', { ...makeup, verifiedAt: addMinutes(end, 4320), ...stamp(addMinutes(end, 4320), 'u-clin-1') }));
		} else {
			const by = device();
			const late = next() < 0.1 ? 15 : 1;
			asDevice(self, by, () => checkIn(self, { occurrenceId, at: addMinutes(start, late), deviceId: `d-${by}` }));
			if (next() < 1 / 7) {
				asDevice(self, by, () => checkOut(self, { occurrenceId, at: addMinutes(start, 50), deviceId: `d-${by}` }));
				asDevice(self, by, () => checkIn(self, { occurrenceId, at: addMinutes(start, 53), deviceId: `d-${by}` }));
			}
			const leave = { occurrenceId, at: addMinutes(end, -1), deviceId: `d-${by}` };
			asDevice(self, by, () => (next() < 0.05 ? recordInferredLeave(self, leave) : checkOut(self, leave)));
			writeSelf(by, () =>
				putRecord(self, 'self', 'surveys', {
					id: `s-${index}`,
					kind: 'post-session',
					occurrenceId,
					attended: true,
					rating: 1 + Math.floor(next() * 5),
					mood: 1 + Math.floor(next() * 5),
					helped: 'Talking about triggers with the group.',
					comment: next() < 0.3 ? 'Good session, thank you.' : '',
					...stamp(end, me)
				})
			);
		}
		const verification = {
			occurrenceId,
			attendance: missed ? ('absent' as const) : ('present' as const),
			excused: missed ? true : null,
			camera: !missed,
			verbal: !missed,
			engagement: missed ? undefined : 1 + Math.floor(next() * 5),
			mode: missed ? undefined : ('video' as const),
			recordedAt: addMinutes(end, 30),
			recordedBy: 'u-clin-1'
		};
		asDevice(care, clinician(), () => verifyAttendance(care, verification));
		if (next() < 0.1) asDevice(care, clinician(), () => verifyAttendance(care, { ...verification, recordedAt: addMinutes(end, 1440), engagement: 3 }));
		if (index % 3 === 0) {
			const at = addMinutes(end, 60);
			writeSelf(device(), () => putRecord(self, 'self', 'surveys', { id: `phq-${index}`, kind: 'phq9', items: [1, 1, 0, 2, 1, 0, 1, 0, 0], ...stamp(at, me) }));
			writeSelf(device(), () => putRecord(self, 'self', 'surveys', { id: `gad-${index}`, kind: 'gad7', items: [1, 2, 1, 0, 1, 1, 0], ...stamp(at, me) }));
		}
		if (index % 15 === 0) {
			const at = addMinutes(end, 120);
			writeSelf(device(), () => putRecord(self, 'self', 'messages', { id: `msg-${index}`, text: 'Can I join the Thursday group by phone this week?', topic: 'phone-session-request', ...stamp(at, me) }));
			writeCare(() => putRecord(care, 'care', 'annotations', { id: `an-${index}`, target: occurrenceId, text: 'Shared a relapse-prevention plan; follow up next week.', ...stamp(at, 'u-clin-1') }));
			writeCare(() => putRecord(care, 'care', 'outreach', { id: `o-${index}`, channel: 'phone', outcome: 'reached', note: 'Checked in about attendance; no concerns.', at, ...stamp(at, 'u-clin-1') }));
		}
	});
	writeCare(() => putRecord(care, 'care', 'leaves', { id: 'leave-1', from: '2025-07-07', to: '2025-07-13', reason: 'Family travel', ...stamp('2025-06-30T15:00:00.000Z', 'u-clin-1') }));
	for (const [i, at] of ['2025-04-01T15:00:00.000Z', '2025-08-01T15:00:00.000Z', '2025-12-01T15:00:00.000Z'].entries()) {
		writeCare(() => putRecord(care, 'care', 'levelOfCare', { id: `loc-${i}`, recommendation: 'stay', reason: 'Steady attendance and engagement.', at, ...stamp(at, 'u-clin-1') }));
	}
	return { self, care, sessions: occurrences.length };
}
