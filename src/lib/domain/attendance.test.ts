import { describe, it, expect } from 'vitest';
import { presenceIntervals, resolveAttendance, verificationHistory, type AttendanceInput, type SessionSlot } from './attendance.ts';
import { DEFAULT_POLICY } from './policy.ts';
import type { AbsenceNotice, PresenceEvent, Verification } from './records.ts';

// Monday 2026-03-09, 6:00-7:30 pm in New York (EDT): 90 minutes, 75% is 67.5
const SESSION: SessionSlot = { id: 'evening@2026-03-09', start: '2026-03-09T22:00:00.000Z', end: '2026-03-09T23:30:00.000Z' };
const AFTER = '2026-03-10T12:00:00.000Z';

/** An instant `minutes` after the session's start. */
const at = (minutes: number) => new Date(Date.parse(SESSION.start) + minutes * 60_000).toISOString();

let seq = 0;
function event(type: 'join' | 'leave', minutes: number, extra: Partial<PresenceEvent> = {}): PresenceEvent {
	seq += 1;
	return { id: `e${seq}`, occurrenceId: SESSION.id, type, at: at(minutes), ...extra };
}
const visit = (from: number, to: number, deviceId?: string) => [event('join', from, { deviceId }), event('leave', to, { deviceId })];

function verification(overrides: Partial<Verification> = {}): Verification {
	return { id: 'v1', occurrenceId: SESSION.id, attendance: 'present', excused: null, recordedAt: AFTER, recordedBy: 'clin', ...overrides };
}
function notice(givenAt: string, extra: Partial<AbsenceNotice> = {}): AbsenceNotice {
	return { id: 'n1', updatedAt: givenAt, updatedBy: 'p1', occurrenceId: SESSION.id, reason: 'illness', note: '', givenAt, ...extra };
}

function resolve(input: Partial<AttendanceInput> = {}) {
	return resolveAttendance({ occurrence: SESSION, events: [], verifications: [], notices: [], policy: DEFAULT_POLICY, now: AFTER, ...input });
}

describe('attendance from presence (rule 3)', () => {
	it('a participant there from start to end is present for all 90 minutes', () => {
		const result = resolve({ events: visit(0, 90) });
		expect(result.attendance).toEqual({ status: 'present', source: 'presence', lateCancellation: false });
		expect(result.minutes).toBe(90);
		expect(result.firstJoin).toBe(SESSION.start);
		expect(result.lastLeave).toBe(SESSION.end);
	});

	it('a join 11 minutes after the start is late', () => {
		expect(resolve({ events: visit(11, 90) }).attendance.status).toBe('late');
	});

	it('a join exactly 10 minutes after the start is still on time', () => {
		expect(resolve({ events: visit(10, 90) }).attendance.status).toBe('present');
	});

	it('a last leave 11 minutes before the end is left early', () => {
		expect(resolve({ events: visit(0, 79) }).attendance.status).toBe('left-early');
	});

	it('a last leave exactly 10 minutes before the end is present', () => {
		expect(resolve({ events: visit(0, 80) }).attendance.status).toBe('present');
	});

	it('under 75% of the minutes is partial, even when the join was also late', () => {
		const result = resolve({ events: visit(30, 90) });
		expect(result.attendance.status).toBe('partial');
		expect(result.minutes).toBe(60);
	});

	it('late and left early with enough minutes is reported as late', () => {
		expect(resolve({ events: visit(11, 79) }).attendance.status).toBe('late');
	});

	it('overlapping visits from two devices count each minute once', () => {
		const result = resolve({ events: [...visit(0, 40, 'phone'), ...visit(30, 90, 'laptop')] });
		expect(result.minutes).toBe(90);
		expect(result.intervals).toHaveLength(1);
	});

	it('a leave on one device does not end a visit on another device', () => {
		const events = [event('join', 0, { deviceId: 'laptop' }), ...visit(20, 30, 'phone'), event('leave', 90, { deviceId: 'laptop' })];
		expect(resolve({ events }).minutes).toBe(90);
	});

	it('a drop and rejoin counts both visits and not the gap', () => {
		const result = resolve({ events: [...visit(0, 20), ...visit(25, 90)] });
		expect(result.minutes).toBe(85);
		expect(result.intervals.map((i) => [i.start, i.end])).toEqual([
			[at(0), at(20)],
			[at(25), at(90)]
		]);
	});

	it('events arriving out of order give the same result', () => {
		const events = [...visit(0, 20), ...visit(25, 90)];
		expect(resolve({ events: [...events].reverse() })).toEqual(resolve({ events }));
	});

	it('duplicated events (same record twice, or a repeated join) change nothing', () => {
		const events = [...visit(0, 20), ...visit(25, 90)];
		const doubled = [...events, ...events, event('join', 30)];
		expect(resolve({ events: doubled })).toEqual(resolve({ events }));
	});

	it('time before the start and after the end is not counted: minutes never exceed the session', () => {
		const result = resolve({ events: visit(-15, 120) });
		expect(result.minutes).toBe(90);
		expect(result.firstJoin).toBe(SESSION.start);
	});

	it("events of another session and a leave without a join are ignored", () => {
		const other = { ...event('join', 0), occurrenceId: 'evening@2026-03-10' };
		const result = resolve({ events: [other, event('leave', 50)] });
		expect(result.minutes).toBe(0);
		expect(result.attendance.status).toBe('absent-not-notified');
	});
});

