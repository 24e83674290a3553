/**
 * Expands groups' weekly recurrences into dated occurrences in the program's time
 * zone (DESIGN §4), and narrows them to one participant's schedule.
 *
 * Wall-clock times are kept across daylight-saving changes: a 6 pm group is at
 * 6 pm local on both sides of the change, so its UTC instant moves by an hour.
 * A start time that falls in a spring-forward gap (2:30 am) is pushed forward by
 * the gap (3:30 am); an ambiguous fall-back time takes its first occurrence.
 */
import { occurrenceId, type Instant, type LocalDate, type OccurrenceId } from './ids.ts';
import { localDateOf, zonedInstant } from './zone-offsets.ts';
import type { Enrollment, Group, Leave, ScheduleAdjustment, SessionException } from './records.ts';

export interface Occurrence {
	id: OccurrenceId;
	groupId: string;
	groupName: string;
	facilitator: string;
	videoLink: string;
	/** the local date it was scheduled on; part of its id, unchanged by a move */
	localDate: LocalDate;
	start: Instant;
	end: Instant;
	durationMinutes: number;
	cancelled: boolean;
	moved: boolean;
	/** the exception's reason when cancelled or moved */
	reason?: string;
}

export interface ParticipantOccurrence extends Occurrence {
	/** on an approved leave (the care team recorded it) */
	onLeave: boolean;
}

/** Half-open instant range [from, to). */
export interface InstantRange {
	from: Instant;
	to: Instant;
}

// ---- local calendar helpers ---------------------------------------------

const DAY_MS = 86_400_000;

function parseLocalDate(date: LocalDate): { year: number; month: number; day: number } {
	const [year, month, day] = date.split('-').map(Number) as [number, number, number];
	return { year, month, day };
}

/**
 * Days since 1970-01-01 for a calendar date (no time zone involved). A year's
 * derivation calls this tens of thousands of times, so a plain `YYYY-MM-DD` in years
 * 1000–9999 is read digit by digit and counted with integer arithmetic (H. Hinnant's
 * days-from-civil); anything else goes through Date.UTC as before, with its quirks.
 */
function dayNumber(date: LocalDate): number {
	const year = digits(date, 0, 4);
	const month = digits(date, 5, 7);
	const day = digits(date, 8, 10);
	if (date.length !== 10 || year < 1000 || month < 1 || month > 12 || day < 1 || day > 31) {
		const parsed = parseLocalDate(date);
		return Date.UTC(parsed.year, parsed.month - 1, parsed.day) / DAY_MS;
	}
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
	const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468;
}

/** The number written in `text` from `start` to `end`, or -1 if a character there is not a digit. */
function digits(text: string, start: number, end: number): number {
	let value = 0;
	for (let i = start; i < end; i++) {
		const digit = text.charCodeAt(i) - 48;
		if (!(digit >= 0 && digit <= 9)) return -1;
		value = value * 10 + digit;
	}
	return value;
}

/** The calendar date `days` after 1970-01-01, for years 1000–9999 (Hinnant's civil-from-days). */
function dateOfDayNumber(days: number): LocalDate {
	const z = days + 719_468;
	const era = Math.floor(z / 146_097);
	const dayOfEra = z - era * 146_097;
	const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
	const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const shiftedMonth = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * shiftedMonth + 2) / 5) + 1;
	const month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

// 1000-01-01 and 9999-12-31 as day numbers: the range dateOfDayNumber writes as YYYY-MM-DD
const FIRST_FAST_DAY = -354_285;
const LAST_FAST_DAY = 2_932_896;

