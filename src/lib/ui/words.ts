/** Every status in words for people, in one place. */
import { format } from 'date-fns';
import type { AttendanceResult } from '../domain/attendance.ts';
import { OccurrenceId, occurrenceParts } from '../domain/ids.ts';
import type { WeeklyHoursPlan } from '../domain/policy.ts';
import type { AbsenceReason, AttendanceStatus, Group, Verification } from '../domain/records.ts';

const STATUS: Record<AttendanceResult['attendance']['status'], string> = {
	present: 'Present',
	late: 'Late',
	'left-early': 'Left early',
	partial: 'Partial',
	absent: 'Absent',
	'on-leave': 'On leave',
	'absent-notified': 'Absent, notified',
	'absent-not-notified': 'Absent, not notified',
	cancelled: 'Cancelled',
	upcoming: 'Upcoming',
	live: 'In session'
};

/** A status on its own, e.g. in a report row. */
export function stateWords(status: AttendanceResult['attendance']['status']): string {
	return STATUS[status];
}

export function statusWords(result: AttendanceResult): string {
	const { status, source, lateCancellation } = result.attendance;
	if (status === 'live') return result.open ? 'Checked in' : result.firstJoin ? 'Left, session still running' : 'In session, not checked in';
	const words = STATUS[status];
	if (source === 'verified') return `${words} (verified)`;
	if (lateCancellation) return `${words} (late cancellation)`;
	return words;
}

export function minutesWords(minutes: number): string {
	// presence counts to the millisecond; people read whole minutes
	const whole = Math.round(minutes);
	return whole === 1 ? '1 minute' : `${whole} minutes`;
}

export function tone(result: AttendanceResult): 'good' | 'warn' | 'bad' | 'neutral' {
	switch (result.attendance.status) {
		case 'present':
			return 'good';
		case 'late':
		case 'left-early':
		case 'partial':
		case 'absent-notified':
			return 'warn';
		case 'absent':
		case 'absent-not-notified':
			return 'bad';
		case 'live':
			return result.open ? 'good' : 'neutral';
		default:
			return 'neutral';
	}
}

/** The device's own zone, named, when it is not the program's: times on screen are the device's. */
export function deviceZoneWords(programZone: string, now = new Date()): string | null {
	const device = Intl.DateTimeFormat().resolvedOptions().timeZone;
	const offset = (zone: string) => new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).format(now).split(' ').at(-1);
	if (device === programZone || offset(device) === offset(programZone)) return null;
	const name = new Intl.DateTimeFormat('en-US', { timeZoneName: 'long' }).formatToParts(now).find((part) => part.type === 'timeZoneName')?.value;
	return `Times are shown in your time zone${name ? ` (${name})` : ''}.`;
}

export const ABSENCE_REASON_WORDS: Record<AbsenceReason, string> = {
	'scheduling-conflict': 'Something else is booked at that time',
	illness: 'I am unwell',
	'family-emergency': 'Family emergency',
	'work-emergency': 'Work emergency',
	'technical-problem': 'Technical problem (internet, phone or computer)',
	transportation: 'Transportation',
	other: 'Something else'
};

export function hoursWords(hours: number): string {
	return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** The weekly hours a participant is held to, in the care team's words. */
export function hoursPlanWords(plan: WeeklyHoursPlan & { own: boolean }, track: 'adult' | 'adolescent'): string {
	return plan.own ? `plan ${hoursWords(plan.min)} a week` : `no plan set: the ${track} track's ${plan.min} to ${hoursWords(plan.max)} a week`;
}

export const ATTENDANCE_CHOICES: ReadonlyArray<[AttendanceStatus, string]> = [
	['present', 'Present'],
	['late', 'Late'],
	['left-early', 'Left early'],
	['partial', 'Partial'],
	['absent', 'Absent']
];

/** One verification version in words, e.g. "Late · excused: not decided · camera on · engagement 4 of 5". */
export function verificationWords(v: Omit<Verification, 'id' | 'occurrenceId' | 'recordedAt' | 'recordedBy'>): string {
	const parts = [STATUS[v.attendance] + (v.attendance === 'partial' && v.minutes !== undefined ? ` (${minutesWords(v.minutes)})` : '')];
	parts.push(`excused: ${v.excused === null ? 'not decided' : v.excused ? 'yes' : 'no'}`);
	if (v.camera !== undefined) parts.push(v.camera ? 'camera on' : 'camera off');
	if (v.verbal !== undefined) parts.push(v.verbal ? 'took part verbally' : 'did not speak');
	if (v.engagement !== undefined) parts.push(`engagement ${v.engagement} of 5`);
	if (v.mode) parts.push(v.mode === 'video' ? 'video' : 'audio only');
	if (v.technicalProblems) parts.push(`technical problems: ${v.technicalProblems}`);
	return parts.join(' · ');
}

/**
 * A calendar date (no time, no zone) in words, by a date-fns pattern. It is read at
 * noon, so no device zone can move it to the day before or after.
 */
export function dateWords(date: string, pattern = 'EEEE d MMMM'): string {
	return format(new Date(`${date}T12:00:00`), pattern);
}

/**
 * "Evening Recovery Group, Thursday 5 March" for a session a participant sees: the day
 * it starts on in the device's zone, as its card on the week page shows it. (Seen from
 * Auckland, New York's Thursday evening group meets on Friday.)
 */
export function occurrenceWords(occurrence: { groupName: string; start: string }): string {
	return `${occurrence.groupName}, ${format(new Date(occurrence.start), 'EEEE d MMMM')}`;
}

/**
 * "Evening Recovery Group, Monday 2 March" for a session id ("evening@2026-03-02"):
 * the group's name from the program, the date it was scheduled on from the id (the
 * program's calendar); null for anything that is not a session id.
 */
export function sessionWords(id: string, groups: readonly Pick<Group, 'id' | 'name'>[]): string | null {
	if (!OccurrenceId.safeParse(id).success) return null;
	const { groupId, localDate } = occurrenceParts(id);
	const group = groups.find((g) => g.id === groupId);
	return `${group?.name ?? 'Your group'}, ${dateWords(localDate)}`;
}
