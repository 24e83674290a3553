import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clockWords, dueReminders, plannedReminders, quietUntil, type ReminderSession } from './reminders.ts';

const NY = 'America/New_York';
// Tuesday 10 March 2026, 6 pm in New York (daylight time began on the 8th)
const tuesday: ReminderSession = { id: 'evening@2026-03-10', start: '2026-03-10T22:00:00.000Z', skip: false };
const week = { from: '2026-03-08T00:00:00.000Z', to: '2026-03-15T00:00:00.000Z' };

describe('planned reminders', () => {
	it('by default: 24 hours and 1 hour before, saying only the time', () => {
		const reminders = plannedReminders([tuesday], { dayBefore: true, hourBefore: true }, NY, week);
		expect(reminders.map((r) => [r.kind, r.at, r.body])).toEqual([
			['day-before', '2026-03-09T22:00:00.000Z', 'Your group is tomorrow at 6 pm.'],
			['hour-before', '2026-03-10T21:00:00.000Z', 'Your group starts at 6 pm.']
		]);
	});

	it('times are told in the device’s zone: a New York 6 pm group is 3 pm in Los Angeles', () => {
		const [reminder] = plannedReminders([tuesday], { dayBefore: false, hourBefore: true }, 'America/Los_Angeles', week);
		expect(reminder?.body).toBe('Your group starts at 3 pm.');
	});

	it('a session at 6:30 says the minutes', () => {
		expect(clockWords('2026-03-10T22:30:00.000Z', NY)).toBe('6:30 pm');
	});

	it('a cancelled session, or one the person gave notice for, gets no reminder', () => {
		expect(plannedReminders([{ ...tuesday, skip: true }], { dayBefore: true, hourBefore: true, dailySummaryAt: '08:00' }, NY, week)).toEqual([]);
	});

	it('a day-before reminder in quiet hours waits for their end', () => {
		// a 7 am group: the day-before reminder at 7 am is inside 22:00-08:00 quiet hours
		const early: ReminderSession = { id: 'dawn@2026-03-10', start: '2026-03-10T11:00:00.000Z', skip: false };
		const [reminder] = plannedReminders([early], { dayBefore: true, hourBefore: false, quietFrom: '22:00', quietTo: '08:00' }, NY, week);
		expect(reminder?.at).toBe('2026-03-09T12:00:00.000Z');
		expect(reminder?.body).toBe('Your group is tomorrow at 7 am.');
	});

	it('an hour-before reminder that quiet hours would push past the start is dropped', () => {
		const early: ReminderSession = { id: 'dawn@2026-03-10', start: '2026-03-10T11:00:00.000Z', skip: false };
		expect(plannedReminders([early], { dayBefore: false, hourBefore: true, quietFrom: '22:00', quietTo: '08:00' }, NY, week)).toEqual([]);
	});

	it('a daily summary lists the day’s groups by time, and days without groups get none', () => {
		const morning: ReminderSession = { id: 'day@2026-03-10', start: '2026-03-10T14:00:00.000Z', skip: false };
		const reminders = plannedReminders([morning, tuesday], { dayBefore: false, hourBefore: false, dailySummaryAt: '08:00' }, NY, week);
		expect(reminders.map((r) => [r.at, r.body])).toEqual([['2026-03-10T12:00:00.000Z', 'Today you have 2 groups, at 10 am and 6 pm.']]);
	});

	it('a moved session gets fresh reminders (keys follow the start)', () => {
		const moved = { ...tuesday, start: '2026-03-10T23:00:00.000Z' };
		const before = plannedReminders([tuesday], { dayBefore: true, hourBefore: true }, NY, week).map((r) => r.key);
		const after = plannedReminders([moved], { dayBefore: true, hourBefore: true }, NY, week).map((r) => r.key);
		expect(after.some((key) => before.includes(key))).toBe(false);
	});

	it('no reminder text names the group or the program', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: 24 * 7 - 1 }), fc.boolean(), fc.boolean(), (hour, dayBefore, hourBefore) => {
				const start = new Date(Date.parse('2026-03-09T00:00:00.000Z') + hour * 3_600_000).toISOString();
				const reminders = plannedReminders([{ id: 'substance-use-evening@x', start, skip: false }], { dayBefore, hourBefore, dailySummaryAt: '07:00' }, NY, week);
				for (const r of reminders) expect(`${r.title} ${r.body}`).not.toMatch(/substance|evening|recovery|IOP/i);
			})
		);
	});

	it('on the spring-forward night, a quiet-hours end that does not exist is not taken for the end', () => {
		// quiet 03:00-02:00 leaves only 02:00-03:00, which 2026-03-08 skips in New York
		const settings = { dayBefore: true, hourBefore: true, dailySummaryAt: '00:00', quietFrom: '03:00', quietTo: '02:00' };
		for (const r of plannedReminders([{ id: 'g@x', start: '2026-03-09T00:00:00.000Z', skip: false }], settings, NY, week)) {
			expect(quietUntil(r.at, settings, NY)).toBeNull();
		}
	});

	it('no reminder is ever planned inside quiet hours', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 0, max: 24 * 7 - 1 }),
				fc.integer({ min: 0, max: 23 }),
				fc.integer({ min: 0, max: 23 }),
				fc.integer({ min: 0, max: 23 }),
				(hour, from, to, summary) => {
					const pad = (h: number) => `${String(h).padStart(2, '0')}:00`;
					const settings = { dayBefore: true, hourBefore: true, dailySummaryAt: pad(summary), quietFrom: pad(from), quietTo: pad(to) };
					const start = new Date(Date.parse('2026-03-09T00:00:00.000Z') + hour * 3_600_000).toISOString();
					for (const r of plannedReminders([{ id: 'g@x', start, skip: false }], settings, NY, week)) {
						expect(quietUntil(r.at, settings, NY)).toBeNull();
						expect(r.at < r.until).toBe(true);
					}
				}
			)
		);
	});
});

