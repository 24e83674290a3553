/** Every status in words for people, in one place. */
import type { AttendanceResult } from '../domain/attendance.ts';

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
	return minutes === 1 ? '1 minute' : `${minutes} minutes`;
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
