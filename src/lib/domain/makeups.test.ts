import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { makeupLedger, makeupSummary, type MakeupInput } from './makeups.ts';
import { resolveSessions } from './metrics.ts';
import { DEFAULT_POLICY } from './policy.ts';
import type { MakeupAssignment, MakeupCatalogItem, MakeupProgress, PresenceEvent } from './records.ts';
import { eveningSession, visit } from './session-fixtures.test-support.ts';

const NY = 'America/New_York';
const stamp = (updatedAt = '2026-03-01T00:00:00.000Z', updatedBy = 'u-admin') => ({ updatedAt, updatedBy });

const catalog: MakeupCatalogItem[] = [
	{ id: 'rec', ...stamp(), kind: 'recording', title: 'Session recording', url: 'https://media.example.org/rec', groupId: 'evening' },
	{ id: 'ws', ...stamp(), kind: 'worksheet', title: 'Worksheet' },
	{ id: 'one', ...stamp(), kind: 'one-to-one', title: 'One-to-one with your clinician' },
	{ id: 'other-group', ...stamp(), kind: 'recap', title: 'Daytime recap', groupId: 'daytime' }
];

const step = (date: string, catalogItemId: string, doneAt: string | undefined, id = `${date}-${catalogItemId}`, updatedAt = '2026-03-04T00:00:00.000Z'): MakeupProgress => ({
	id: id.replaceAll('@', '_'),
	...stamp(updatedAt, 'u-alex'),
	occurrenceId: `evening@${date}`,
	catalogItemId,
	...(doneAt ? { doneAt } : {})
});

const NOW = '2026-03-05T12:00:00.000Z';

function input(overrides: Partial<MakeupInput> = {}, events: PresenceEvent[] = [], occurrences = [eveningSession('2026-03-02'), eveningSession('2026-03-03'), eveningSession('2026-03-04')]): MakeupInput {
	return {
		sessions: resolveSessions(occurrences, { events, verifications: [], notices: [] }, DEFAULT_POLICY, overrides.now ?? NOW),
		assignments: [],
		progress: [],
		catalog,
		policy: DEFAULT_POLICY,
		timeZone: NY,
		now: NOW,
		...overrides
	};
}

describe('what is owed', () => {
	it('absent and partial sessions owe a make-up due a week after the session; attended ones do not', () => {
		const events = [...visit('2026-03-02', 60), ...visit('2026-03-03', 20)];
		const ledger = makeupLedger(input({}, events));
		expect(ledger.map((o) => [o.occurrence.id, o.reason, o.dueOn, o.status])).toEqual([
			['evening@2026-03-03', 'partial', '2026-03-10', 'owed'],
			['evening@2026-03-04', 'absent', '2026-03-11', 'owed']
		]);
	});

	it('an absence the care team excused still owes a make-up, and says it was excused', () => {
		const occurrences = [eveningSession('2026-03-02'), eveningSession('2026-03-03')];
		const verified = (occurrenceId: string, excused: boolean | null) => ({ id: `v-${occurrenceId}`, occurrenceId, attendance: 'absent' as const, excused, recordedAt: '2026-03-04T02:00:00.000Z', recordedBy: 'u-c' });
		const verifications = [verified('evening@2026-03-02', true), verified('evening@2026-03-03', false)];
		const sessions = resolveSessions(occurrences, { events: [], verifications, notices: [] }, DEFAULT_POLICY, NOW);
		expect(makeupLedger(input({ sessions })).map((o) => [o.occurrence.id, o.reason, o.excused])).toEqual([
			['evening@2026-03-02', 'absent', true],
			['evening@2026-03-03', 'absent', false]
		]);
		// excusing is about absences: a partial session verified as excused is not called an excused absence
		const partial = { ...verified('evening@2026-03-02', true), attendance: 'partial' as const, minutes: 30 };
		const partialSessions = resolveSessions(occurrences.slice(0, 1), { events: [], verifications: [partial], notices: [] }, DEFAULT_POLICY, NOW);
		expect(makeupLedger(input({ sessions: partialSessions })).map((o) => [o.reason, o.excused])).toEqual([['partial', false]]);
	});

	it('sessions on leave or cancelled owe nothing', () => {
		const occurrences = [eveningSession('2026-03-02', { onLeave: true }), eveningSession('2026-03-03', { cancelled: true })];
		expect(makeupLedger(input({}, [], occurrences))).toEqual([]);
	});

	it('offers the catalog items for the session’s group and items for every group', () => {
		const [first] = makeupLedger(input());
		expect(first?.steps.map((s) => s.catalogItemId)).toEqual(['rec', 'ws', 'one']);
	});
});

