/**
 * Participants join by invite (docs/API.md): clinicians create participants and
 * invites; an invite is one-time, valid 7 days, and a new one voids the earlier
 * ones; a participant's device makes a pairing code (10 minutes) for another
 * device; redeeming binds a device; bad codes get one clear answer.
 */
import { describe, expect, it } from 'vitest';
import { TestClock, addOtherProgram, apiCall, connectMux, signIn, serverPool, type TestServer } from '../../sync-server/test/support.ts';
import { CODE_ALPHABET } from '../../sync-server/src/codes.ts';

const pool = serverPool();

async function start() {
	const clock = new TestClock();
	const server = await pool.start({}, undefined, { now: clock.now });
	return { server, clock };
}

const post = (server: TestServer, path: string, body: unknown, cookie = '') => apiCall(server.url, path, cookie, body);

type Invite = { code: string; link: string; expiresAt: string };

async function invite(server: TestServer, participantId = 'alex', clinician = 'clinician@demo.steady'): Promise<Invite> {
	const res = await post(server, '/api/invites', { participantId }, await signIn(server.url, clinician));
	expect(res.status).toBe(200);
	return (await res.json()) as Invite;
}

const BAD_CODE = {
	error: { code: 'bad-code', message: 'This code is not valid. Codes work once and expire; ask your care team for a new one.' }
};

