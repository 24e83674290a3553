/**
 * Co-facilitators verify the same roster and record its present count while a
 * simulated network delivers late, out of order, twice, or after a partition, and
 * staff change the program's set-up meanwhile. Once everything has arrived, every
 * device shows the same roster, the same recorded count and the same set-up, and
 * no version is lost.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type * as Y from 'yjs';
import { verifyAttendance } from '../../src/lib/doc/commands.ts';
import { removeException, saveException, saveGroup, savePolicy } from '../../src/lib/doc/program-commands.ts';
import { readCare, readProgram } from '../../src/lib/doc/read.ts';
import { recordSessionCount } from '../../src/lib/doc/session-commands.ts';
import { resolveAttendance } from '../../src/lib/domain/attendance.ts';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy.ts';
import { AttendanceStatus } from '../../src/lib/domain/records.ts';
import { latestSessionRecord, verifiedPresentCount } from '../../src/lib/domain/roster-verify.ts';
import { SimulatedNetwork } from './support/network.ts';

const ids = vi.hoisted(() => ({ next: 0 }));
vi.mock('ulid', () => ({ ulid: () => `id${String(++ids.next).padStart(10, '0')}` }));

const SEED = 20261127;
const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 200);

type Kind = 'program' | 'care-alex' | 'care-blair';
const PARTICIPANTS = ['alex', 'blair'] as const;
const CLINICIANS = ['clin-a', 'clin-b'] as const;
const STAFF = [...CLINICIANS, 'admin'] as const;
const SESSION = { id: 'evening@2026-03-09', start: '2026-03-09T22:00:00.000Z', end: '2026-03-09T23:30:00.000Z' };
const GROUP = { name: 'Evening', facilitator: 'Sam', weekdays: [1], startTime: '18:00', durationMinutes: 90, videoLink: 'https://meet.example.org/e', startsOn: '2026-03-02' };
const at = (minute: number) => new Date(Date.parse('2026-03-10T12:00:00.000Z') + minute * 60_000).toISOString();

type Step =
	| { t: 'verify'; clinician: number; participant: number; attendance: AttendanceStatus; minute: number }
	| { t: 'count'; clinician: number; minute: number }
	| { t: 'setup'; writer: number; what: 'group' | 'cancel' | 'restore' | 'policy'; value: number; minute: number }
	| { t: 'deliver'; pick: number; duplicate: boolean }
	| { t: 'partition'; mask: number }
	| { t: 'heal' };

const nat = (max: number) => fc.integer({ min: 0, max });
const step: fc.Arbitrary<Step> = fc.oneof(
	{ weight: 4, arbitrary: fc.record({ t: fc.constant('verify' as const), clinician: nat(1), participant: nat(1), attendance: fc.constantFrom(...AttendanceStatus.options), minute: nat(5) }) },
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('count' as const), clinician: nat(1), minute: nat(5) }) },
	{ weight: 2, arbitrary: fc.record({ t: fc.constant('setup' as const), writer: nat(2), what: fc.constantFrom('group' as const, 'cancel' as const, 'restore' as const, 'policy' as const), value: nat(3), minute: nat(5) }) },
	{ weight: 6, arbitrary: fc.record({ t: fc.constant('deliver' as const), pick: nat(1000), duplicate: fc.boolean() }) },
	{ weight: 1, arbitrary: fc.record({ t: fc.constant('partition' as const), mask: nat(7) }) },
	{ weight: 1, arbitrary: fc.constant({ t: 'heal' as const }) }
);
const scenario = fc.record({ steps: fc.array(step, { minLength: 5, maxLength: 50 }), drain: fc.array(nat(1000), { minLength: 1, maxLength: 10 }) });

function roster(docs: Partial<Record<Kind, Y.Doc>>) {
	return PARTICIPANTS.map((p) =>
		resolveAttendance({
			occurrence: SESSION,
			events: [],
			verifications: readCare(docs[`care-${p}`]!).verifications,
			notices: [],
			policy: DEFAULT_POLICY,
			now: at(60)
		})
	);
}

/** A Y.Map's entries may be listed in a different order on each device: compare by id. */
function programView(d: Y.Doc) {
	const { groups, exceptions, ...rest } = readProgram(d);
	const byId = <T extends { id: string }>(records: T[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));
	return { ...rest, groups: byId(groups), exceptions: byId(exceptions) };
}

