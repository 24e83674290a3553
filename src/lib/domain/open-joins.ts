import type { PresenceEvent } from './records.ts';

/**
 * The sessions one device has joined and not left since: its latest join for the
 * session has no leave from the same device at or after it. Only that device can
 * leave them; another device's open join is its own.
 */
export function openJoinsOf(events: readonly PresenceEvent[], deviceId: string): Set<string> {
	const mine = events.filter((event) => event.deviceId === deviceId);
	const lastJoin = new Map<string, string>();
	for (const event of mine) {
		if (event.type === 'join' && event.at > (lastJoin.get(event.occurrenceId) ?? '')) lastJoin.set(event.occurrenceId, event.at);
	}
	const open = new Set<string>();
	for (const [occurrenceId, joinedAt] of lastJoin) {
		const left = mine.some((event) => event.type === 'leave' && event.occurrenceId === occurrenceId && event.at >= joinedAt);
		if (!left) open.add(occurrenceId);
	}
	return open;
}