describe('a join with no leave', () => {
	it('while the session runs it is open, counts up to now and the status is live', () => {
		const result = resolve({ events: [event('join', 5)], now: at(45) });
		expect(result.attendance).toMatchObject({ status: 'live', source: 'presence' });
		expect(result).toMatchObject({ open: true, minutes: 40, lastLeave: null });
	});

	it('after the session without a heartbeat it stays open and counts to the end, awaiting a clinician', () => {
		const result = resolve({ events: [event('join', 5)] });
		expect(result).toMatchObject({ open: true, minutes: 85, lastLeave: null });
		expect(result.attendance.status).toBe('present');
	});

	it('after the session with a last-alive time it closes there plus 2 minutes of grace, marked inferred', () => {
		const result = resolve({ events: [event('join', 0)], lastAliveAt: at(50) });
		expect(result).toMatchObject({ open: false, minutes: 52, lastLeave: at(52) });
		expect(result.intervals).toEqual([{ start: at(0), end: at(52), open: false, inferred: true }]);
		expect(result.attendance.status).toBe('partial');
	});

	it('a last-alive time from before the join is stale and ignored', () => {
		expect(resolve({ events: [event('join', 20)], lastAliveAt: at(-60) }).open).toBe(true);
	});
});

describe('a clinician verification decides (rule 1)', () => {
	it('a verification overrides presence, and its excused decision is kept apart', () => {
		const result = resolve({ events: visit(0, 90), verifications: [verification({ attendance: 'absent', excused: true })] });
		expect(result.attendance).toEqual({ status: 'absent', source: 'verified', lateCancellation: false });
		expect(result.excused).toBe(true);
		expect(result.minutes).toBe(0);
		expect(result.presenceMinutes).toBe(90);
	});

	it('the latest verification by recordedAt decides, and every version is kept oldest first', () => {
		const first = verification({ id: 'v1', attendance: 'partial', minutes: 40, recordedAt: '2026-03-10T01:00:00.000Z' });
		const second = verification({ id: 'v2', attendance: 'present', recordedAt: '2026-03-11T01:00:00.000Z' });
		const result = resolve({ verifications: [second, first] });
		expect(result.attendance.status).toBe('present');
		expect(result.verificationHistory.map((v) => v.id)).toEqual(['v1', 'v2']);
	});

	it('two verifications recorded at the same instant are ordered by id', () => {
		const a = verification({ id: 'a', attendance: 'late' });
		const b = verification({ id: 'b', attendance: 'left-early' });
		expect(resolve({ verifications: [b, a] }).attendance.status).toBe('left-early');
		expect(verificationHistory([b, a, b], SESSION.id).map((v) => v.id)).toEqual(['a', 'b']);
	});

	it("the clinician's minutes count; verified present without minutes counts the whole session", () => {
		expect(resolve({ verifications: [verification({ attendance: 'partial', minutes: 30 })] }).minutes).toBe(30);
		expect(resolve({ verifications: [verification()] }).minutes).toBe(90);
	});

	it('a verification decides even for a session on leave', () => {
		expect(resolve({ occurrence: { ...SESSION, onLeave: true }, verifications: [verification()] }).attendance.status).toBe('present');
	});

	it('an unverified session has excused null', () => {
		expect(resolve({ events: visit(0, 90) }).excused).toBeNull();
	});
});

