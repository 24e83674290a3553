/**
 * Random peers of one participant's documents, the domain commands each may run,
 * and the check that all of them derive the same results once the network has
 * delivered everything. Shared by the seeded property test and its pinned seeds.
 */
import fc from 'fast-check';
import { expect } from 'vitest';
import type * as Y from 'yjs';
import { putRecord, putSingleton, stampSchemaVersion } from '../../../src/lib/doc/codec.ts';
import { checkIn, checkOut, LOCAL_ORIGIN, recordInferredLeave, saveEnrollment, verifyAttendance } from '../../../src/lib/doc/commands.ts';
import { giveAbsenceNotice, withdrawAbsenceNotice } from '../../../src/lib/doc/absence-commands.ts';
import { adjustSchedule, assignMakeup, logOutreach, recordLeave, verifyMakeup } from '../../../src/lib/doc/care-commands.ts';
import { readCare, readProgram, readSelf } from '../../../src/lib/doc/read.ts';
import { DEFAULT_POLICY } from '../../../src/lib/domain/policy.ts';
import { AbsenceReason, AttendanceStatus } from '../../../src/lib/domain/records.ts';
import { addDays } from '../../../src/lib/domain/schedule.ts';
import { SimulatedNetwork } from './network.ts';
import { baseState, CATALOG, deriveParticipant, deriveSchedule, ENROLLMENT, OCCURRENCES, PARTICIPANT } from './world.ts';

type Kind = 'program' | 'self' | 'care';
const DEVICES = ['phone', 'laptop'] as const;
const CLINICIANS = ['clin-a', 'clin-b'] as const;
const ADMIN = 'admin';
const ALL = [...DEVICES, ...CLINICIANS, ADMIN];

const iso = (ms: number) => new Date(ms).toISOString();
const occurrence = (i: number) => OCCURRENCES[i % OCCURRENCES.length]!;
const offset = (i: number, minutes: number) => iso(Date.parse(occurrence(i).start) + minutes * 60_000);

export type Step =
	| { t: 'presence'; device: number; kind: 'join' | 'leave' | 'inferred'; occ: number; minute: number }
	| { t: 'notice'; device: number; occ: number; reason: AbsenceReason; hoursBefore: number; withdraw: boolean }
	| { t: 'verify'; clinician: number; occ: number; attendance: AttendanceStatus; minutes: number; excused: boolean | null; recordedMinute: number }
	| { t: 'enroll'; clinician: number; groups: number; startShift: number; minute: number }
	| { t: 'leave'; clinician: number; from: number; days: number; remove: boolean; minute: number }
	| { t: 'makeup'; clinician: number; occ: number; items: number; dueIn: number; verify: boolean; minute: number }
	| { t: 'progress'; device: number; occ: number; item: number; done: boolean; minute: number }
	| { t: 'outreach'; clinician: number; minute: number }
	| { t: 'phq9'; device: number; item9: number; minute: number }
	| { t: 'skip'; clinician: number; occ: number; remove: boolean; minute: number }
	| { t: 'cancel'; writer: number; occ: number; remove: boolean; minute: number }
	| { t: 'policy'; writer: number; presentFraction: number; lateAfterMinutes: number; minute: number }
	| { t: 'deliver'; pick: number; duplicate: boolean }
	| { t: 'partition'; mask: number }
	| { t: 'heal' };

const nat = (max: number) => fc.integer({ min: 0, max });
const step: fc.Arbitrary<Step> = fc.oneof(
	{ weight: 6, arbitrary: fc.record({ t: fc.constant('presence' as const), device: nat(1), kind: fc.constantFrom('join' as const, 'leave' as const, 'inferred' as const), occ: nat(50), minute: fc.integer({ min: -20, max: 200 }) }) },
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('notice' as const), device: nat(1), occ: nat(50), reason: fc.constantFrom(...AbsenceReason.options), hoursBefore: fc.integer({ min: -2, max: 72 }), withdraw: fc.boolean() }) },
	{ weight: 3, arbitrary: fc.record({ t: fc.constant('verify' as const), clinician: nat(1), occ: nat(50), attendance: fc.constantFrom(...AttendanceStatus.options), minutes: nat(180), excused: fc.constantFrom(true, false, null), recordedMinute: nat(3) }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('enroll' as const), clinician: nat(1), groups: fc.integer({ min: 1, max: 3 }), startShift: fc.integer({ min: -3, max: 10 }), minute: nat(5) }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('leave' as const), clinician: nat(1), from: nat(13), days: nat(4), remove: fc.boolean(), minute: nat(5) }) },
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('makeup' as const), clinician: nat(1), occ: nat(50), items: fc.integer({ min: 1, max: 7 }), dueIn: fc.integer({ min: -3, max: 10 }), verify: fc.boolean(), minute: nat(5) }) },
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('progress' as const), device: nat(1), occ: nat(50), item: nat(2), done: fc.boolean(), minute: nat(5) }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('outreach' as const), clinician: nat(1), minute: nat(5) }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('phq9' as const), device: nat(1), item9: nat(3), minute: nat(5) }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('skip' as const), clinician: nat(1), occ: nat(50), remove: fc.boolean(), minute: nat(5) }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('cancel' as const), writer: nat(2), occ: nat(50), remove: fc.boolean(), minute: nat(5) }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('policy' as const), writer: nat(2), presentFraction: fc.constantFrom(0.5, 0.75, 0.9), lateAfterMinutes: fc.constantFrom(5, 10, 15), minute: nat(5) }) },
	{ weight: 8, arbitrary: fc.record({ t: fc.constant('deliver' as const), pick: nat(1000), duplicate: fc.boolean() }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('partition' as const), mask: nat(31) }) },
	{ weight: 1, arbitrary: fc.constant({ t: 'heal' as const }) }
);