function run(input: typeof scenario extends fc.Arbitrary<infer T> ? T : never): number {
	ids.next = 0;
	const empty = { program: new Uint8Array([0, 0]), 'care-alex': new Uint8Array([0, 0]), 'care-blair': new Uint8Array([0, 0]) };
	const net = new SimulatedNetwork<Kind>();
	CLINICIANS.forEach((name, i) => net.add(name, 20 + i, ['program', 'care-alex', 'care-blair'], empty));
	net.add('admin', 30, ['program'], empty);
	// a participant's device reads the program and their own care document
	net.add('alex-phone', 40, ['program', 'care-alex'], empty);
	const doc = (peer: string, kind: Kind) => net.peers.get(peer)!.docs[kind]!;
	const written = { verifications: 0, counts: 0 };

	for (const s of input.steps) {
		switch (s.t) {
			case 'verify': {
				const clinician = CLINICIANS[s.clinician]!;
				const participant = PARTICIPANTS[s.participant]!;
				verifyAttendance(doc(clinician, `care-${participant}`), {
					occurrenceId: SESSION.id,
					attendance: s.attendance,
					...(s.attendance === 'partial' ? { minutes: 30 } : {}),
					excused: null,
					recordedAt: at(s.minute),
					recordedBy: clinician
				});
				written.verifications++;
				break;
			}
			case 'count': {
				// what this clinician's device sees right now, possibly stale
				const clinician = CLINICIANS[s.clinician]!;
				const presentCount = verifiedPresentCount(roster(net.peers.get(clinician)!.docs));
				recordSessionCount(doc(clinician, 'program'), { occurrenceId: SESSION.id, presentCount, recordedAt: at(s.minute), recordedBy: clinician });
				written.counts++;
				break;
			}
			case 'setup': {
				const writer = STAFF[s.writer]!;
				const program = doc(writer, 'program');
				const stamp = { at: at(s.minute), by: writer };
				if (s.what === 'group') saveGroup(program, 'evening', { ...GROUP, durationMinutes: 60 + 30 * s.value }, stamp);
				else if (s.what === 'cancel') saveException(program, { kind: 'cancelled', occurrenceId: SESSION.id, reason: `reason ${s.value}` }, stamp);
				else if (s.what === 'policy') savePolicy(program, { ...DEFAULT_POLICY, lateAfterMinutes: 5 * s.value }, stamp);
				else for (const e of readProgram(program).exceptions.filter((x) => !x.deletedAt)) removeException(program, e, stamp);
				break;
			}
			case 'deliver':
				net.deliver(s.pick, s.duplicate);
				break;
			case 'partition':
				net.partition(STAFF.filter((_, i) => (s.mask >> i) & 1));
				break;
			case 'heal':
				net.heal();
				break;
		}
	}
	net.drain(input.drain);

	const staffViews = CLINICIANS.map((name) => ({ roster: roster(net.peers.get(name)!.docs), program: programView(doc(name, 'program')) }));
	for (const other of staffViews.slice(1)) expect(other).toEqual(staffViews[0]);
	const programs = [...STAFF, 'alex-phone'].map((name) => programView(doc(name, 'program')));
	for (const other of programs.slice(1)) {
		expect(other).toEqual(programs[0]);
		expect(latestSessionRecord(other.sessionRecords, SESSION.id)).toEqual(latestSessionRecord(programs[0]!.sessionRecords, SESSION.id));
	}
	// the participant's phone sees the same verifications of their own as the clinicians
	expect(readCare(doc('alex-phone', 'care-alex')).verifications).toEqual(readCare(doc('clin-a', 'care-alex')).verifications);
	// every version kept, none doubled, none invalid
	const care = PARTICIPANTS.flatMap((p) => readCare(doc('clin-b', `care-${p}`)).verifications);
	expect(care).toHaveLength(written.verifications);
	expect(programs[0]!.sessionRecords).toHaveLength(written.counts);
	expect(programs[0]!.invalid).toEqual([]);
	return net.delivered;
}

describe('co-facilitators and staff converge under a hostile network', () => {
	it(`${RUNS} seeded scenarios: same roster, recorded count and set-up on every device`, { timeout: 120_000 }, () => {
		let delivered = 0;
		fc.assert(
			fc.property(scenario, (input) => {
				delivered += run(input);
			}),
			{ seed: SEED, numRuns: RUNS }
		);
		expect(delivered).toBeGreaterThan(RUNS);
	});
});
