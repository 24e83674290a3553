/**
 * Which reminders are due when (DESIGN §4): 24 hours and 1 hour before each
 * session, an optional daily summary, quiet hours respected. Wall-clock times
 * (summary time, quiet hours) are the person's own: they are read in the device's
 * time zone, passed in. A reminder's words carry no health information: they say
 * "your group", never the program's or the group's name.
 */
import { format } from 'date-fns';
import { tz } from '@date-fns/tz';
import type { Instant, LocalDate } from './ids.ts';
import type { ReminderPrefs } from './records.ts';
import { addDays, localDateOf, zonedInstant, type InstantRange } from './schedule.ts';
import type { SessionRow } from './session-views.ts';

/** The parts of a participant's session a reminder needs. */
export interface ReminderSession {
	id: string;
	start: Instant;
	/** cancelled, on leave, or the person gave notice: no reminder */
	skip: boolean;
}

export type ReminderKind = 'day-before' | 'hour-before' | 'daily-summary';

export interface Reminder {
	/** stable while the session keeps its time; a moved session gets new keys */
	key: string;
	kind: ReminderKind;
	/** when to show it (after any quiet-hours delay) */
	at: Instant;
	/** past this it is stale and never shown */
	until: Instant;
	title: string;
	body: string;
}

export type ReminderSettings = Pick<ReminderPrefs, 'dayBefore' | 'hourBefore' | 'dailySummaryAt' | 'quietFrom' | 'quietTo'>;

/** What a person who never opened the settings gets (DESIGN §4 defaults). */
export const DEFAULT_REMINDERS: Readonly<ReminderSettings> = Object.freeze({ dayBefore: true, hourBefore: true });

const HOUR_MS = 3_600_000;
const TITLE = 'Steady';

/** "6 pm", "6:30 pm" in the device's zone. */
export function clockWords(instant: Instant, timeZone: string): string {
	const at = new Date(instant);
	const minutes = format(at, 'mm', { in: tz(timeZone) });
	return format(at, minutes === '00' ? 'h a' : 'h:mm a', { in: tz(timeZone) })
		.replace('AM', 'am')
		.replace('PM', 'pm');
}

const minutesOf = (time: string): number => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * The end of the quiet hours that hold `instant`, or null when it is outside them.
 * Quiet hours may cross midnight (22:00 to 07:00); equal ends mean none.
 */
export function quietUntil(instant: Instant, settings: ReminderSettings, timeZone: string): Instant | null {
	const { quietFrom, quietTo } = settings;
	if (!quietFrom || !quietTo || quietFrom === quietTo) return null;
	const date = localDateOf(instant, timeZone);
	const now = minutesOf(format(new Date(instant), 'HH:mm', { in: tz(timeZone) }));
	const from = minutesOf(quietFrom);
	const to = minutesOf(quietTo);
	if (from < to) return now >= from && now < to ? zonedInstant(date, quietTo, timeZone) : null;
	if (now >= from) return zonedInstant(addDays(date, 1), quietTo, timeZone);
	if (now < to) return zonedInstant(date, quietTo, timeZone);
	return null;
}

/**
 * Moves a reminder out of quiet hours; null when that would be too late to matter.
 * The end of quiet hours can itself be quiet: on a spring-forward night a 02:00 end
 * does not exist and lands at 03:00, which a 03:00 start makes quiet again.
 */
function outOfQuiet(at: Instant, until: Instant, settings: ReminderSettings, timeZone: string): Instant | null {
	let later = at;
	for (let end = quietUntil(later, settings, timeZone); end; end = quietUntil(later, settings, timeZone)) {
		// an end that does not move forward (or moves past the session) cannot help
		if (Date.parse(end) >= Date.parse(until) || Date.parse(end) <= Date.parse(later)) return null;
		later = end;
	}
	return Date.parse(later) < Date.parse(until) ? later : null;
}

