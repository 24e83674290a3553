import ICAL from 'ical.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantRange } from './export-data.ts';
import { EVENING, EXCEPTIONS, NOW, NY, RANGE } from './export-fixture.ts';
import { EVENT_SUMMARY, buildCalendar, escapeText, foldLine, type ReminderChoice } from './export-ical.ts';
import { expandSchedule, participantSchedule } from './schedule.ts';
import type { Enrollment } from './records.ts';

const enrollment: Enrollment = {
	id: 'enrollment',
	updatedAt: '2026-01-01T00:00:00.000Z',
	updatedBy: 'u-clinician',
	participantId: 'sam',
	programId: 'demo',
	displayName: 'Sam P.',
	groupIds: ['evening'],
	startDate: '2026-03-02',
	track: 'adult',
	plannedWeeklyHours: 9
};

function sessions(leaves: Array<{ from: string; to: string }> = []) {
	const stamp = { updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'u-clinician', reason: '' };
	return participantSchedule(expandSchedule([EVENING], EXCEPTIONS, NY, instantRange(RANGE, NY)), {
		enrollment,
		adjustments: [],
		leaves: leaves.map((leave, i) => ({ id: `l${i}`, ...stamp, ...leave }))
	});
}

function parse(text: string) {
	return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((vevent) => {
		const event = new ICAL.Event(vevent);
		return {
			uid: event.uid,
			summary: event.summary,
			start: event.startDate.toJSDate().toISOString(),
			end: event.endDate.toJSDate().toISOString(),
			status: String(vevent.getFirstPropertyValue('status')),
			alarms: vevent.getAllSubcomponents('valarm').map((alarm) => ({
				trigger: String(alarm.getFirstPropertyValue('trigger')),
				description: String(alarm.getFirstPropertyValue('description'))
			}))
		};
	});
}

const calendar = (reminders: ReminderChoice = { dayBefore: true, hourBefore: true }, list = sessions()) =>
	buildCalendar({ sessions: list, reminders, timeZone: NY, now: NOW });

describe('iCalendar feed', () => {
	it('parses with ical.js: one event per session, in UTC', () => {
		const events = parse(calendar());
		expect(events).toHaveLength(6);
		// Mon 2 Mar 6 pm EST and Mon 9 Mar 6 pm EDT
		expect(events[0]).toMatchObject({ start: '2026-03-02T23:00:00.000Z', end: '2026-03-03T02:00:00.000Z' });
		expect(events.find((e) => e.start.startsWith('2026-03-09'))?.start).toBe('2026-03-09T22:00:00.000Z');
		expect(calendar()).toMatch(/^DTSTART:\d{8}T\d{6}Z\r$/m);
	});

	it('has the alarms the participant chose: a day and an hour before by default', () => {
		const first = parse(calendar())[0];
		expect(first?.alarms).toEqual([
			{ trigger: '-P1D', description: 'Your group is tomorrow at 6 pm' },
			{ trigger: '-PT1H', description: 'Your group starts at 6 pm' }
		]);
		expect(parse(calendar({ dayBefore: false, hourBefore: true }))[0]?.alarms.map((a) => a.trigger)).toEqual(['-PT1H']);
		expect(parse(calendar({ dayBefore: false, hourBefore: false })).every((e) => e.alarms.length === 0)).toBe(true);
	});

	it('a cancelled session is STATUS:CANCELLED with no alarms; a moved one is at its new time', () => {
		const events = parse(calendar());
		const cancelled = events.filter((e) => e.status === 'CANCELLED');
		expect(cancelled).toHaveLength(1);
		expect(cancelled[0]).toMatchObject({ start: '2026-03-10T22:00:00.000Z', alarms: [] });
		expect(events.map((e) => e.start)).toContain('2026-03-13T21:00:00.000Z');
		expect(events.map((e) => e.start)).not.toContain('2026-03-12T22:00:00.000Z');
		expect(events.find((e) => e.start === '2026-03-13T21:00:00.000Z')?.alarms[1]?.description).toBe('Your group starts at 5 pm');
	});

	it('UIDs are stable: a moved or cancelled session keeps the UID it had, so calendars update it', () => {
		const plain = parse(buildCalendar({ sessions: participantSchedule(expandSchedule([EVENING], [], NY, instantRange(RANGE, NY)), { enrollment, adjustments: [], leaves: [] }), reminders: { dayBefore: true, hourBefore: true }, timeZone: NY, now: NOW }));
		const changed = parse(calendar());
		expect(changed.map((e) => e.uid)).toEqual(plain.map((e) => e.uid));
		expect(new Set(changed.map((e) => e.uid)).size).toBe(changed.length);
	});

	it('carries no health information: no program or group name, no facilitator, no link', () => {
		const text = calendar();
		expect(parse(text).every((e) => e.summary === EVENT_SUMMARY)).toBe(true);
		for (const secret of ['Evening', 'Recovery', 'evening', 'Okafor', 'meet.example.org']) expect(text).not.toContain(secret);
	});

	it('sessions on an approved leave are left out', () => {
		expect(parse(calendar(undefined, sessions([{ from: '2026-03-09', to: '2026-03-15' }])))).toHaveLength(3);
	});

	it('lines end in CRLF and none is longer than 75 octets', () => {
		const text = calendar();
		expect(text.endsWith('\r\n')).toBe(true);
		expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
		for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
	});

	it('escapes commas, semicolons, backslashes and newlines in text', () => {
		expect(escapeText('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
	});

	it('folding never splits a character and unfolds to the original line (property)', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
				const folded = foldLine(`DESCRIPTION:${text}`);
				for (const part of folded.split('\r\n')) expect(new TextEncoder().encode(part).length).toBeLessThanOrEqual(75);
				expect(folded.replace(/\r\n /g, '')).toBe(`DESCRIPTION:${text}`);
			})
		);
	});

	it('a long escaped value survives folding and parsing', () => {
		const long = `Über, ${'😀'.repeat(40)}; done`;
		const text = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//t//EN', 'BEGIN:VEVENT', 'UID:x', 'DTSTAMP:20260301T000000Z', foldLine(`SUMMARY:${escapeText(long)}`), 'END:VEVENT', 'END:VCALENDAR'].join('\r\n');
		expect(new ICAL.Event(new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent') as ICAL.Component).summary).toBe(long);
	});
});
