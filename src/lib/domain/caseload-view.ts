/** Sorting and filtering the caseload dashboard's rows. */
import type { CaseloadRow } from './caseload.ts';

export type SortKey = 'name' | 'attendance14' | 'attendanceOverall' | 'hours' | 'makeupsOverdue' | 'phq9' | 'flags' | 'requests';
export type SortDirection = 'ascending' | 'descending';

export interface CaseloadFilter {
	flaggedOnly: boolean;
	/** only participants with a message no one has answered yet */
	requestsOnly: boolean;
	/** '' for every group */
	groupId: string;
	/** a group facilitator's name, '' for everyone */
	clinician: string;
}

/** Unknown values (no sessions yet, no score) sort last either way. */
function value(row: CaseloadRow, key: SortKey): number | string | null {
	switch (key) {
		case 'name':
			return row.displayName.toLocaleLowerCase();
		case 'attendance14':
			return row.attendance14.rate;
		case 'attendanceOverall':
			return row.attendanceOverall.rate;
		case 'hours':
			return row.weeklyHoursTarget > 0 ? row.hoursThisWeek / row.weeklyHoursTarget : null;
		case 'makeupsOverdue':
			return row.makeupsOverdue;
		case 'phq9':
			return row.phq9?.score ?? null;
		case 'flags':
			// urgent outranks any number of other flags
			return (row.urgent ? 1000 : 0) + row.flags.active.length;
		case 'requests':
			return row.requests.total;
	}
}

export function sortRows(rows: readonly CaseloadRow[], key: SortKey, direction: SortDirection): CaseloadRow[] {
	const sign = direction === 'ascending' ? 1 : -1;
	return [...rows].sort((a, b) => {
		const x = value(a, key);
		const y = value(b, key);
		if (x === null || y === null) return x === y ? a.displayName.localeCompare(b.displayName) : x === null ? 1 : -1;
		const order = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
		return sign * order || a.displayName.localeCompare(b.displayName) || a.participantId.localeCompare(b.participantId);
	});
}

export function filterRows(rows: readonly CaseloadRow[], filter: CaseloadFilter): CaseloadRow[] {
	return rows.filter(
		(row) =>
			(!filter.flaggedOnly || row.flags.active.length > 0) &&
			(!filter.requestsOnly || row.requests.total > 0) &&
			(filter.groupId === '' || row.groupIds.includes(filter.groupId)) &&
			(filter.clinician === '' || row.clinicians.includes(filter.clinician))
	);
}
