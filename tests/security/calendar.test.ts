/**
 * Calendar links (docs/API.md, "Calendar"): only the participant makes, sees and
 * revokes their link; the link works without cookies until revoked or replaced;
 * only the token's hash is stored; the feed holds that participant's sessions only
 * and no health information.
 */
import ICAL from 'ical.js';
import { beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { putSingleton } from '../../src/lib/doc/codec.ts';
import { apiCall, serverPool, signIn, type TestServer } from '../../sync-server/test/support.ts';

const pool = serverPool();
let server: TestServer;
let alex: string;

const call = (path: string, cookie: string, body?: unknown) => apiCall(server.url, path, cookie, body);

async function makeLink(cookie = alex): Promise<string> {
	const res = await call('/api/calendar/feed', cookie, {});
	expect(res.status).toBe(200);
	return ((await res.json()) as { url: string }).url;
}

/** Fetches the feed as a calendar app would: no cookie. */
const fetchFeed = (url: string) => fetch(url);

beforeEach(async () => {
	server = await pool.start();
	alex = await signIn(server.url, 'alex');
});

describe('calendar links', () => {
	it('the link works without a cookie and gives alex’s sessions, with alarms and no health information', async () => {
		const url = await makeLink();
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
		const res = await fetchFeed(url);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const text = await res.text();
		const events = new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent');
		expect(events.length).toBeGreaterThan(20);
		expect(events.every((e) => e.getFirstPropertyValue('summary') === 'Group session')).toBe(true);
		expect(events.at(-1)?.getAllSubcomponents('valarm')).toHaveLength(2);
		for (const secret of ['Steady Demo IOP', 'Evening', 'Recovery', 'Okafor', 'meet.example.org', 'Alex']) expect(text).not.toContain(secret);
	});

	it('only the token’s hash is stored', async () => {
		const token = /feeds\/(.+)\.ics$/.exec(await makeLink())?.[1] ?? '';
		const rows = server.context.db.prepare('SELECT * FROM calendar_feeds').all();
		expect(JSON.stringify(rows)).not.toContain(token);
		expect(rows).toHaveLength(1);
	});

	it('a revoked link is 404, and so is a replaced one; the new one works', async () => {
		const first = await makeLink();
		const second = await makeLink();
		expect((await fetchFeed(first)).status).toBe(404);
		expect((await fetchFeed(second)).status).toBe(200);
		expect((await call('/api/calendar/feed/revoke', alex, {})).status).toBe(200);
		const gone = await fetchFeed(second);
		expect(gone.status).toBe(404);
		expect(((await gone.json()) as { error: { message: string } }).error.message).toContain('no longer works');
		expect(((await (await call('/api/calendar', alex)).json()) as { feed: unknown }).feed).toBeNull();
	});

	it('a made-up, malformed or overlong token is 404', async () => {
		for (const token of ['x'.repeat(43), 'short', `${'A'.repeat(43)}%2F..`, 'a'.repeat(500)]) {
			expect((await fetch(`${server.url}/api/calendar/feeds/${token}.ics`)).status).toBe(404);
		}
	});

	it('staff cannot make, see or revoke calendar links, nor download one', async () => {
		const clinician = await signIn(server.url, 'clinician@demo.steady');
		expect((await call('/api/calendar/feed', clinician, {})).status).toBe(403);
		expect((await call('/api/calendar', clinician)).status).toBe(403);
		expect((await call('/api/calendar/feed/revoke', clinician, {})).status).toBe(403);
		expect((await call('/api/calendar/download.ics', clinician)).status).toBe(403);
	});

	it('another participant’s revoke leaves alex’s link working; each sees only their own', async () => {
		const url = await makeLink();
		const blair = await signIn(server.url, 'blair');
		expect((await call('/api/calendar/feed/revoke', blair, {})).status).toBe(200);
		expect((await fetchFeed(url)).status).toBe(200);
		expect(((await (await call('/api/calendar', blair)).json()) as { feed: unknown }).feed).toBeNull();
		expect(((await (await call('/api/calendar', alex)).json()) as { feed: { createdAt: string } }).feed.createdAt).toEqual(expect.any(String));
		// blair's feed has blair's daytime sessions, not alex's evening ones
		const blairFeed = await (await fetchFeed(await makeLink(blair))).text();
		const alexFeed = await (await fetchFeed(url)).text();
		const uids = (text: string) => new Set([...text.matchAll(/^UID:(.+)\r$/gm)].map((m) => m[1]));
		const shared = [...uids(blairFeed)].filter((uid) => uids(alexFeed).has(uid));
		expect(shared).toEqual([]);
	});

	it('the download needs the participant’s own device, and is audited', async () => {
		expect((await call('/api/calendar/download.ics', '')).status).toBe(401);
		const res = await call('/api/calendar/download.ics', alex);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toBe('attachment; filename="steady-sessions.ics"');
		const events = server.context.audit.list().map((r) => r.event);
		expect(events).toContain('calendar-downloaded');
	});

	it('making and revoking a link are audited', async () => {
		await makeLink();
		await call('/api/calendar/feed/revoke', alex, {});
		const events = server.context.audit.list().map((r) => r.event);
		expect(events).toContain('calendar-link-created');
		expect(events).toContain('calendar-link-revoked');
	});

	it('a link request from another site is refused', async () => {
		const res = await fetch(`${server.url}/api/calendar/feed`, { method: 'POST', headers: { cookie: alex, origin: 'https://evil.example' } });
		expect(res.status).toBe(403);
	});

	it('alarms follow the participant’s reminder choices as stored in their document', async () => {
		const url = await makeLink();
		expect(await (await fetchFeed(url)).text()).toContain('TRIGGER:-P1D');
		// alex turns the day-before reminder off (what their device's command writes)
		const doc = new Y.Doc();
		for (const row of server.context.store.load('self:alex')) Y.applyUpdate(doc, row.update);
		const before = Y.encodeStateVector(doc);
		putSingleton(doc, 'self', 'reminders', { id: 'reminders', updatedAt: new Date().toISOString(), updatedBy: 'u-alex', dayBefore: false, hourBefore: true });
		server.context.store.append('self:alex', Y.encodeStateAsUpdate(doc, before));
		await server.context.store.flushed();
		const text = await (await fetchFeed(url)).text();
		expect(text).not.toContain('TRIGGER:-P1D');
		expect(text).toContain('TRIGGER:-PT1H');
	});
});