export const scenario = fc.record({
	steps: fc.array(step, { minLength: 5, maxLength: 60 }),
	/** the order in which whatever is still queued at the end arrives */
	drain: fc.array(nat(1000), { minLength: 1, maxLength: 20 })
});
export type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

/** Writers' clocks drift a little; each record carries its writer's time. */
const writtenAt = (minute: number) => iso(Date.parse('2026-03-17T12:00:00.000Z') + minute * 60_000);

interface Written {
	presence: Set<string>;
	verifications: Set<string>;
}

function apply(net: SimulatedNetwork<Kind>, s: Step, written: Written): void {
	const doc = (peer: string, kind: Kind) => net.peers.get(peer)!.docs[kind]!;
	const transact = (d: Y.Doc, write: () => void) => d.transact(() => (stampSchemaVersion(d), write()), LOCAL_ORIGIN);
	switch (s.t) {
		case 'presence': {
			const deviceId = DEVICES[s.device]!;
			const input = { occurrenceId: occurrence(s.occ).id, at: offset(s.occ, s.minute), deviceId };
			const write = s.kind === 'join' ? checkIn : s.kind === 'leave' ? checkOut : recordInferredLeave;
			written.presence.add(write(doc(deviceId, 'self'), input));
			return;
		}
		case 'notice': {
			const self = doc(DEVICES[s.device]!, 'self');
			const givenAt = offset(s.occ, -s.hoursBefore * 60);
			const occurrenceId = occurrence(s.occ).id;
			const known = readSelf(self).absences.find((n) => n.occurrenceId === occurrenceId && !n.withdrawnAt);
			if (s.withdraw && known) withdrawAbsenceNotice(self, known, givenAt, PARTICIPANT);
			else giveAbsenceNotice(self, { occurrenceId, reason: s.reason, note: '', at: givenAt, by: PARTICIPANT });
			return;
		}
		case 'verify': {
			const clinician = CLINICIANS[s.clinician]!;
			const id = verifyAttendance(doc(clinician, 'care'), {
				occurrenceId: occurrence(s.occ).id,
				attendance: s.attendance,
				...(s.attendance === 'partial' ? { minutes: s.minutes } : {}),
				excused: s.excused,
				recordedAt: writtenAt(s.recordedMinute),
				recordedBy: clinician
			});
			written.verifications.add(id);
			return;
		}
		case 'enroll': {
			const clinician = CLINICIANS[s.clinician]!;
			const care = doc(clinician, 'care');
			// A replaced singleton can be missing for a moment: an update that arrives before
			// the one it builds on deletes the old value at once, while the new one waits
			// for its predecessor. The clinician's form then starts from the known record.
			const current = readCare(care).enrollment ?? ENROLLMENT;
			const groupIds = [['evening'], ['daytime'], ['evening', 'daytime']][s.groups - 1]!;
			saveEnrollment(care, { ...current, groupIds, startDate: addDays('2026-03-09', s.startShift), updatedAt: writtenAt(s.minute), updatedBy: clinician });
			return;
		}
		case 'leave': {
			const clinician = CLINICIANS[s.clinician]!;
			const care = doc(clinician, 'care');
			const stamp = { by: clinician, at: writtenAt(s.minute) };
			const existing = readCare(care).leaves.find((l) => !l.deletedAt);
			// no command removes a leave yet: the record is replaced with deletedAt, as a removal is
			if (s.remove && existing) transact(care, () => putRecord(care, 'care', 'leaves', { ...existing, deletedAt: stamp.at, updatedAt: stamp.at, updatedBy: stamp.by }));
			else {
				const from = addDays('2026-03-09', s.from);
				recordLeave(care, { from, to: addDays(from, s.days), reason: 'medical' }, stamp);
			}
			return;
		}
		case 'makeup': {
			const clinician = CLINICIANS[s.clinician]!;
			const care = doc(clinician, 'care');
			const stamp = { by: clinician, at: writtenAt(s.minute) };
			const o = occurrence(s.occ);
			const existing = readCare(care).makeups.find((m) => m.occurrenceId === o.id && !m.deletedAt);
			if (s.verify && existing) verifyMakeup(care, existing, stamp);
			else {
				const catalogItemIds = CATALOG.filter((_, i) => (s.items >> i) & 1).map((item) => item.id);
				assignMakeup(care, { occurrenceId: o.id, catalogItemIds, dueOn: addDays(o.localDate, s.dueIn) }, stamp, existing?.id);
			}
			return;
		}
		case 'progress': {
			const self = doc(DEVICES[s.device]!, 'self');
			const o = occurrence(s.occ);
			const catalogItemId = CATALOG[s.item]!.id;
			// no participant command writes make-up steps yet: the record as the make-up page would
			transact(self, () =>
				putRecord(self, 'self', 'makeupProgress', {
					id: `step-${o.id.replace('@', '-')}-${catalogItemId}`,
					updatedAt: writtenAt(s.minute),
					updatedBy: PARTICIPANT,
					occurrenceId: o.id,
					catalogItemId,
					...(s.done ? { doneAt: writtenAt(s.minute) } : {})
				})
			);
			return;
		}
		case 'outreach':
			logOutreach(doc(CLINICIANS[s.clinician]!, 'care'), { channel: 'phone', outcome: 'reached', note: '' }, { by: CLINICIANS[s.clinician]!, at: writtenAt(s.minute) });
			return;
		case 'phq9': {
			const self = doc(DEVICES[s.device]!, 'self');
			transact(self, () =>
				putRecord(self, 'self', 'surveys', { id: `phq9-${s.device}-${s.minute}`, updatedAt: writtenAt(s.minute), updatedBy: PARTICIPANT, kind: 'phq9', items: [1, 1, 1, 1, 0, 0, 0, 0, s.item9] })
			);
			return;
		}
		case 'skip': {
			const clinician = CLINICIANS[s.clinician]!;
			const care = doc(clinician, 'care');
			const o = occurrence(s.occ);
			const stamp = { by: clinician, at: writtenAt(s.minute) };
			const existing = readCare(care).adjustments.find((a) => a.occurrenceId === o.id && !a.deletedAt);
			if (s.remove && existing) transact(care, () => putRecord(care, 'care', 'adjustments', { ...existing, deletedAt: stamp.at, updatedAt: stamp.at, updatedBy: stamp.by }));
			else adjustSchedule(care, { kind: 'skip-occurrence', occurrenceId: o.id, from: o.localDate, reason: 'appointment' }, stamp);
			return;
		}
		case 'cancel': {
			const writer = [...CLINICIANS, ADMIN][s.writer]!;
			const program = doc(writer, 'program');
			const o = occurrence(s.occ);
			transact(program, () =>
				putRecord(program, 'program', 'exceptions', {
					id: `cancel-${o.id.replace('@', '-')}`,
					updatedAt: writtenAt(s.minute),
					updatedBy: writer,
					kind: 'cancelled',
					occurrenceId: o.id,
					reason: 'holiday',
					...(s.remove ? { deletedAt: writtenAt(s.minute) } : {})
				})
			);
			return;
		}
		case 'policy': {
			const writer = [...CLINICIANS, ADMIN][s.writer]!;
			const program = doc(writer, 'program');
			const current = readProgram(program).policy ?? { id: 'policy', updatedAt: writtenAt(0), updatedBy: writer, ...DEFAULT_POLICY };
			transact(program, () =>
				putSingleton(program, 'program', 'policy', {
					...current,
					presentFraction: s.presentFraction,
					lateAfterMinutes: s.lateAfterMinutes,
					updatedAt: writtenAt(s.minute),
					updatedBy: writer
				})
			);
			return;
		}
		case 'deliver':
			net.deliver(s.pick, s.duplicate);
			return;
		case 'partition':
			net.partition(ALL.filter((_, i) => (s.mask >> i) & 1));
			return;
		case 'heal':
			net.heal();
			return;
	}
}

