/** The audit trail in words for admins: the server's own events named plainly, rows without a user shown as the system's. */

/** Events the server records on its own, without a user. */
const SYSTEM_EVENT: Record<string, string> = {
	'storage-damaged': 'Stored data damaged; moved aside; the rest is served'
};

/** A plain label for an event, or null where its code says enough. */
export const eventWords = (event: string): string | null => SYSTEM_EVENT[event] ?? null;

/** Who a row is about: the user's id, or "System" for the server's own rows. */
export const whoWords = (userId: string | null | undefined): string => userId || 'System';
