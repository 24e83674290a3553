import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { resolveAttendance, type AttendanceInput, type SessionSlot } from './attendance.ts';
import { DEFAULT_POLICY } from './policy.ts';
import type { AbsenceNotice, PresenceEvent, Verification } from './records.ts';

const BASE = Date.parse('2026-03-09T22:00:00.000Z');
const iso = (minutes: number) => new Date(BASE + minutes * 60_000).toISOString();

const sessionArb = fc.integer({ min: 5, max: 240 }).map(
	(duration): SessionSlot => ({ id: 'g@2026-03-09', start: iso(0), end: iso(duration) })
);

/** Events at whole seconds from an hour before to well after any session, on up to two devices. */
const eventsArb = fc
	.array(
		fc.record({
			type: fc.constantFrom('join' as const, 'leave' as const),
			second: fc.integer({ min: -3600, max: 6 * 3600 }),
			deviceId: fc.constantFrom('laptop', 'phone', undefined)
		}),
		{ maxLength: 20 }
	)
	.map((raw) =>
		raw.map(
			(e, i): PresenceEvent => ({
				id: `e${i}`,
				occurrenceId: 'g@2026-03-09',
				type: e.type,
				at: new Date(BASE + e.second * 1000).toISOString(),
				...(e.deviceId ? { deviceId: e.deviceId } : {})
			})
		)
	);

const statusArb = fc.constantFrom('present' as const, 'late' as const, 'left-early' as const, 'partial' as const, 'absent' as const);
const verificationsArb = fc.array(
	fc.record({
		id: fc.constantFrom('v1', 'v2', 'v3', 'v4'),
		attendance: statusArb,
		excused: fc.constantFrom(true, false, null),
		recordedMinute: fc.integer({ min: 0, max: 2000 })
	}),
	{ minLength: 1, maxLength: 6 }
);

const noticeArb = fc.option(fc.integer({ min: -5000, max: 100 }), { nil: undefined }).map((minute): AbsenceNotice[] =>
	minute === undefined ? [] : [{ id: 'n1', updatedAt: iso(minute), updatedBy: 'p', occurrenceId: 'g@2026-03-09', reason: 'other', note: '', givenAt: iso(minute) }]
);

const contextArb = fc.record({
	session: sessionArb,
	events: eventsArb,
	nowMinute: fc.integer({ min: -120, max: 600 }),
	lastAliveMinute: fc.option(fc.integer({ min: -60, max: 400 }), { nil: undefined }),
	notices: noticeArb,
	onLeave: fc.boolean(),
	cancelled: fc.boolean()
});

type Context = typeof contextArb extends fc.Arbitrary<infer T> ? T : never;

function resolveIn(context: Context, events: readonly PresenceEvent[], verifications: Verification[] = []) {
	const input: AttendanceInput = {
		occurrence: { ...context.session, onLeave: context.onLeave, cancelled: context.cancelled },
		events,
		verifications,
		notices: context.notices,
		policy: DEFAULT_POLICY,
		now: iso(context.nowMinute),
		lastAliveAt: context.lastAliveMinute === undefined ? null : iso(context.lastAliveMinute)
	};
	return resolveAttendance(input);
}

const sessionMinutes = (s: SessionSlot) => (Date.parse(s.end) - Date.parse(s.start)) / 60_000;

