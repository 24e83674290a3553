/**
 * Attendance as CSV for spreadsheets (RFC 4180, CRLF): one row per participant and
 * session, the three facts in their own columns. Times are the program's wall
 * clock (the zone is named in the header), so a spreadsheet shows what people saw.
 */
import { format } from 'date-fns';
import { tz } from '@date-fns/tz';
import type { Instant } from './ids.ts';
import type { SessionLine } from './export-data.ts';

/**
 * RFC 4180 quoting. A text cell that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or CR) gets a leading apostrophe.
 */
export function csvCell(value: string | number | null): string {
	if (value === null) return '';
	if (typeof value === 'number') return String(value);
	const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function csvText(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): string {
	return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const yesNo = (value: boolean | null): string => (value === null ? '' : value ? 'yes' : 'no');

function localTime(instant: Instant | null, timeZone: string): string | null {
	return instant === null ? null : format(new Date(instant), 'yyyy-MM-dd HH:mm', { in: tz(timeZone) });
}

/** `excused` is empty while the clinician has not decided. */
export function attendanceCsv(lines: readonly SessionLine[], timeZone: string): string {
	const header = [
		'participant_id',
		'participant',
		'group',
		'session_id',
		'session_date',
		`scheduled_start (${timeZone})`,
		`scheduled_end (${timeZone})`,
		'session_status',
		`time_in (${timeZone})`,
		`time_out (${timeZone})`,
		'minutes',
		'attendance',
		'excused',
		'billable'
	];
	const rows = lines.map((line) => [
		line.participantId,
		line.displayName,
		line.occurrence.groupName,
		line.occurrence.id,
		line.occurrence.localDate,
		localTime(line.occurrence.start, timeZone),
		localTime(line.occurrence.end, timeZone),
		line.occurrence.cancelled ? 'cancelled' : line.occurrence.moved ? 'moved' : 'as scheduled',
		localTime(line.timeIn, timeZone),
		localTime(line.timeOut, timeZone),
		line.minutes,
		line.attendance,
		yesNo(line.excused),
		yesNo(line.billable)
	]);
	return csvText(header, rows);
}
