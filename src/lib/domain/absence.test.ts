import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canGiveNotice, isLateCancellation, isWithdrawable, standingNotice } from './absence.ts';
import type { AbsenceNotice } from './records.ts';

const start = '2026-03-10T22:00:00.000Z'; // Tuesday 6 pm in New York

function notice(overrides: Partial<AbsenceNotice> = {}): AbsenceNotice {
	return {
		id: 'n1',
		updatedAt: '2026-03-08T12:00:00.000Z',
		updatedBy: 'u-alex',
		occurrenceId: 'evening@2026-03-10',
		reason: 'illness',
		note: '',
		givenAt: '2026-03-08T12:00:00.000Z',
		...overrides
	};
}

describe('late cancellation', () => {
	it('a notice 25 hours ahead is not late under the 24-hour policy', () => {
		expect(isLateCancellation('2026-03-09T21:00:00.000Z', start, 24)).toBe(false);
	});

	it('a notice exactly 24 hours ahead is in time; one minute later it is late', () => {
		expect(isLateCancellation('2026-03-09T22:00:00.000Z', start, 24)).toBe(false);
		expect(isLateCancellation('2026-03-09T22:01:00.000Z', start, 24)).toBe(true);
	});

	it('a program with a 48-hour policy calls a notice 30 hours ahead late', () => {
		expect(isLateCancellation('2026-03-09T16:00:00.000Z', start, 48)).toBe(true);
	});

	it('with a 0-hour policy no notice before the start is late', () => {
		expect(isLateCancellation('2026-03-10T21:59:00.000Z', start, 0)).toBe(false);
	});

	it('giving notice later never makes it less late (monotone in time)', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 168 }), (a, b, hours) => {
				const [earlier, later] = a <= b ? [a, b] : [b, a];
				const at = (h: number) => new Date(Date.parse(start) - (400 - h) * 3_600_000).toISOString();
				if (isLateCancellation(at(earlier), start, hours)) expect(isLateCancellation(at(later), start, hours)).toBe(true);
			})
		);
	});
});

describe('withdrawing a notice', () => {
	it('a notice can be withdrawn up to the start', () => {
		expect(isWithdrawable(notice(), start, '2026-03-10T21:59:59.000Z')).toBe(true);
	});

	it('once the session has started the notice stays', () => {
		expect(isWithdrawable(notice(), start, start)).toBe(false);
	});

	it('a notice already withdrawn or deleted cannot be withdrawn again', () => {
		expect(isWithdrawable(notice({ withdrawnAt: '2026-03-09T00:00:00.000Z' }), start, '2026-03-09T01:00:00.000Z')).toBe(false);
		expect(isWithdrawable(notice({ deletedAt: '2026-03-09T00:00:00.000Z' }), start, '2026-03-09T01:00:00.000Z')).toBe(false);
	});
});

describe('the standing notice of a session', () => {
	it('the earliest notice that was not withdrawn stands', () => {
		const first = notice({ id: 'a', givenAt: '2026-03-07T10:00:00.000Z', withdrawnAt: '2026-03-07T11:00:00.000Z' });
		const second = notice({ id: 'b', givenAt: '2026-03-08T10:00:00.000Z' });
		const third = notice({ id: 'c', givenAt: '2026-03-09T10:00:00.000Z' });
		expect(standingNotice([third, first, second], 'evening@2026-03-10', start)?.id).toBe('b');
	});

	it('a notice written after the start does not stand', () => {
		expect(standingNotice([notice({ givenAt: '2026-03-10T22:30:00.000Z' })], 'evening@2026-03-10', start)).toBeNull();
	});

	it('another session’s notice does not count', () => {
		expect(standingNotice([notice({ occurrenceId: 'evening@2026-03-12' })], 'evening@2026-03-10', start)).toBeNull();
	});
});

describe('giving notice', () => {
	const session = { id: 'evening@2026-03-10', start, cancelled: false, onLeave: false };

	it('is possible for an upcoming session with no notice yet', () => {
		expect(canGiveNotice(session, [], '2026-03-09T10:00:00.000Z')).toBe(true);
	});

	it('is not offered twice, nor for a started, cancelled or on-leave session', () => {
		expect(canGiveNotice(session, [notice()], '2026-03-09T10:00:00.000Z')).toBe(false);
		expect(canGiveNotice(session, [], start)).toBe(false);
		expect(canGiveNotice({ ...session, cancelled: true }, [], '2026-03-09T10:00:00.000Z')).toBe(false);
		expect(canGiveNotice({ ...session, onLeave: true }, [], '2026-03-09T10:00:00.000Z')).toBe(false);
	});

	it('is possible again once the earlier notice was withdrawn', () => {
		expect(canGiveNotice(session, [notice({ withdrawnAt: '2026-03-08T13:00:00.000Z' })], '2026-03-09T10:00:00.000Z')).toBe(true);
	});
});