describe('participants', () => {
	it('a clinician creates a participant, who has no password and joins by invite', async () => {
		const { server } = await start();
		const clinician = await signIn(server.url, 'clinician@demo.steady');
		const res = await post(server, '/api/participants', { displayName: '  Robin S.  ' }, clinician);
		expect(res.status).toBe(200);
		const { participant } = (await res.json()) as { participant: { id: string; displayName: string } };
		expect(participant).toEqual({ id: expect.stringMatching(/^p-[0-9a-z]{26}$/), displayName: 'Robin S.' });
		const me = (await (await fetch(`${server.url}/api/me`, { headers: { cookie: clinician } })).json()) as { participants: Array<{ id: string }> };
		expect(me.participants.map((p) => p.id)).toContain(participant.id);

		const { code } = (await (await post(server, '/api/invites', { participantId: participant.id }, clinician)).json()) as Invite;
		const redeemed = await post(server, '/api/redeem', { code, deviceName: "Robin's phone" });
		expect(await redeemed.json()).toEqual({
			user: { id: `u-${participant.id}`, role: 'participant', displayName: 'Robin S.', email: '', programId: 'demo', participantId: participant.id }
		});
		const cookie = (redeemed.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
		const client = await connectMux(server, cookie);
		expect(await client.open(`self:${participant.id}`)).toEqual({ type: 'access', access: 'write' });
		client.close();
	});

	it.each([
		['an admin', 'admin@demo.steady', 403],
		['a participant', 'alex', 403],
		['nobody', '', 401]
	])('%s cannot create participants (%s: %i)', async (_who, login, status) => {
		const { server } = await start();
		const cookie = login ? await signIn(server.url, login) : '';
		expect((await post(server, '/api/participants', { displayName: 'X' }, cookie)).status).toBe(status);
	});

	it('a display name is required and at most 80 characters', async () => {
		const { server } = await start();
		const clinician = await signIn(server.url, 'clinician@demo.steady');
		expect((await post(server, '/api/participants', { displayName: '   ' }, clinician)).status).toBe(400);
		expect((await post(server, '/api/participants', { displayName: 'x'.repeat(81) }, clinician)).status).toBe(400);
	});
});

describe('invites', () => {
	it('is 8 characters without look-alikes, shown as ABCD-EFGH, with a link that carries it in the fragment, valid 7 days', async () => {
		const { server, clock } = await start();
		const { code, link, expiresAt } = await invite(server);
		expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{4}-[${CODE_ALPHABET}]{4}$`));
		expect(code).not.toMatch(/[01ILO]/);
		expect(link).toBe(`${server.url}/join#code=${code}`);
		expect(Date.parse(expiresAt) - clock.ms).toBe(7 * 24 * 3600 * 1000);
		expect(server.context.audit.list().some((e) => e.event === 'invite-created' && e.userId === 'u-clinician' && e.detail === 'alex')).toBe(true);
	});

	it('works once: dashes, spaces and case are ignored; a second use is bad-code', async () => {
		const { server } = await start();
		const { code } = await invite(server);
		const typed = ` ${code.replace('-', ' ').toLowerCase()} `;
		const first = await post(server, '/api/redeem', { code: typed, deviceName: 'Phone' });
		expect(first.status).toBe(200);
		expect(first.headers.get('set-cookie')).toMatch(/^steady_device=/);
		const second = await post(server, '/api/redeem', { code, deviceName: 'Laptop' });
		expect(second.status).toBe(400);
		expect(await second.json()).toEqual(BAD_CODE);
		const events = server.context.audit.list().map((e) => [e.event, e.userId, e.detail]);
		expect(events).toContainEqual(['invite-redeemed', 'u-alex', 'invite']);
		expect(events).toContainEqual(['device-bound', 'u-alex', 'invite']);
		expect(events).toContainEqual(['redeem-failed', null, null]);
	});

	it('expires after 7 days', async () => {
		const { server, clock } = await start();
		const { code } = await invite(server);
		clock.advance(7 * 24 * 3600 * 1000);
		expect(await (await post(server, '/api/redeem', { code, deviceName: 'Phone' })).json()).toEqual(BAD_CODE);
	});

	it('a new invite voids the earlier open one', async () => {
		const { server } = await start();
		const first = await invite(server);
		const second = await invite(server, 'alex', 'cohost@demo.steady');
		expect((await post(server, '/api/redeem', { code: first.code, deviceName: 'Phone' })).status).toBe(400);
		expect((await post(server, '/api/redeem', { code: second.code, deviceName: 'Phone' })).status).toBe(200);
	});

	it('revoking a participant’s device voids their open invite, so it cannot bind another', async () => {
		const { server } = await start();
		const phone = await signIn(server.url, 'alex');
		const me = (await (await apiCall(server.url, '/api/me', phone)).json()) as { device: { id: string } };
		const open = await invite(server);
		const clinician = await signIn(server.url, 'clinician@demo.steady');
		expect((await post(server, `/api/devices/${me.device.id}/revoke`, {}, clinician)).status).toBe(200);
		expect(await (await post(server, '/api/redeem', { code: open.code, deviceName: 'Thief' })).json()).toEqual(BAD_CODE);
	});

	it('a made-up or malformed code is bad-code; a missing device name is invalid-body', async () => {
		const { server } = await start();
		for (const code of ['AAAA-AAAA', 'x', "'; DROP TABLE codes; --", '../../etc']) {
			expect(await (await post(server, '/api/redeem', { code, deviceName: 'Phone' })).json()).toEqual(BAD_CODE);
		}
		expect((await post(server, '/api/redeem', { code: 'AAAA-AAAA' })).status).toBe(400);
	});

	it('only clinicians of the participant\'s program invite: others get 404 or 403', async () => {
		const { server } = await start();
		await addOtherProgram(server.context);
		expect((await post(server, '/api/invites', { participantId: 'alex' }, await signIn(server.url, 'clinician@other.test'))).status).toBe(404);
		expect((await post(server, '/api/invites', { participantId: 'ghost' }, await signIn(server.url, 'clinician@demo.steady'))).status).toBe(404);
		expect((await post(server, '/api/invites', { participantId: 'alex' }, await signIn(server.url, 'admin@demo.steady'))).status).toBe(403);
		expect((await post(server, '/api/invites', { participantId: 'alex' }, await signIn(server.url, 'alex'))).status).toBe(403);
	});

	it('guessing codes from one address gets the growing delay', async () => {
		const { server } = await start();
		for (let i = 0; i < 20; i++) await post(server, '/api/redeem', { code: `ZZZZ-ZZ${CODE_ALPHABET[i]}${CODE_ALPHABET[i]}`, deviceName: 'X' });
		const { code } = await invite(server);
		const res = await post(server, '/api/redeem', { code, deviceName: 'Phone' });
		expect(res.status).toBe(429);
		expect(((await res.json()) as { error: { code: string; retryAfterSeconds: number } }).error).toMatchObject({
			code: 'too-many-attempts',
			retryAfterSeconds: 1
		});
	});
});

describe('pairing codes', () => {
	it("a participant's device makes a code that adds a second device to the same account, valid 10 minutes", async () => {
		const { server, clock } = await start();
		const phone = await signIn(server.url, 'alex');
		const res = await post(server, '/api/pairing-codes', {}, phone);
		const { code, expiresAt } = (await res.json()) as { code: string; expiresAt: string };
		expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
		expect(Date.parse(expiresAt) - clock.ms).toBe(10 * 60 * 1000);
		const laptop = await post(server, '/api/redeem', { code, deviceName: 'Laptop' });
		expect(((await laptop.json()) as { user: { id: string } }).user.id).toBe('u-alex');
		const devices = (await (await fetch(`${server.url}/api/devices`, { headers: { cookie: phone } })).json()) as { devices: unknown[] };
		expect(devices.devices).toHaveLength(2);
		expect(server.context.audit.list().some((e) => e.event === 'pairing-code-created' && e.userId === 'u-alex')).toBe(true);
	});

	it('expires after 10 minutes', async () => {
		const { server, clock } = await start();
		const { code } = (await (await post(server, '/api/pairing-codes', {}, await signIn(server.url, 'alex'))).json()) as { code: string };
		clock.advance(10 * 60 * 1000 + 1);
		expect((await post(server, '/api/redeem', { code, deviceName: 'Laptop' })).status).toBe(400);
	});

	it('staff make no pairing codes (403)', async () => {
		const { server } = await start();
		expect((await post(server, '/api/pairing-codes', {}, await signIn(server.url, 'clinician@demo.steady'))).status).toBe(403);
	});
});