function sessionReminders(session: ReminderSession, settings: ReminderSettings, timeZone: string): Reminder[] {
	if (session.skip) return [];
	const clock = clockWords(session.start, timeZone);
	const wanted: Array<{ kind: ReminderKind; hoursBefore: number; body: string }> = [];
	if (settings.dayBefore) wanted.push({ kind: 'day-before', hoursBefore: 24, body: `Your group is tomorrow at ${clock}.` });
	if (settings.hourBefore) wanted.push({ kind: 'hour-before', hoursBefore: 1, body: `Your group starts at ${clock}.` });
	const reminders: Reminder[] = [];
	for (const { kind, hoursBefore, body } of wanted) {
		const at = outOfQuiet(new Date(Date.parse(session.start) - hoursBefore * HOUR_MS).toISOString(), session.start, settings, timeZone);
		if (at) reminders.push({ key: `${kind}:${session.id}:${session.start}`, kind, at, until: session.start, title: TITLE, body });
	}
	return reminders;
}

function summaryBody(sessions: readonly ReminderSession[], timeZone: string): string {
	const times = sessions.map((s) => clockWords(s.start, timeZone));
	if (times.length === 1) return `Today you have 1 group, at ${times[0]}.`;
	return `Today you have ${times.length} groups, at ${times.slice(0, -1).join(', ')} and ${times.at(-1)}.`;
}

/** One summary per local day that has sessions still ahead at the summary time. */
function dailySummaries(sessions: readonly ReminderSession[], settings: ReminderSettings, timeZone: string, range: InstantRange): Reminder[] {
	const time = settings.dailySummaryAt;
	if (!time) return [];
	const summaries: Reminder[] = [];
	const last: LocalDate = localDateOf(range.to, timeZone);
	for (let date = addDays(localDateOf(range.from, timeZone), -1); date <= last; date = addDays(date, 1)) {
		const scheduled = zonedInstant(date, time, timeZone);
		const endOfDay = zonedInstant(addDays(date, 1), '00:00', timeZone);
		const at = outOfQuiet(scheduled, endOfDay, settings, timeZone);
		if (!at) continue;
		const ahead = sessions.filter((s) => !s.skip && localDateOf(s.start, timeZone) === date && s.start > at);
		if (ahead.length === 0) continue;
		summaries.push({ key: `daily-summary:${date}:${time}`, kind: 'daily-summary', at, until: endOfDay, title: TITLE, body: summaryBody(ahead, timeZone) });
	}
	return summaries;
}

/**
 * Every reminder whose time falls in `range`, sorted by time. A reminder that falls
 * in quiet hours waits for their end, and is dropped if that is past its session's
 * start (or, for the summary, past the day). Days without sessions get no summary.
 */
export function plannedReminders(
	sessions: readonly ReminderSession[],
	settings: ReminderSettings,
	timeZone: string,
	range: InstantRange
): Reminder[] {
	const inRange = (r: Reminder) => r.at >= range.from && r.at < range.to;
	const all = [...sessions.flatMap((s) => sessionReminders(s, settings, timeZone)), ...dailySummaries(sessions, settings, timeZone, range)];
	return all.filter(inRange).sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}

/**
 * The reminders to show now: due, not stale, not shown before. Of one session's
 * reminders only the latest due is shown (an app opened 30 minutes before a session
 * says "starts at 6 pm" once, not also "tomorrow").
 */
export function dueReminders(planned: readonly Reminder[], now: Instant, shown: ReadonlySet<string>): Reminder[] {
	const due = planned.filter((r) => r.at <= now && now < r.until);
	const latestPerSession = new Map<string, Reminder>();
	for (const reminder of due) {
		const group = reminder.kind === 'daily-summary' ? reminder.key : reminder.key.slice(reminder.key.indexOf(':') + 1);
		const seen = latestPerSession.get(group);
		if (!seen || reminder.at > seen.at) latestPerSession.set(group, reminder);
	}
	return [...latestPerSession.values()].filter((r) => !shown.has(r.key)).sort((a, b) => a.at.localeCompare(b.at));
}

/** A participant's sessions as reminders see them: nothing for cancelled, on-leave or notified ones. */
export function reminderSessions(rows: readonly SessionRow[]): ReminderSession[] {
	return rows.map(({ occurrence, result }) => ({
		id: occurrence.id,
		start: occurrence.start,
		skip: occurrence.cancelled || occurrence.onLeave || result.notice !== null
	}));
}
