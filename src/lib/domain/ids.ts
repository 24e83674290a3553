import { z } from 'zod';

/** Ids are ULIDs in practice; the demo uses short readable ones. Both fit this shape. */
export const Id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'an id is 1-64 letters, digits, "_" or "-"');
export type Id = z.infer<typeof Id>;

/** An instant, always stored in UTC. */
export const Instant = z.iso.datetime({ offset: false });
export type Instant = z.infer<typeof Instant>;

/** A calendar day in the program's time zone, e.g. 2026-03-09. */
export const LocalDate = z.iso.date();
export type LocalDate = z.infer<typeof LocalDate>;

/** A wall-clock time in the program's time zone, e.g. 18:00. */
export const LocalTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time is HH:MM, 24-hour');
export type LocalTime = z.infer<typeof LocalTime>;

export const TimeZone = z.string().refine(isTimeZone, 'not an IANA time zone (e.g. America/New_York)');

/** Zones already found valid: every record with a zone is checked, and building a formatter costs ~5 µs. */
const knownZones = new Set<string>();

function isTimeZone(zone: string): boolean {
	if (knownZones.has(zone)) return true;
	try {
		new Intl.DateTimeFormat('en-US', { timeZone: zone });
	} catch {
		return false;
	}
	knownZones.add(zone);
	return true;
}

/**
 * A session occurrence is named by its group and the local date it was scheduled on,
 * so the name survives the session being moved.
 */
export const OccurrenceId = z.string().regex(/^[A-Za-z0-9_-]{1,64}@\d{4}-\d{2}-\d{2}$/, 'an occurrence id is <groupId>@<YYYY-MM-DD>');
export type OccurrenceId = z.infer<typeof OccurrenceId>;

export function occurrenceId(groupId: string, localDate: string): OccurrenceId {
	return `${groupId}@${localDate}`;
}

/** The group and the local date a session was scheduled on, read back from its id. */
export function occurrenceParts(id: OccurrenceId): { groupId: string; localDate: LocalDate } {
	const at = id.lastIndexOf('@');
	return { groupId: id.slice(0, at), localDate: id.slice(at + 1) };
}