export function addDays(date: LocalDate, days: number): LocalDate {
	const target = dayNumber(date) + days;
	if (Number.isInteger(target) && target >= FIRST_FAST_DAY && target <= LAST_FAST_DAY) return dateOfDayNumber(target);
	return new Date(target * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: LocalDate): number {
	// 1970-01-01 was a Thursday (4)
	return ((((dayNumber(date) + 3) % 7) + 7) % 7) + 1;
}

/** The Monday that starts the ISO week holding `date`. */
export function isoWeekStart(date: LocalDate): LocalDate {
	return addDays(date, 1 - isoWeekday(date));
}

// the calendar date of an instant, and the instant of a wall-clock time, in a zone
export { localDateOf, zonedInstant };

export function addMinutes(instant: Instant, minutes: number): Instant {
	return new Date(Date.parse(instant) + minutes * 60_000).toISOString();
}

/** Of several versions of a record, the latest by updatedAt, then id (deterministic). */
function latestRecord<T extends { id: string; updatedAt: string }>(records: readonly T[]): T | undefined {
	let best: T | undefined;
	for (const record of records) {
		if (!best || record.updatedAt > best.updatedAt || (record.updatedAt === best.updatedAt && record.id > best.id)) best = record;
	}
	return best;
}

const isLive = (record: { deletedAt?: string | undefined }): boolean => record.deletedAt === undefined;

// ---- program schedule ---------------------------------------------------

function isScheduledOn(group: Group, date: LocalDate): boolean {
	if (date < group.startsOn || (group.endsOn !== undefined && date > group.endsOn)) return false;
	return group.weekdays.includes(isoWeekday(date));
}

function buildOccurrence(group: Group, date: LocalDate, timeZone: string, exception: SessionException | undefined): Occurrence {
	const start = zonedInstant(date, group.startTime, timeZone);
	const base: Occurrence = {
		id: occurrenceId(group.id, date),
		groupId: group.id,
		groupName: group.name,
		facilitator: group.facilitator,
		videoLink: group.videoLink,
		localDate: date,
		start,
		end: addMinutes(start, group.durationMinutes),
		durationMinutes: group.durationMinutes,
		cancelled: false,
		moved: false
	};
	if (!exception) return base;
	if (exception.kind === 'cancelled') return { ...base, cancelled: true, reason: exception.reason };
	const movedStart = new Date(exception.start).toISOString();
	return {
		...base,
		start: movedStart,
		end: addMinutes(movedStart, exception.durationMinutes),
		durationMinutes: exception.durationMinutes,
		moved: true,
		reason: exception.reason
	};
}

const byStartThenId = (a: Occurrence, b: Occurrence): number => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Every occurrence of the groups whose start (after any move) lies in [from, to),
 * sorted by start. Cancelled occurrences are listed, marked `cancelled`. Deleted
 * groups and exceptions are ignored; of several exceptions for one occurrence the
 * latest (updatedAt, then id) applies.
 */
export function expandSchedule(
	groups: readonly Group[],
	exceptions: readonly SessionException[],
	timeZone: string,
	range: InstantRange
): Occurrence[] {
	const from = Date.parse(range.from);
	const to = Date.parse(range.to);
	if (!(to > from)) return [];

	const exceptionsById = new Map<string, SessionException[]>();
	for (const exception of exceptions.filter(isLive)) {
		const list = exceptionsById.get(exception.occurrenceId) ?? [];
		list.push(exception);
		exceptionsById.set(exception.occurrenceId, list);
	}

	// local dates that can hold a start in range: a day either side covers any zone
	// offset and sessions that start late in the evening
	const firstDate = addDays(localDateOf(from, timeZone), -1);
	const lastDate = addDays(localDateOf(to, timeZone), 1);
	const dates: LocalDate[] = [];
	for (let date = firstDate; date <= lastDate; date = addDays(date, 1)) dates.push(date);
	const weekdays = dates.map(isoWeekday);
	const candidates = new Set<string>();
	for (const group of groups.filter(isLive)) {
		dates.forEach((date, i) => {
			if (group.weekdays.includes(weekdays[i] ?? 0) && isScheduledOn(group, date)) candidates.add(occurrenceId(group.id, date));
		});
	}
	// a session moved into the range from a date far outside it
	for (const id of exceptionsById.keys()) candidates.add(id);

	const groupsById = new Map(groups.filter(isLive).map((g) => [g.id, g]));
	const occurrences: Occurrence[] = [];
	for (const id of candidates) {
		const at = id.lastIndexOf('@');
		const group = groupsById.get(id.slice(0, at));
		const date = id.slice(at + 1);
		if (!group || !isScheduledOn(group, date)) continue;
		const occurrence = buildOccurrence(group, date, timeZone, latestRecord(exceptionsById.get(id) ?? []));
		const start = Date.parse(occurrence.start);
		if (start >= from && start < to) occurrences.push(occurrence);
	}
	return occurrences.sort(byStartThenId);
}

// ---- one participant's schedule -----------------------------------------

export interface CarePlan {
	enrollment: Enrollment;
	adjustments: readonly ScheduleAdjustment[];
	leaves: readonly Leave[];
}

/** Whether a local date is inside an approved (not deleted) leave, both ends included. */
export function isOnLeave(date: LocalDate, leaves: readonly Leave[]): boolean {
	return leaves.some((leave) => isLive(leave) && leave.from <= date && date <= leave.to);
}

/**
 * Whether the participant belongs to a group on a date: the enrollment's groups,
 * changed by add-group / drop-group adjustments from their `from` date on. The
 * adjustment with the latest `from` (then updatedAt, then id) that has begun wins.
 */
export function isInGroupOn(groupId: string, date: LocalDate, enrollment: Enrollment, adjustments: readonly ScheduleAdjustment[]): boolean {
	let member = enrollment.groupIds.includes(groupId);
	const changes = adjustments
		.filter((a) => isLive(a) && a.groupId === groupId && (a.kind === 'add-group' || a.kind === 'drop-group') && a.from <= date)
		.sort((a, b) => a.from.localeCompare(b.from) || a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
	for (const change of changes) member = change.kind === 'add-group';
	return member;
}

/**
 * The participant's occurrences out of the program's: within the enrollment's
 * dates (rolling admission: each participant starts on their own date), in their
 * groups on that date, less skipped occurrences, each marked when on leave.
 * Dates are the scheduled local dates, so a moved session keeps its place.
 * A deleted enrollment has no schedule.
 */
export function participantSchedule(programOccurrences: readonly Occurrence[], plan: CarePlan): ParticipantOccurrence[] {
	const { enrollment, adjustments, leaves } = plan;
	if (!isLive(enrollment)) return [];
	const skipped = new Set(adjustments.filter((a) => isLive(a) && a.kind === 'skip-occurrence' && a.occurrenceId).map((a) => a.occurrenceId));
	return programOccurrences
		.filter(
			(o) =>
				o.localDate >= enrollment.startDate &&
				(enrollment.endDate === undefined || o.localDate <= enrollment.endDate) &&
				!skipped.has(o.id) &&
				isInGroupOn(o.groupId, o.localDate, enrollment, adjustments)
		)
		.map((o) => ({ ...o, onLeave: isOnLeave(o.localDate, leaves) }));
}
