/**
 * Test data only: the evening group's session on a date and a participant's presence
 * at it, shared by the domain tests of make-ups, make-up requests, surveys and progress.
 */
import type { PresenceEvent } from './records.ts';
import type { ParticipantOccurrence } from './schedule.ts';

/** The evening session on `date`, 22:00-23:00 UTC unless `extra` says otherwise. */
export const eveningSession = (date: string, extra: Partial<ParticipantOccurrence> = {}): ParticipantOccurrence => ({
	id: `evening@${date}`,
	groupId: 'evening',
	groupName: 'Evening',
	facilitator: 'Dr. Okafor',
	videoLink: 'https://meet.example.org/evening',
	localDate: date,
	start: `${date}T22:00:00.000Z`,
	end: `${date}T23:00:00.000Z`,
	durationMinutes: 60,
	cancelled: false,
	moved: false,
	onLeave: false,
	...extra
});

/** A join at `startUtc` on `date` and a leave `minutes` later, in the evening session. */
export const visit = (date: string, minutes: number, startUtc = '22:00'): PresenceEvent[] => {
	const at = `${date}T${startUtc}:00.000Z`;
	return [
		{ id: `j${date}`, occurrenceId: `evening@${date}`, type: 'join', at },
		{ id: `l${date}`, occurrenceId: `evening@${date}`, type: 'leave', at: new Date(Date.parse(at) + minutes * 60_000).toISOString() }
	];
};
