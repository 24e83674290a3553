/** The JSON API: sign-in, device cookies, body limits, hostile input and the audit trail. */
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
		const res = await post('/api/sign-in', JSON.stringify({ email: 'cohost@demo.steady', password: 'wrong' }));
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

	it('the device cookie is HttpOnly, SameSite=Strict, Path=/, 180 days, and only its hash is stored', async () => {
		const res = await post('/api/sign-in', JSON.stringify({ email: ' Clinician@Demo.Steady ', password: 'steady-demo', deviceName: 'Front desk PC' }));
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({
			user: { id: 'u-clinician', role: 'clinician', displayName: 'Dr. Sam Okafor', email: 'clinician@demo.steady', programId: 'demo' }
		});
		const cookie = res.headers.get('set-cookie') ?? '';
		expect(cookie).toMatch(/^steady_device=[A-Za-z0-9_-]{40,};/);
		expect(cookie).toContain('HttpOnly');
		expect(cookie).toContain('SameSite=Strict');
		expect(cookie).toContain('Path=/');
		expect(cookie).toContain(`Max-Age=${180 * 24 * 3600}`);
		expect(cookie).not.toContain('Secure'); // plain http on localhost
		const token = cookie.split(';')[0]?.split('=')[1] ?? '';
		const rows = server.context.db.prepare('SELECT name, token_hash FROM devices').all() as Array<{ name: string; token_hash: string }>;
		expect(rows.map((r) => r.name)).toContain('Front desk PC');
		expect(rows.some((r) => r.token_hash === token)).toBe(false);
		const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie: cookie.split(';')[0] ?? '' } })).json()) as {
			device: { name: string };
		};
		expect(me.device.name).toBe('Front desk PC');
	});

	it('a device without a name is named from the browser', async () => {
		const res = await post('/api/sign-in', JSON.stringify({ email: 'cohost@demo.steady', password: 'steady-demo' }), {
			'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36'
		});
		const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie: (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '' } })).json()) as {
			device: { name: string };
		};
		expect(me.device.name).toBe('Chrome on macOS');
	});

	it('participants have no password and cannot sign in with one', async () => {
		const res = await post('/api/sign-in', JSON.stringify({ email: 'alex@demo.steady', password: 'steady-demo' }));
		expect(res.status).toBe(401);
		const rows = server.context.db.prepare("SELECT password_hash FROM users WHERE role = 'participant'").all() as Array<{ password_hash: string | null }>;
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) expect(row.password_hash).toBeNull();
	});

	it('staff passwords are stored as scrypt hashes with a random salt', () => {
		const rows = server.context.db.prepare("SELECT password_hash FROM users WHERE role <> 'participant'").all() as Array<{ password_hash: string }>;
		for (const row of rows) expect(row.password_hash).toMatch(/^scrypt\$16384\$8\$1\$/);
		expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
	});

	it.each([
		["' OR 1=1 --", 'x'],
		['admin@demo.steady\'; DROP TABLE users; --', "' OR ''='"],
		['<script>alert(1)</script>', '${jndi:ldap://x}'],
		['\u0000admin@demo.steady', '\u0000'],
		['a'.repeat(320), 'b'.repeat(1024)]
	])('an injection string in the sign-in fields gets 401 and changes nothing (%#)', async (email, password) => {
		const res = await post('/api/sign-in', JSON.stringify({ email, password }));
		expect(res.status).toBe(401);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad-credentials');
		const users = server.context.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number };
		expect(users.n).toBe(6);
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

	it.each(['[]', '"text"', '42', 'null'])('a JSON body that is not an object (%s) gets 400 invalid-body', async (text) => {
		const res = await post('/api/sign-in', text);
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid-body');
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
			device: { id: expect.stringMatching(/^d-/), name: expect.any(String) },
			participants: [
				{ id: 'alex', displayName: 'Alex M.' },
				{ id: 'blair', displayName: 'Blair T.' },
				{ id: 'casey', displayName: 'Casey R.' }
			],
			consent: { careTeam: true }
		});
		const alex = await (await fetch(`${server.url}/api/me`, { headers: { cookie: await signIn(server.url, 'alex') } })).json();
		expect(alex).toEqual({
			user: { id: 'u-alex', role: 'participant', displayName: 'Alex M.', email: '', programId: 'demo', participantId: 'alex' },
			device: { id: expect.stringMatching(/^d-/), name: "alex's test device" },
			participants: [],
			consent: { careTeam: false }
		});
	});

	it('an unknown cookie is 401 not-signed-in', async () => {
		const res = await fetch(`${server.url}/api/me`, { headers: { cookie: 'steady_device=forged' } });
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not-signed-in');
	});

	it('sign-out revokes the device and clears the cookie; the credential is refused as revoked', async () => {
		const cookie = await signIn(server.url, 'blair');
		const res = await post('/api/sign-out', '', { cookie });
		expect(res.status).toBe(200);
		expect(res.headers.get('set-cookie')).toMatch(/^steady_device=;.*Max-Age=0/);
		const me = await fetch(`${server.url}/api/me`, { headers: { cookie } });
		expect(me.status).toBe(401);
		expect(await me.json()).toEqual({
			error: {
				code: 'device-revoked',
				message: 'This device was removed from your account. Sign in again, or ask your care team for a new code.'
			}
		});
	});
});

describe('audit trail', () => {
	it('records sign-ins and failures, without passwords', () => {
		const events = server.context.audit.list();
		expect(events.some((e) => e.event === 'sign-in' && e.userId === 'u-clinician')).toBe(true);
		expect(events.some((e) => e.event === 'sign-in-failed' && e.detail === 'cohost@demo.steady' && e.userId === 'u-cohost')).toBe(true);
		expect(events.some((e) => e.event === 'device-bound' && e.userId === 'u-clinician' && e.deviceId?.startsWith('d-'))).toBe(true);
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

describe('requests from other sites', () => {
	it('a form from another site cannot redeem a code into the victim’s browser: its Origin is refused', async () => {
		const res = await post('/api/redeem', JSON.stringify({ code: 'ABCD-EFGH', deviceName: 'x' }), { origin: 'https://evil.example' });
		expect(res.status).toBe(403);
		expect(((await res.json()) as { error: { code: string; message: string } }).error).toEqual({
			code: 'cross-site',
			message: 'This request came from another site. Open Steady itself and try again.'
		});
	});

	it('a text/plain body (all a cross-site form can send) is refused before it is read', async () => {
		const res = await fetch(`${server.url}/api/redeem`, {
			method: 'POST',
			headers: { 'content-type': 'text/plain' },
			body: JSON.stringify({ code: 'ABCD-EFGH', deviceName: 'x' })
		});
		expect(res.status).toBe(415);
		expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not-json');
	});

	it('the app’s own origin is accepted', async () => {
		const host = new URL(server.url).host;
		const res = await post('/api/sign-in', JSON.stringify({ email: 'cohost@demo.steady', password: 'steady-demo' }), { origin: `http://${host}` });
		expect(res.status).toBe(200);
	});
});