describe('cancellation, leave and notices (rules 2, 4, 5)', () => {
	it('a cancelled session is cancelled, not absent', () => {
		expect(resolve({ occurrence: { ...SESSION, cancelled: true } }).attendance.status).toBe('cancelled');
	});

	it('a session on an approved leave is on leave, whatever presence or notices say', () => {
		const result = resolve({ occurrence: { ...SESSION, onLeave: true }, events: visit(0, 90), notices: [notice(at(-3000))] });
		expect(result.attendance).toMatchObject({ status: 'on-leave', source: 'leave' });
	});

	it('a notice two days ahead is absent, notified, and not a late cancellation', () => {
		const result = resolve({ notices: [notice(at(-48 * 60))] });
		expect(result.attendance).toEqual({ status: 'absent-notified', source: 'notice', lateCancellation: false });
		expect(result.excused).toBeNull();
	});

	it('a notice 3 hours ahead is a late cancellation', () => {
		expect(resolve({ notices: [notice(at(-180))] }).attendance.lateCancellation).toBe(true);
	});

	it('a notice counts before the session happens', () => {
		expect(resolve({ notices: [notice(at(-180))], now: at(-60) }).attendance.status).toBe('absent-notified');
	});

	it('a withdrawn or deleted notice, or one given after the start, does not count', () => {
		const notices = [
			notice(at(-3000), { withdrawnAt: at(-2000) }),
			notice(at(-3000), { id: 'n2', deletedAt: at(-2000) }),
			notice(at(5), { id: 'n3' })
		];
		expect(resolve({ notices }).attendance.status).toBe('absent-not-notified');
	});

	it('presence beats a notice: a participant who gave notice and came anyway attended', () => {
		expect(resolve({ events: visit(0, 90), notices: [notice(at(-3000))] }).attendance.status).toBe('present');
	});

	it('past the end with nothing is absent, not notified; before the start upcoming; during it live', () => {
		expect(resolve().attendance).toEqual({ status: 'absent-not-notified', source: 'none', lateCancellation: false });
		expect(resolve({ now: at(-1) }).attendance.status).toBe('upcoming');
		expect(resolve({ now: at(0) }).attendance.status).toBe('live');
		expect(resolve({ now: at(90) }).attendance.status).toBe('absent-not-notified');
	});
});

describe('an open join stamped ahead of now', () => {
	it('still reads as checked in: the device that wrote it was a moment ahead', () => {
		const occurrence = { id: 'evening@2026-03-09', start: '2026-03-09T22:00:00.000Z', end: '2026-03-10T01:00:00.000Z' };
		const intervals = presenceIntervals(occurrence, [{ id: 'j', occurrenceId: occurrence.id, type: 'join', at: '2026-03-09T22:30:00.500Z', deviceId: 'phone' }], {
			now: '2026-03-09T22:30:00.000Z',
			graceMinutes: 2
		});
		expect(intervals.some((interval) => interval.open)).toBe(true);
	});
});

describe('events that read as after now (clocks apart, or this device re-learned the server time)', () => {
	it('a rejoin after a leave stamped three minutes ahead reads as checked in, counting from the leave on', () => {
		// the phone's leave at minute 33 was stamped before it learned it was three minutes ahead
		const events = [...visit(30, 33, 'phone'), event('join', 33, { deviceId: 'phone', at: '2026-03-09T22:33:00.001Z' })];
		const result = resolve({ events, now: at(30.5) });
		expect(result.attendance.status).toBe('live');
		expect(result.open).toBe(true);
		expect(result.minutes).toBeCloseTo(3, 3);
	});

	it('a join after another device left a few seconds "later" is still checked in', () => {
		const events = [...visit(10, 20.1, 'laptop'), event('join', 20, { deviceId: 'phone' })];
		expect(resolve({ events, now: at(20) }).open).toBe(true);
	});

	it('a join stamped after the session ends does not count, even while the session runs', () => {
		const result = resolve({ events: [event('join', 100, { deviceId: 'phone' })], now: at(45) });
		expect(result.attendance.status).toBe('live');
		expect(result.firstJoin).toBeNull();
	});
});
