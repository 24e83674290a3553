/**
 * Growing delays after failed sign-ins (docs/API.md): after 5 failures for an
 * email, or 20 from one address, within 15 minutes, each further attempt waits
 * twice as long as the last (1 s, 2 s, ... up to 15 min): 429 too-many-attempts
 * with retryAfterSeconds and a message saying how long. Also the password change.
 */
import { describe, expect, it } from 'vitest';
import type { Config } from '../../sync-server/src/config.ts';
import { TestClock, signIn, serverPool, type TestServer } from '../../sync-server/test/support.ts';

const pool = serverPool();

async function start(overrides: Partial<Config> = {}) {
	const clock = new TestClock();
	const server = await pool.start(overrides, undefined, { now: clock.now });
	return { server, clock };
}

type ErrorBody = { error: { code: string; message: string; retryAfterSeconds?: number } };

async function attempt(server: TestServer, email: string, password = 'wrong password') {
	const res = await fetch(`${server.url}/api/sign-in`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ email, password })
	});
	return { status: res.status, body: (await res.json()) as ErrorBody, retryAfter: res.headers.get('retry-after') };
}

describe('growing delays per email', () => {
	it('five failures are answered 401; the sixth attempt must wait 1 s, then 2 s, 4 s, ...', async () => {
		const { server, clock } = await start();
		for (let i = 0; i < 5; i++) expect((await attempt(server, 'clinician@demo.steady')).status).toBe(401);
		const refused = await attempt(server, 'clinician@demo.steady');
		expect(refused.status).toBe(429);
		expect(refused.body).toEqual({
			error: {
				code: 'too-many-attempts',
				message: 'Too many attempts that did not work. Wait 1 second and try again.',
				retryAfterSeconds: 1
			}
		});
		expect(refused.retryAfter).toBe('1');
		// even the right password waits
		expect((await attempt(server, 'clinician@demo.steady', 'steady-demo')).status).toBe(429);

		for (const wait of [1, 2, 4, 8]) {
			const before = await attempt(server, 'clinician@demo.steady');
			expect(before.body.error.retryAfterSeconds).toBe(wait);
			clock.advance(wait * 1000);
			expect((await attempt(server, 'clinician@demo.steady')).status).toBe(401);
		}
		expect((await attempt(server, 'clinician@demo.steady')).body.error.retryAfterSeconds).toBe(16);
	});

	it('the delay stops growing at 15 minutes and the message says minutes', async () => {
		const { server, clock } = await start();
		const failures = server.context.db.prepare('INSERT INTO sign_in_failures (key, at) VALUES (?, ?)');
		for (let i = 0; i < 40; i++) failures.run('email:cohost@demo.steady', clock.ms - 1000);
		const refused = await attempt(server, 'cohost@demo.steady');
		expect(refused.status).toBe(429);
		expect(refused.body.error.retryAfterSeconds).toBe(15 * 60 - 1);
		expect(refused.body.error.message).toBe('Too many attempts that did not work. Wait 15 minutes and try again.');
	});

	it('failures older than 15 minutes no longer count', async () => {
		const { server, clock } = await start();
		for (let i = 0; i < 5; i++) await attempt(server, 'clinician@demo.steady');
		clock.advance(15 * 60 * 1000 + 1);
		expect((await attempt(server, 'clinician@demo.steady', 'steady-demo')).status).toBe(200);
	});

	it('a success clears the email\'s failures', async () => {
		const { server, clock } = await start();
		for (let i = 0; i < 4; i++) await attempt(server, 'clinician@demo.steady');
		expect((await attempt(server, 'clinician@demo.steady', 'steady-demo')).status).toBe(200);
		for (let i = 0; i < 4; i++) expect((await attempt(server, 'clinician@demo.steady')).status).toBe(401);
		clock.advance(10);
		expect((await attempt(server, 'clinician@demo.steady', 'steady-demo')).status).toBe(200);
	});

	it('another email is not slowed by one email\'s failures', async () => {
		const { server } = await start();
		for (let i = 0; i < 6; i++) await attempt(server, 'clinician@demo.steady');
		expect((await attempt(server, 'cohost@demo.steady', 'steady-demo')).status).toBe(200);
	});

	it('refused attempts are audited, without the password', async () => {
		const { server } = await start();
		for (let i = 0; i < 6; i++) await attempt(server, 'clinician@demo.steady', 'hunter2-secret');
		const events = server.context.audit.list();
		expect(events.some((e) => e.event === 'sign-in-throttled' && e.userId === 'u-clinician')).toBe(true);
		expect(JSON.stringify(events)).not.toContain('hunter2');
	});
});

