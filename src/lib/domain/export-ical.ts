/**
 * A participant's sessions as an iCalendar feed (RFC 5545) for calendar apps.
 *
 * It carries no health information (DESIGN §4, reminders): every event is a
 * "Group session", never the program's or group's name, and the UID is a hash of
 * the occurrence id, which names the group. Times are UTC (`Z`), so no VTIMEZONE
 * is needed; a moved session is at its new time under the same UID, a cancelled
 * one is STATUS:CANCELLED with no alarms.
 */
import { format } from 'date-fns';
import { tz } from '@date-fns/tz';
import type { Instant } from './ids.ts';
import { stableUuid } from './stable-uuid.ts';
import type { ParticipantOccurrence } from './schedule.ts';

export interface ReminderChoice {
	dayBefore: boolean;
	hourBefore: boolean;
}

/** DESIGN §4: 24 hours and 1 hour before, unless the participant says otherwise. */
export const DEFAULT_REMINDERS: Readonly<ReminderChoice> = Object.freeze({ dayBefore: true, hourBefore: true });

export const EVENT_SUMMARY = 'Group session';

export interface CalendarInput {
	sessions: readonly ParticipantOccurrence[];
	reminders: ReminderChoice;
	/** for the alarm text ("Your group starts at 6 pm") */
	timeZone: string;
	now: Instant;
}

/** TEXT value escaping (RFC 5545 §3.3.11). */
export function escapeText(text: string): string {
	return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with
 * a space; a multi-byte character is never split.
 */
export function foldLine(line: string): string {
	const encoder = new TextEncoder();
	const parts: string[] = [];
	let current = '';
	let size = 0;
	for (const char of line) {
		const bytes = encoder.encode(char).length;
		// the first line holds 75 octets; continuations 74 after their leading space
		if (size + bytes > (parts.length === 0 ? 75 : 74)) {
			parts.push(current);
			current = '';
			size = 0;
		}
		current += char;
		size += bytes;
	}
	parts.push(current);
	return parts.join('\r\n ');
}

/** 2026-03-09T23:00:00.000Z -> 20260309T230000Z */
const utc = (instant: Instant): string => new Date(instant).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

const clock = (instant: Instant, timeZone: string): string =>
	format(new Date(instant), 'h:mm a', { in: tz(timeZone) }).replace(':00', '').toLowerCase();

function alarm(trigger: string, description: string): string[] {
	return ['BEGIN:VALARM', 'ACTION:DISPLAY', `TRIGGER:${trigger}`, `DESCRIPTION:${escapeText(description)}`, 'END:VALARM'];
}

function event(session: ParticipantOccurrence, input: CalendarInput): string[] {
	const at = clock(session.start, input.timeZone);
	const lines = [
		'BEGIN:VEVENT',
		`UID:${stableUuid(`occurrence:${session.id}`)}@steady`,
		`DTSTAMP:${utc(input.now)}`,
		`DTSTART:${utc(session.start)}`,
		`DTEND:${utc(session.end)}`,
		`SUMMARY:${EVENT_SUMMARY}`,
		`DESCRIPTION:${escapeText('Open Steady to join.')}`,
		// calendar apps take a higher sequence as the newer version of the same event
		`SEQUENCE:${session.cancelled || session.moved ? 1 : 0}`,
		`STATUS:${session.cancelled ? 'CANCELLED' : 'CONFIRMED'}`,
		'TRANSP:OPAQUE'
	];
	if (!session.cancelled) {
		if (input.reminders.dayBefore) lines.push(...alarm('-P1D', `Your group is tomorrow at ${at}`));
		if (input.reminders.hourBefore) lines.push(...alarm('-PT1H', `Your group starts at ${at}`));
	}
	lines.push('END:VEVENT');
	return lines;
}

/** The whole calendar, CRLF line ends, folded. Sessions on an approved leave are left out. */
export function buildCalendar(input: CalendarInput): string {
	const lines = [
		'BEGIN:VCALENDAR',
		'VERSION:2.0',
		'PRODID:-//Steady//Sessions//EN',
		'CALSCALE:GREGORIAN',
		'METHOD:PUBLISH',
		`X-WR-CALNAME:${escapeText('My group sessions')}`,
		// how often a subscribed calendar should fetch again
		'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
		'X-PUBLISHED-TTL:PT1H',
		...input.sessions.filter((s) => !s.onLeave).flatMap((session) => event(session, input)),
		'END:VCALENDAR'
	];
	return lines.map(foldLine).join('\r\n') + '\r\n';
}
