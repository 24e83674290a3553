/** The participant's calendar link and download (docs/API.md, "Calendar"). */
import { z } from 'zod';
import { request, type Result } from './account.ts';

const Feed = z.object({ id: z.string(), createdAt: z.string() });
export type CalendarFeed = z.infer<typeof Feed>;

export const DOWNLOAD_PATH = '/api/calendar/download.ics';

export function calendarStatus(): Promise<Result<{ feed: CalendarFeed | null }>> {
	return request('/api/calendar', z.object({ feed: Feed.nullable() }));
}

/** A new link; any earlier one stops working. The link is shown only now. */
export function makeCalendarLink(): Promise<Result<{ feed: CalendarFeed; url: string }>> {
	return request('/api/calendar/feed', z.object({ feed: Feed, url: z.string() }), { method: 'POST', body: {} });
}

export function stopCalendarLink(): Promise<Result<object>> {
	return request('/api/calendar/feed/revoke', z.object({}), { method: 'POST', body: {} });
}

/** The same address for calendar apps that open webcal: links (Apple, Outlook). */
export function webcalUrl(url: string): string {
	return url.replace(/^https?:/, 'webcal:');
}