describe('growing delays per address', () => {
	it('twenty failures from one address, over any emails, slow every email from it', async () => {
		const { server } = await start();
		for (let i = 0; i < 20; i++) expect((await attempt(server, `nobody${i}@example.org`)).status).toBe(401);
		const refused = await attempt(server, 'admin@demo.steady', 'steady-demo');
		expect(refused.status).toBe(429);
		expect(refused.body.error.retryAfterSeconds).toBe(1);
	});

	it('parallel attempts cannot slip past the delay', async () => {
		const { server } = await start();
		const answers = await Promise.all(Array.from({ length: 12 }, () => attempt(server, 'clinician@demo.steady')));
		const statuses = answers.map((a) => a.status);
		expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
		expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(6);
	});
});

describe('password change', () => {
	const change = (server: TestServer, cookie: string, body: unknown) =>
		fetch(`${server.url}/api/password`, { method: 'POST', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify(body) });

	it('changes the password: the new one signs in, the old one no longer', async () => {
		const { server } = await start();
		const cookie = await signIn(server.url, 'cohost@demo.steady');
		const res = await change(server, cookie, { currentPassword: 'steady-demo', newPassword: 'a much longer passphrase' });
		expect(res.status).toBe(200);
		expect(await res.json()).toEqual({});
		expect((await attempt(server, 'cohost@demo.steady', 'steady-demo')).status).toBe(401);
		expect((await attempt(server, 'cohost@demo.steady', 'a much longer passphrase')).status).toBe(200);
		expect(server.context.audit.list().some((e) => e.event === 'password-changed' && e.userId === 'u-cohost')).toBe(true);
	});

	it('signs out every other device of the user: whoever knew the old password is cut off', async () => {
		const { server } = await start();
		const here = await signIn(server.url, 'cohost@demo.steady');
		const elsewhere = await signIn(server.url, 'cohost@demo.steady');
		expect((await change(server, here, { currentPassword: 'steady-demo', newPassword: 'a much longer passphrase' })).status).toBe(200);
		expect((await fetch(`${server.url}/api/me`, { headers: { cookie: elsewhere } })).status).toBe(401);
		expect((await fetch(`${server.url}/api/me`, { headers: { cookie: here } })).status).toBe(200);
	});

	it('a wrong current password is 403 bad-credentials', async () => {
		const { server } = await start();
		const res = await change(server, await signIn(server.url, 'cohost@demo.steady'), {
			currentPassword: 'not it',
			newPassword: 'a much longer passphrase'
		});
		expect(res.status).toBe(403);
		expect(((await res.json()) as ErrorBody).error).toEqual({
			code: 'bad-credentials',
			message: 'Your current password is not right. Check it and try again.'
		});
	});

	it.each([
		['short', 'the new password needs at least 12 characters'],
		['x'.repeat(201), 'the new password can have at most 200 characters']
	])('a new password of the wrong length (%#) is 400 and says the rule', async (newPassword, rule) => {
		const { server } = await start();
		const res = await change(server, await signIn(server.url, 'cohost@demo.steady'), { currentPassword: 'steady-demo', newPassword });
		expect(res.status).toBe(400);
		expect(((await res.json()) as ErrorBody).error.message).toContain(rule);
	});

	it('participants have no password to change (403); without a device it is 401', async () => {
		const { server } = await start();
		expect((await change(server, await signIn(server.url, 'alex'), { currentPassword: 'x', newPassword: 'y'.repeat(12) })).status).toBe(403);
		expect((await change(server, '', { currentPassword: 'x', newPassword: 'y'.repeat(12) })).status).toBe(401);
	});

	it('wrong current passwords get the growing delay too', async () => {
		const { server } = await start();
		const cookie = await signIn(server.url, 'cohost@demo.steady');
		for (let i = 0; i < 5; i++) await change(server, cookie, { currentPassword: 'nope', newPassword: 'y'.repeat(12) });
		expect((await change(server, cookie, { currentPassword: 'steady-demo', newPassword: 'y'.repeat(12) })).status).toBe(429);
	});
});

describe('behind a reverse proxy', () => {
	it('with STEADY_TRUST_PROXY each client has its own failure count, so one attacker cannot lock everyone out', async () => {
		const { server } = await start({ trustProxy: true });
		const from = (address: string, password: string) =>
			fetch(`${server.url}/api/sign-in`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
				body: JSON.stringify({ email: 'cohost@demo.steady', password })
			});
		const emails = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'p', 'q', 'r', 's', 't', 'u', 'v'];
		for (const name of emails) {
			await fetch(`${server.url}/api/sign-in`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'x-forwarded-for': '198.51.100.7' },
				body: JSON.stringify({ email: `${name}@nowhere.test`, password: 'guess' })
			});
		}
		expect((await from('198.51.100.7', 'steady-demo')).status).toBe(429);
		expect((await from('203.0.113.20', 'steady-demo')).status).toBe(200);
	});
});