describe('completing a make-up', () => {
	it('a recording plus its worksheet makes it up; the recording alone is in progress', () => {
		const half = makeupLedger(input({ progress: [step('2026-03-02', 'rec', NOW)] }))[0];
		expect(half?.status).toBe('in-progress');
		const whole = makeupLedger(input({ progress: [step('2026-03-02', 'rec', NOW), step('2026-03-02', 'ws', NOW)] }))[0];
		expect(whole?.status).toBe('made-up');
	});

	it('a one-to-one alone makes it up', () => {
		expect(makeupLedger(input({ progress: [step('2026-03-02', 'one', NOW)] }))[0]?.status).toBe('made-up');
	});

	it('the newest version of a step decides, so a step can be undone from another device', () => {
		const done = step('2026-03-02', 'one', NOW, 'a', '2026-03-04T00:00:00.000Z');
		const undone = step('2026-03-02', 'one', undefined, 'b', '2026-03-04T01:00:00.000Z');
		expect(makeupLedger(input({ progress: [done, undone] }))[0]?.status).toBe('owed');
		expect(makeupLedger(input({ progress: [undone, done] }))[0]?.status).toBe('owed');
	});

	it('asking for a one-to-one is remembered on its step and does not make it up by itself', () => {
		const asked: MakeupProgress = { ...step('2026-03-02', 'one', undefined), requestedAt: '2026-03-04T00:00:00.000Z' };
		const [obligation] = makeupLedger(input({ progress: [asked] }));
		expect(obligation?.status).toBe('owed');
		expect(obligation?.steps.find((s) => s.catalogItemId === 'one')).toMatchObject({ requestedAt: '2026-03-04T00:00:00.000Z', doneAt: null });
		const had = { ...asked, doneAt: NOW, updatedAt: NOW };
		expect(makeupLedger(input({ progress: [asked, had] }))[0]?.steps.find((s) => s.catalogItemId === 'one')).toMatchObject({ requestedAt: '2026-03-04T00:00:00.000Z', doneAt: NOW });
	});

	it('waits for a clinician’s verification when the policy asks for one', () => {
		const policy = { ...DEFAULT_POLICY, makeupNeedsVerification: true };
		const progress = [step('2026-03-02', 'one', NOW)];
		expect(makeupLedger(input({ policy, progress }))[0]?.status).toBe('done');
		const assignment: MakeupAssignment = {
			id: 'm1',
			...stamp(NOW, 'u-clinician'),
			occurrenceId: 'evening@2026-03-02',
			catalogItemIds: ['one'],
			dueOn: '2026-03-09',
			verifiedAt: NOW
		};
		expect(makeupLedger(input({ policy, progress, assignments: [assignment] }))[0]?.status).toBe('made-up');
	});
});

describe('assignments', () => {
	const assignment: MakeupAssignment = {
		id: 'm1',
		...stamp('2026-03-03T00:00:00.000Z', 'u-clinician'),
		occurrenceId: 'evening@2026-03-02',
		catalogItemIds: ['rec', 'ws'],
		dueOn: '2026-03-04'
	};

	it('what a clinician assigned is owed, by its due date, and all of it is needed', () => {
		const [first] = makeupLedger(input({ assignments: [assignment], progress: [step('2026-03-02', 'rec', NOW)] }));
		expect(first?.steps.map((s) => [s.catalogItemId, Boolean(s.doneAt)])).toEqual([
			['rec', true],
			['ws', false]
		]);
		expect(first?.dueOn).toBe('2026-03-04');
		expect(first?.overdue).toBe(true);
	});

	it('a clinician can ask for a make-up for a session that would not owe one', () => {
		const ledger = makeupLedger(input({ assignments: [assignment] }, visit('2026-03-02', 60)));
		expect(ledger.find((o) => o.occurrence.id === 'evening@2026-03-02')?.reason).toBe('assigned');
	});

	it('a removed assignment falls back to the catalog options', () => {
		const removed = { ...assignment, updatedAt: '2026-03-04T00:00:00.000Z', deletedAt: '2026-03-04T00:00:00.000Z' };
		const [first] = makeupLedger(input({ assignments: [assignment, removed] }));
		expect(first?.assignment).toBeNull();
		expect(first?.dueOn).toBe('2026-03-09');
	});
});

describe('overdue', () => {
	it('is past the due date in the program’s zone and not yet finished', () => {
		const late = '2026-03-10T12:00:00.000Z';
		const ledger = makeupLedger(input({ now: late, progress: [step('2026-03-03', 'one', late)] }));
		expect(ledger.map((o) => [o.occurrence.id, o.overdue])).toEqual([
			['evening@2026-03-02', true],
			['evening@2026-03-03', false],
			['evening@2026-03-04', false]
		]);
		expect(makeupSummary(ledger)).toEqual({ pending: 2, overdue: 1, madeUp: 1 });
	});

	it('the ledger does not depend on the order records arrive in', () => {
		const progress = [
			step('2026-03-02', 'rec', NOW, 'a', '2026-03-04T00:00:00.000Z'),
			step('2026-03-02', 'rec', undefined, 'b', '2026-03-04T00:00:00.000Z'),
			step('2026-03-02', 'ws', NOW, 'c'),
			step('2026-03-03', 'one', NOW, 'd')
		];
		const expected = makeupLedger(input({ progress }));
		fc.assert(
			fc.property(fc.shuffledSubarray(progress, { minLength: progress.length }), (shuffled) => {
				expect(makeupLedger(input({ progress: shuffled }))).toEqual(expected);
			})
		);
	});
});
