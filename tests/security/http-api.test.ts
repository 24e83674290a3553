/** The JSON API: sign-in, sessions, body limits and the audit trail. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, signIn, type TestServer } from '../../sync-server/test/support.ts';

let server: TestServer;
beforeAll(async () => {
	server = await startServer();
});
afterAll(async () => server.close());

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
	fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('sign-in', () => {
	it('a wrong password gets 401 with a message that says what to do', async () => {
		const res = await post('/api/sign-in', JSON.stringify({ email: 'alex@demo.steady', password: 'wrong' }));
		expect(res.status).toBe(401);
		expect(await res.json()).toEqual({
			error: { code: 'bad-credentials', message: 'That email and password do not match. Check them and try again.' }
		});
		expect(res.headers.get('set-cookie')).toBeNull();
	});

	it('an unknown email gets the same answer as a wrong password', async () => {
		const res = await post('/api/sign-in', JSON.stringify({ email: 'nobody@demo.steady', password: 'steady-demo' }));
		expect(res.status).toBe(401);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad-credentials');
	});

	it('the session cookie is HttpOnly, SameSite=Strict, Path=/ and only its hash is stored', async () => {
		const res = await post('/api/sign-in', JSON.stringify({ email: 'Clinician@Demo.Steady', password: 'steady-demo' }));
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			user: { id: 'u-clinician', role: 'clinician', displayName: 'Dr. Sam Okafor', email: 'clinician@demo.steady', programId: 'demo' }
		});
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^steady_session=[A-Za-z0-9_-]{40,};/);
		expect(cookie).toContain('HttpOnly');
		expect(cookie).toContain('SameSite=Strict');
		expect(cookie).toContain('Path=/');
		const token = cookie.split(';')[0]?.split('=')[1] ?? '';
		const rows = server.context.db.prepare('SELECT token_hash FROM sessions').all() as Array<{ token_hash: string }>;
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.some((r) => r.token_hash === token)).toBe(false);
	});

	it('passwords are stored as scrypt hashes with a random salt', () => {
		const rows = server.context.db.prepare('SELECT password_hash FROM users').all() as Array<{ password_hash: string }>;
		for (const row of rows) expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
		expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
	});
});

describe('request bodies', () => {
	it('malformed JSON gets 400 with a code and a message', async () => {
		const res = await post('/api/sign-in', '{"email": ');
		expect(res.status).toBe(400);
		expect(await res.json()).toEqual({ error: { code: 'malformed-json', message: 'The request body is not valid JSON. Send a JSON object.' } });
	});

	it('a body of the wrong shape gets 400 naming the field', async () => {
		const res = await post('/api/sign-in', JSON.stringify({ email: 'a@b.c' }));
		expect(res.status).toBe(400);
		const body = (await res.json()) as { error: { code: string; message: string } };
		expect(body.error.code).toBe('invalid-body');
		expect(body.error.message).toMatch(/password/);
	});

	it('a body over 64 kB gets 413', async () => {
		const res = await post('/api/sign-in', JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(70 * 1024) }));
		expect(res.status).toBe(413);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('body-too-large');
	});

	it('a wrong method gets 405 and an unknown API 404', async () => {
		expect((await fetch(`${server.url}/api/sign-in`)).status).toBe(405);
		expect((await fetch(`${server.url}/api/nope`)).status).toBe(404);
	});
});

describe('/api/me', () => {
	it('is 401 when not signed in', async () => {
		const res = await fetch(`${server.url}/api/me`);
		expect(res.status).toBe(401);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not-signed-in');
	});

	it("lists the program's participants for a clinician and none for a participant", async () => {
		const clinician = await (await fetch(`${server.url}/api/me`, { headers: { cookie: await signIn(server.url, 'cohost@demo.steady') } })).json();
		expect(clinician).toMatchObject({
			user: { role: 'clinician', programId: 'demo' },
			participants: [
				{ id: 'alex', displayName: 'Alex M.' },
				{ id: 'blair', displayName: 'Blair T.' },
				{ id: 'casey', displayName: 'Casey R.' }
			]
		});
		const alex = await (await fetch(`${server.url}/api/me`, { headers: { cookie: await signIn(server.url, 'alex@demo.steady') } })).json();
		expect(alex).toEqual({
			user: { id: 'u-alex', role: 'participant', displayName: 'Alex M.', email: 'alex@demo.steady', programId: 'demo', participantId: 'alex' },
			participants: []
		});
	});

	it('sign-out deletes the session and clears the cookie', async () => {
		const cookie = await signIn(server.url, 'blair@demo.steady');
		const res = await post('/api/sign-out', '', { cookie });
		expect(res.status).toBe(200);
		expect(res.headers.get('set-cookie')).toMatch(/^steady_session=;.*Max-Age=0/);
		expect((await fetch(`${server.url}/api/me`, { headers: { cookie } })).status).toBe(401);
	});
});

describe('audit trail', () => {
	it('records sign-ins and failures, without passwords', () => {
		const events = server.context.audit.list();
		expect(events.some((e) => e.event === 'sign-in' && e.userId === 'u-clinician')).toBe(true);
		expect(events.some((e) => e.event === 'sign-in-failed' && e.detail === 'alex@demo.steady')).toBe(true);
		expect(JSON.stringify(events)).not.toContain('steady-demo');
	});

	it('is append-only', () => {
		expect(() => server.context.db.prepare("UPDATE audit SET event = 'x'").run()).toThrow(/append-only/);
		expect(() => server.context.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
	});
});

describe('the app', () => {
	it('answers 503 with a hint when the SvelteKit build is missing', async () => {
		const res = await fetch(`${server.url}/participant`);
		expect(res.status).toBe(503);
		expect(await res.text()).toBe('Run npm run build first');
	});
});
