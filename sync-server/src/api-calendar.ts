/**
 * A participant's sessions as iCalendar (docs/API.md, "Calendar"): a download
 * for the signed-in participant, and a subscription link with a secret token for
 * calendar apps, which fetch without cookies. The feed carries no health
 * information (export-ical.ts), so it is no disclosure; making and revoking links
 * and downloads are audited, fetches by calendar apps are not (they poll hourly).
 */
import { buildCalendar, DEFAULT_REMINDERS } from '../../src/lib/domain/export-ical.ts';
import { addDays, localDateOf, participantSchedule, expandSchedule } from '../../src/lib/domain/schedule.ts';
import { instantRange } from '../../src/lib/domain/export-data.ts';
import type { ServerContext } from './context.ts';
import { HttpError, sendJson } from './http-util.ts';
import { audit, publicOrigin, requireSession, type ApiCall } from './api-common.ts';
import { storedParticipant, storedProgram } from './stored-documents.ts';

/** What a calendar shows: two weeks back (recent changes stay visible) and three months ahead. */
const DAYS_BACK = 14;
const DAYS_AHEAD = 92;

function calendarOf(ctx: ServerContext, participantId: string): string {
	const participant = ctx.directory.participant(participantId);
	if (!participant) throw FEED_GONE;
	const program = storedProgram(ctx.store, participant.programId);
	const stored = storedParticipant(ctx.store, participant);
	const now = new Date(ctx.now()).toISOString();
	const today = localDateOf(now, program.timeZone);
	const range = instantRange({ from: addDays(today, -DAYS_BACK), to: addDays(today, DAYS_AHEAD) }, program.timeZone);
	const enrollment = stored.records.enrollment;
	const sessions = enrollment
		? participantSchedule(expandSchedule(program.groups, program.exceptions, program.timeZone, range), {
				enrollment,
				adjustments: stored.records.adjustments,
				leaves: stored.records.leaves
			})
		: [];
	const prefs = stored.reminders && stored.reminders.deletedAt === undefined ? stored.reminders : DEFAULT_REMINDERS;
	return buildCalendar({ sessions, reminders: { dayBefore: prefs.dayBefore, hourBefore: prefs.hourBefore }, timeZone: program.timeZone, now });
}

const FEED_GONE = new HttpError(404, 'not-found', 'This calendar link no longer works. Make a new one in Steady, on the Calendar page.');

function sendCalendar(call: ApiCall, text: string, attachment: boolean): void {
	call.res.writeHead(200, {
		'content-type': 'text/calendar; charset=utf-8',
		'content-length': Buffer.byteLength(text),
		...(attachment ? { 'content-disposition': 'attachment; filename="steady-sessions.ics"' } : {}),
		'cache-control': 'no-store',
		'x-content-type-options': 'nosniff'
	});
	call.res.end(text);
}

const feedUrl = (call: ApiCall, token: string) => `${publicOrigin(call)}/api/calendar/feeds/${token}.ics`;

function status(call: ApiCall): void {
	const session = requireSession(call, ['participant']);
	sendJson(call.res, 200, { feed: call.ctx.calendarFeeds.current(session.user.participantId as string) });
}

function create(call: ApiCall): void {
	const session = requireSession(call, ['participant']);
	const { feed, token } = call.ctx.calendarFeeds.create(session.user.participantId as string);
	audit(call, session, { event: 'calendar-link-created', detail: JSON.stringify({ id: feed.id }) });
	sendJson(call.res, 200, { feed, url: feedUrl(call, token) });
}

function revoke(call: ApiCall): void {
	const session = requireSession(call, ['participant']);
	if (call.ctx.calendarFeeds.revoke(session.user.participantId as string)) audit(call, session, { event: 'calendar-link-revoked' });
	sendJson(call.res, 200, {});
}

function download(call: ApiCall): void {
	const session = requireSession(call, ['participant']);
	const text = calendarOf(call.ctx, session.user.participantId as string);
	audit(call, session, { event: 'calendar-downloaded' });
	sendCalendar(call, text, true);
}

function feed(call: ApiCall): void {
	const participantId = call.ctx.calendarFeeds.participantOf(call.params[0] ?? '');
	if (!participantId) throw FEED_GONE;
	sendCalendar(call, calendarOf(call.ctx, participantId), false);
}

export const calendarRoutes = [
	{ method: 'GET', path: /^\/api\/calendar$/, handle: status },
	{ method: 'POST', path: /^\/api\/calendar\/feed$/, handle: create },
	{ method: 'POST', path: /^\/api\/calendar\/feed\/revoke$/, handle: revoke },
	{ method: 'GET', path: /^\/api\/calendar\/download\.ics$/, handle: download },
	{ method: 'GET', path: /^\/api\/calendar\/feeds\/([^/]+)\.ics$/, handle: feed }
] as const;