describe('quiet hours', () => {
	const night = { dayBefore: true, hourBefore: true, quietFrom: '22:00', quietTo: '07:00' };

	it('quiet hours across midnight end at 7 am the next morning', () => {
		expect(quietUntil('2026-03-10T03:00:00.000Z', night, NY)).toBe('2026-03-10T11:00:00.000Z'); // 11 pm
		expect(quietUntil('2026-03-10T09:00:00.000Z', night, NY)).toBe('2026-03-10T11:00:00.000Z'); // 5 am
	});

	it('outside quiet hours nothing waits; equal ends mean no quiet hours', () => {
		expect(quietUntil('2026-03-10T16:00:00.000Z', night, NY)).toBeNull();
		expect(quietUntil('2026-03-10T03:00:00.000Z', { ...night, quietTo: '22:00' }, NY)).toBeNull();
	});
});

describe('due reminders', () => {
	const planned = plannedReminders([tuesday], { dayBefore: true, hourBefore: true }, NY, week);

	it('nothing is due before its time', () => {
		expect(dueReminders(planned, '2026-03-09T21:59:00.000Z', new Set())).toEqual([]);
	});

	it('a reminder is shown once', () => {
		const [due] = dueReminders(planned, '2026-03-09T22:05:00.000Z', new Set());
		expect(due?.kind).toBe('day-before');
		expect(dueReminders(planned, '2026-03-09T22:06:00.000Z', new Set([due?.key ?? '']))).toEqual([]);
	});

	it('an app opened 30 minutes before the start says “starts at” once, not also “tomorrow”', () => {
		const due = dueReminders(planned, '2026-03-10T21:30:00.000Z', new Set());
		expect(due.map((r) => r.kind)).toEqual(['hour-before']);
	});

	it('once the session has started its reminders are stale', () => {
		expect(dueReminders(planned, '2026-03-10T22:00:00.000Z', new Set())).toEqual([]);
	});
});