/** Runs one scenario and asserts that every peer ends with the same derived results. */
export function runScenario(input: Scenario): { delivered: number } {
	const base = baseState();
	const net = new SimulatedNetwork<Kind>();
	// who holds what (DESIGN §2): the participant's devices and the clinicians hold
	// all three documents, the admin holds the program document
	DEVICES.forEach((name, i) => net.add(name, 10 + i, ['program', 'self', 'care'], base));
	CLINICIANS.forEach((name, i) => net.add(name, 20 + i, ['program', 'self', 'care'], base));
	net.add(ADMIN, 30, ['program'], base);

	const written: Written = { presence: new Set(), verifications: new Set() };
	for (const s of input.steps) apply(net, s, written);
	net.drain(input.drain);

	const holders = [...DEVICES, ...CLINICIANS].map((name) => net.peers.get(name)!.docs as Record<Kind, Y.Doc>);
	const derived = holders.map((docs) => deriveParticipant(docs));
	for (const other of derived.slice(1)) expect(other).toEqual(derived[0]);
	const schedules = ALL.map((name) => deriveSchedule(net.peers.get(name)!.docs.program!));
	for (const other of schedules.slice(1)) expect(other).toEqual(schedules[0]);

	// nothing lost, nothing doubled, nothing invalid
	const self = readSelf(holders[0]!.self);
	const care = readCare(holders[0]!.care);
	expect(self.presence.map((e) => e.id).sort()).toEqual([...written.presence].sort());
	expect(care.verifications.map((v) => v.id).sort()).toEqual([...written.verifications].sort());
	expect(derived[0]!.invalid).toEqual([]);
	return { delivered: net.delivered };
}
