import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { resolveAttendance, type AttendanceInput, type SessionSlot } from './attendance.ts';
import { DEFAULT_POLICY } from './policy.ts';
import type { PresenceEvent, SessionRecord, Verification } from './records.ts';
import {
	draftFor,
	draftProblem,
	latestSessionRecord,
	sessionRecordHistory,
	suggestedVerification,
	verifiedPresentCount,
	withoutEmpty
} from './roster-verify.ts';

// Monday 2026-03-09, 6:00-7:30 pm in New York: 90 minutes
const SESSION: SessionSlot = { id: 'evening@2026-03-09', start: '2026-03-09T22:00:00.000Z', end: '2026-03-09T23:30:00.000Z' };
const AFTER = '2026-03-10T12:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(SESSION.start) + minutes * 60_000).toISOString();
const visit = (from: number, to: number): PresenceEvent[] => [
	{ id: `j${from}`, occurrenceId: SESSION.id, type: 'join', at: at(from) },
	{ id: `l${to}`, occurrenceId: SESSION.id, type: 'leave', at: at(to) }
];
const resolve = (input: Partial<AttendanceInput> = {}) =>
	resolveAttendance({ occurrence: SESSION, events: [], verifications: [], notices: [], policy: DEFAULT_POLICY, now: AFTER, ...input });
const verification = (overrides: Partial<Verification> = {}): Verification => ({
	id: 'v1',
	occurrenceId: SESSION.id,
	attendance: 'present',
	excused: null,
	recordedAt: AFTER,
	recordedBy: 'clin',
	...overrides
});

describe('the one-tap suggestion', () => {
	it('confirms present when presence computed present', () => {
		expect(suggestedVerification(resolve({ events: visit(0, 90) }))).toEqual({ attendance: 'present', excused: null });
	});

	it('a partial session is confirmed with its computed minutes', () => {
		expect(suggestedVerification(resolve({ events: visit(20, 50) }))).toEqual({ attendance: 'partial', minutes: 30, excused: null });
	});

	it('nobody joined and the session is over: absent, excused still undecided', () => {
		expect(suggestedVerification(resolve())).toEqual({ attendance: 'absent', excused: null });
	});

	it('offers nothing while the session runs, nor once a clinician verified', () => {
		expect(suggestedVerification(resolve({ events: [visit(0, 90)[0] as PresenceEvent], now: at(30) }))).toBeNull();
		expect(suggestedVerification(resolve({ verifications: [verification()] }))).toBeNull();
	});
});

describe('the verification form', () => {
	it('starts from the latest verification, without who and when', () => {
		const result = resolve({ verifications: [verification({ attendance: 'late', camera: true, engagement: 3, recordedByName: 'Dr. Okafor' })] });
		expect(draftFor(result)).toEqual({ attendance: 'late', excused: null, camera: true, engagement: 3 });
	});

	it('keeps minutes only for partial and drops blank technical notes', () => {
		expect(withoutEmpty({ attendance: 'present', minutes: 40, excused: true, technicalProblems: '  ' })).toEqual({ attendance: 'present', excused: true });
		expect(withoutEmpty({ attendance: 'partial', minutes: 40, excused: null, technicalProblems: ' froze ' })).toEqual({
			attendance: 'partial',
			minutes: 40,
			excused: null,
			technicalProblems: 'froze'
		});
	});

	it('partial needs whole minutes within the session, and says so', () => {
		expect(draftProblem({ attendance: 'partial', excused: null }, 90)).toBe('Partial attendance needs the minutes attended, as a whole number.');
		expect(draftProblem({ attendance: 'partial', minutes: 91, excused: null }, 90)).toBe(
			'Minutes attended must be between 0 and 90, the length of the session.'
		);
		expect(draftProblem({ attendance: 'partial', minutes: 45, excused: null }, 90)).toBeNull();
	});
});

describe('the present count recorded with a session', () => {
	it('counts everyone verified as attending in any measure, not the unverified or absent', () => {
		const results = [
			resolve({ verifications: [verification({ attendance: 'late' })] }),
			resolve({ verifications: [verification({ attendance: 'partial', minutes: 30 })] }),
			resolve({ verifications: [verification({ attendance: 'absent' })] }),
			resolve({ events: visit(0, 90) })
		];
		expect(verifiedPresentCount(results)).toBe(2);
	});

	it('the latest version decides, whatever order the versions arrived in', () => {
		const record = (id: string, recordedAt: string, presentCount: number): SessionRecord => ({
			id,
			occurrenceId: SESSION.id,
			presentCount,
			recordedAt,
			recordedBy: 'clin'
		});
		// ids are ulids: unique
		const arb = fc.uniqueArray(
			fc.record({ id: fc.stringMatching(/^[A-Z0-9]{4}$/), minute: fc.integer({ min: 0, max: 50 }), count: fc.integer({ min: 0, max: 12 }) }),
			{ minLength: 1, maxLength: 8, selector: (r) => r.id }
		);
		fc.assert(
			fc.property(arb, fc.infiniteStream(fc.nat()), (rows, order) => {
				const records = rows.map((r) => record(r.id, at(r.minute), r.count));
				const shuffled = [...records].sort(() => (order.next().value % 3) - 1);
				const latest = latestSessionRecord(shuffled, SESSION.id);
				expect(latest).toEqual(sessionRecordHistory(records, SESSION.id).at(-1));
				expect(latestSessionRecord(records.toReversed(), SESSION.id)).toEqual(latest);
			})
		);
	});

	it('another session’s counts are not this session’s', () => {
		const other: SessionRecord = { id: 'x', occurrenceId: 'evening@2026-03-10', presentCount: 4, recordedAt: AFTER, recordedBy: 'clin' };
		expect(latestSessionRecord([other], SESSION.id)).toBeNull();
	});
});