describe('attendance properties', () => {
	it('minutes attended are never negative and never exceed the session', () => {
		fc.assert(
			fc.property(contextArb, (context) => {
				const result = resolveIn(context, context.events);
				const length = sessionMinutes(context.session);
				expect(result.presenceMinutes).toBeGreaterThanOrEqual(0);
				expect(result.presenceMinutes).toBeLessThanOrEqual(length);
				expect(result.minutes).toBeLessThanOrEqual(length);
			})
		);
	});

	it('the result does not depend on the order events arrive in', () => {
		fc.assert(
			fc.property(
				contextArb.chain((context) =>
					fc.tuple(fc.constant(context), fc.shuffledSubarray(context.events, { minLength: context.events.length, maxLength: context.events.length }))
				),
				([context, shuffled]) => {
					expect(resolveIn(context, shuffled)).toEqual(resolveIn(context, context.events));
				}
			)
		);
	});

	it('duplicating events, as the same record or as a copy under a new id, changes nothing', () => {
		fc.assert(
			fc.property(
				contextArb.chain((context) => fc.tuple(fc.constant(context), fc.subarray(context.events), fc.subarray(context.events))),
				([context, sameRecords, copies]) => {
					const duplicated = [...context.events, ...sameRecords, ...copies.map((e) => ({ ...e, id: `copy-${e.id}` }))];
					expect(resolveIn(context, duplicated)).toEqual(resolveIn(context, context.events));
				}
			)
		);
	});

	it("a clinician's latest verification always decides attendance and the excused decision", () => {
		fc.assert(
			fc.property(contextArb, verificationsArb, (context, raw) => {
				// one version per id, as records are stored under their id
				const byId = new Map(raw.map((v) => [v.id, v]));
				const verifications: Verification[] = [...byId.values()].map((v) => ({
					id: v.id,
					occurrenceId: 'g@2026-03-09',
					attendance: v.attendance,
					excused: v.excused,
					recordedAt: iso(v.recordedMinute),
					recordedBy: 'clin'
				}));
				const latest = [...verifications].sort((a, b) => a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id)).at(-1);
				const result = resolveIn(context, context.events, verifications);
				expect(result.attendance.status).toBe(latest?.attendance);
				expect(result.attendance.source).toBe('verified');
				expect(result.excused).toBe(latest?.excused);
				expect(result.verificationHistory).toHaveLength(verifications.length);
			})
		);
	});

	it('without a verification, a session that is over is never upcoming or live', () => {
		fc.assert(
			fc.property(contextArb, (context) => {
				fc.pre(context.nowMinute >= sessionMinutes(context.session));
				expect(['upcoming', 'live']).not.toContain(resolveIn(context, context.events).attendance.status);
			})
		);
	});

	it('while the session runs, it reads as checked in exactly when some device has not left since its latest join, wherever now falls among the events', () => {
		// every device's own reading of the server's time: events may read as after now
		const runningArb = sessionArb.chain((session) => {
			const seconds = sessionMinutes(session) * 60;
			const events = fc.array(
				fc.record({ type: fc.constantFrom('join' as const, 'leave' as const), second: fc.integer({ min: 0, max: seconds - 1 }), deviceId: fc.constantFrom('laptop', 'phone', undefined) }),
				{ maxLength: 12 }
			);
			return fc.record({ session: fc.constant(session), raw: events, nowSecond: fc.integer({ min: 0, max: seconds - 1 }) });
		});
		fc.assert(
			fc.property(runningArb, ({ session, raw, nowSecond }) => {
				const events = raw.map((e, i): PresenceEvent => ({ id: `e${i}`, occurrenceId: session.id, type: e.type, at: new Date(BASE + e.second * 1000).toISOString(), ...(e.deviceId ? { deviceId: e.deviceId } : {}) }));
				const checkedIn = ['laptop', 'phone', undefined].some((device) => {
					const own = raw.filter((e) => e.deviceId === device);
					const lastJoin = Math.max(...own.filter((e) => e.type === 'join').map((e) => e.second));
					return lastJoin > -Infinity && !own.some((e) => e.type === 'leave' && e.second >= lastJoin);
				});
				const result = resolveAttendance({ occurrence: session, events, verifications: [], notices: [], policy: DEFAULT_POLICY, now: new Date(BASE + nowSecond * 1000).toISOString() });
				expect(result.open).toBe(checkedIn);
				expect(result.attendance.status).toBe('live');
			})
		);
	});
});
