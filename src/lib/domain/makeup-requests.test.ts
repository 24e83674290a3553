import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { makeupLedger } from './makeups.ts';
import { makeupRequests, openMakeupRequests, requestRef } from './makeup-requests.ts';
import { resolveSessions } from './metrics.ts';
import { DEFAULT_POLICY } from './policy.ts';
import type { MakeupAssignment, MakeupCatalogItem, MakeupProgress, MakeupRequestHandled } from './records.ts';
import { eveningSession } from './session-fixtures.test-support.ts';

const NOW = '2026-03-05T12:00:00.000Z';
const stamp = (updatedAt = '2026-03-01T00:00:00.000Z', updatedBy = 'u-admin') => ({ updatedAt, updatedBy });

const DATES = ['2026-03-02', '2026-03-03', '2026-03-04'];

const catalog: MakeupCatalogItem[] = [
	{ id: 'rec', ...stamp(), kind: 'recording', title: 'Session recording', url: 'https://media.example.org/rec' },
	{ id: 'one', ...stamp(), kind: 'one-to-one', title: 'One-to-one with your clinician' }
];

const asked = (date: string, requestedAt: string, extra: Partial<MakeupProgress> = {}): MakeupProgress => ({
	id: `p-${date}`,
	...stamp(requestedAt, 'u-alex'),
	occurrenceId: `evening@${date}`,
	catalogItemId: 'one',
	requestedAt,
	...extra
});

const handled = (date: string, requestedAt: string, extra: Partial<MakeupRequestHandled> = {}): MakeupRequestHandled => ({
	id: `h-${date}-${requestedAt}`,
	...stamp('2026-03-01T00:00:00.000Z', 'u-clinician'),
	occurrenceId: `evening@${date}`,
	catalogItemId: 'one',
	requestedAt,
	...extra
});

/** Three missed evening sessions; nothing attended. */
function ledger(progress: MakeupProgress[], assignments: MakeupAssignment[] = []) {
	const sessions = resolveSessions(DATES.map((date) => eveningSession(date)), { events: [], verifications: [], notices: [] }, DEFAULT_POLICY, NOW);
	return makeupLedger({ sessions, assignments, progress, catalog, policy: DEFAULT_POLICY, timeZone: 'America/New_York', now: NOW });
}

describe('one-to-one make-up requests', () => {
	const monday = asked('2026-03-02', '2026-03-04T15:00:00.000Z');
	const tuesday = asked('2026-03-03', '2026-03-03T15:00:00.000Z');

	it('a step the participant asked for is an open request until someone answers it, oldest request first', () => {
		const open = openMakeupRequests(ledger([monday, tuesday]), []);
		expect(open.map((r) => [r.occurrence.id, r.catalogItemId, r.requestedAt, r.item?.kind])).toEqual([
			['evening@2026-03-03', 'one', '2026-03-03T15:00:00.000Z', 'one-to-one'],
			['evening@2026-03-02', 'one', '2026-03-04T15:00:00.000Z', 'one-to-one']
		]);
	});

	it('a record naming the request answers it, whatever its own time; one removed does not', () => {
		const answered = handled('2026-03-03', tuesday.requestedAt!, { updatedAt: '2026-02-01T00:00:00.000Z' });
		expect(openMakeupRequests(ledger([monday, tuesday]), [answered]).map((r) => r.occurrence.id)).toEqual(['evening@2026-03-02']);
		const removed = { ...answered, deletedAt: '2026-03-05T00:00:00.000Z' };
		expect(openMakeupRequests(ledger([monday, tuesday]), [removed])).toHaveLength(2);
	});

	it('a record naming an earlier request leaves a new request open', () => {
		const again = asked('2026-03-03', '2026-03-05T09:00:00.000Z');
		expect(openMakeupRequests(ledger([again]), [handled('2026-03-03', tuesday.requestedAt!)]).map((r) => r.requestedAt)).toEqual(['2026-03-05T09:00:00.000Z']);
	});

	it('once the participant has had the one-to-one, the request is no longer open', () => {
		const had = { ...tuesday, doneAt: '2026-03-05T10:00:00.000Z', updatedAt: '2026-03-05T10:00:00.000Z' };
		expect(openMakeupRequests(ledger([had]), [])).toEqual([]);
	});

	it('an assignment without the one-to-one answers it (the care team chose other work); one with it keeps it open until it is named', () => {
		const assignment = (catalogItemIds: string[]): MakeupAssignment => ({ id: 'mk', ...stamp(), occurrenceId: 'evening@2026-03-03', catalogItemIds, dueOn: '2026-03-12' });
		expect(openMakeupRequests(ledger([tuesday], [assignment(['rec'])]), [])).toEqual([]);
		expect(openMakeupRequests(ledger([tuesday], [assignment(['one'])]), []).map((r) => r.makeupId)).toEqual(['mk']);
	});

	it('a session made up (verified) has no open request', () => {
		const verified: MakeupAssignment = { id: 'mk', ...stamp(), occurrenceId: 'evening@2026-03-03', catalogItemIds: ['one'], dueOn: '2026-03-12', verifiedAt: '2026-03-05T00:00:00.000Z' };
		expect(makeupRequests(ledger([tuesday], [verified]))).toEqual([]);
	});

	it('steps never asked for are not requests', () => {
		expect(openMakeupRequests(ledger([{ ...tuesday, requestedAt: undefined }]), [])).toEqual([]);
	});

	it('every device computes the same answer whatever order records arrive in, and an answer only ever closes requests', () => {
		const instant = fc.integer({ min: 0, max: 5000 }).map((m) => new Date(Date.parse('2026-03-02T00:00:00.000Z') + m * 60_000).toISOString());
		const date = fc.constantFrom(...DATES);
		fc.assert(
			fc.property(
				fc.uniqueArray(fc.record({ date, at: instant, done: fc.boolean() }), { selector: (p) => p.date }),
				fc.array(fc.record({ date, at: instant }), { maxLength: 4 }),
				fc.boolean(),
				(steps, answers, reverse) => {
					const progress = steps.map((s) => asked(s.date, s.at, s.done ? { doneAt: s.at } : {}));
					const records = answers.map((a) => handled(a.date, a.at));
					const order = <T>(list: T[]) => (reverse ? [...list].reverse() : list);
					const open = openMakeupRequests(ledger(progress), records);
					expect(openMakeupRequests(ledger(order(progress)), order(records))).toEqual(open);
					// answering one more request never reopens another
					const [first] = makeupRequests(ledger(progress));
					if (first) {
						const more = openMakeupRequests(ledger(progress), [...records, { ...handled('x', 'y'), ...requestRef(first) }]);
						const keys = (list: typeof open) => list.map((r) => `${r.occurrence.id} ${r.requestedAt}`);
						expect(keys(open)).toEqual(expect.arrayContaining(keys(more)));
						expect(keys(more)).not.toContain(`${first.occurrence.id} ${first.requestedAt}`);
					}
				}
			)
		);
	});
});
