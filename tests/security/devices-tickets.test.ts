/**
 * Devices and WebSocket tickets (docs/API.md): tickets are single-use, expire
 * after 60 s and are bound to a device; revoking a device (or signing out, or
 * deactivating its user) closes its sockets within a second and refuses its
 * credential from then on; who may list and revoke which device.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import {
	MuxClient,
	NodeWebSocket,
	TestClock,
	addOtherProgram,
	connectMux,
	signIn,
	ticket,
	until,
	serverPool,
	type TestServer
} from '../../sync-server/test/support.ts';

const { start, keep } = serverPool();

async function mux(server: TestServer, t: string): Promise<MuxClient> {
	return keep(await MuxClient.connect(server.wsUrl, t));
}

const api = (server: TestServer, path: string, cookie: string, init: RequestInit = {}) =>
	fetch(`${server.url}${path}`, { ...init, headers: { cookie, 'content-type': 'application/json', ...(init.headers ?? {}) } });

type DeviceJson = { id: string; name: string; createdAt: string; lastSeenAt: string; current: boolean };
const devicesOf = async (server: TestServer, cookie: string, path = '/api/devices') =>
	((await (await api(server, path, cookie)).json()) as { devices: DeviceJson[] }).devices;

describe('tickets', () => {
	it('POST /api/tickets gives a ticket valid for 60 seconds; it needs a device', async () => {
		const clock = new TestClock();
		const server = await start({}, undefined, { now: clock.now });
		const res = await api(server, '/api/tickets', await signIn(server.url, 'alex'), { method: 'POST' });
		const body = (await res.json()) as { ticket: string; expiresAt: string };
		expect(body.ticket).toMatch(/^[A-Za-z0-9_-]{30,}$/);
		expect(Date.parse(body.expiresAt) - clock.ms).toBe(60_000);
		expect((await fetch(`${server.url}/api/tickets`, { method: 'POST' })).status).toBe(401);
	});

	it('a ticket opens one socket; a replay is closed 4408 "ticket already used"', async () => {
		const server = await start();
		const t = await ticket(server.url, await signIn(server.url, 'alex'));
		const first = await mux(server, t);
		expect(await first.open('self:alex')).toEqual({ type: 'access', access: 'write' });
		const replay = await mux(server, t);
		expect(await replay.whenClosed()).toEqual({ code: 4408, reason: 'ticket already used' });
		expect(replay.frames).toHaveLength(0);
		expect(server.context.audit.list().some((e) => e.event === 'ticket-refused' && e.detail === 'used' && e.userId === 'u-alex')).toBe(true);
	});

	it('a ticket older than 60 seconds is closed 4408 "ticket expired"', async () => {
		const clock = new TestClock();
		const server = await start({}, undefined, { now: clock.now });
		const t = await ticket(server.url, await signIn(server.url, 'alex'));
		clock.advance(60_001);
		const late = await mux(server, t);
		expect(await late.whenClosed()).toEqual({ code: 4408, reason: 'ticket expired' });
	});

	it('a ticket 59 seconds old still works', async () => {
		const clock = new TestClock();
		const server = await start({}, undefined, { now: clock.now });
		const t = await ticket(server.url, await signIn(server.url, 'alex'));
		clock.advance(59_000);
		expect(await (await mux(server, t)).open('self:alex')).toEqual({ type: 'access', access: 'write' });
	});

	it('the one-document endpoint takes tickets the same way, replay included', async () => {
		const server = await start();
		const cookie = await signIn(server.url, 'alex');
		const t = await ticket(server.url, cookie);
		const doc = new Y.Doc();
		const provider = new WebsocketProvider(`${server.wsUrl}/sync`, 'self:alex', doc, {
			WebSocketPolyfill: NodeWebSocket,
			params: { ticket: t },
			disableBc: true
		});
		try {
			await until(() => (provider.synced ? true : undefined), 'sync');
		} finally {
			provider.destroy();
		}
		const replay = await mux(server, t);
		expect((await replay.whenClosed()).code).toBe(4408);
	});

	it('using a ticket updates the device\'s last-seen time, at most once a minute', async () => {
		const clock = new TestClock();
		const server = await start({}, undefined, { now: clock.now });
		const cookie = await signIn(server.url, 'alex');
		const before = (await devicesOf(server, cookie))[0]?.lastSeenAt;
		clock.advance(30_000);
		(await mux(server, await ticket(server.url, cookie))).close();
		expect((await devicesOf(server, cookie))[0]?.lastSeenAt).toBe(before);
		clock.advance(45_000);
		(await mux(server, await ticket(server.url, cookie))).close();
		expect((await devicesOf(server, cookie))[0]?.lastSeenAt).toBe(new Date(clock.ms).toISOString());
	});
});

describe('revocation', () => {
	it('revoking a device closes its multiplexed and one-document sockets within a second with 4403', async () => {
		const server = await start();
		const clinician = await signIn(server.url, 'clinician@demo.steady');
		const phone = await signIn(server.url, 'alex');
		const laptop = await signIn(server.url, 'alex');
		const onPhone = await connectMux(server, phone);
		keep(onPhone);
		await onPhone.open('self:alex');
		const single = await MuxClient.connect(server.wsUrl, await ticket(server.url, phone), '/sync/care:alex');
		keep(single);
		const onLaptop = await connectMux(server, laptop);
		keep(onLaptop);
		await onLaptop.open('self:alex');

		const phoneId = ((await (await api(server, '/api/me', phone)).json()) as { device: { id: string } }).device.id;
		const started = Date.now();
		expect((await api(server, `/api/devices/${phoneId}/revoke`, clinician, { method: 'POST' })).status).toBe(200);
		expect(await onPhone.whenClosed()).toEqual({ code: 4403, reason: 'device revoked' });
		expect(await single.whenClosed()).toEqual({ code: 4403, reason: 'device revoked' });
		expect(Date.now() - started).toBeLessThan(1000);
		// the other device of the same participant stays connected
		await onLaptop.roundTrip('self:alex');
		expect(onLaptop.closeEvent).toBeNull();
	});

	it('a revoked device is refused from then on: 401 device-revoked, and 4403 on a ticket it already had', async () => {
		const server = await start();
		const cookie = await signIn(server.url, 'alex');
		const spare = await ticket(server.url, cookie);
		const id = ((await (await api(server, '/api/me', cookie)).json()) as { device: { id: string } }).device.id;
		await api(server, `/api/devices/${id}/revoke`, cookie, { method: 'POST' });
		const me = await api(server, '/api/me', cookie);
		expect(me.status).toBe(401);
		expect(((await me.json()) as { error: { code: string } }).error.code).toBe('device-revoked');
		expect((await api(server, '/api/tickets', cookie, { method: 'POST' })).status).toBe(401);
		expect(await (await mux(server, spare)).whenClosed()).toEqual({ code: 4403, reason: 'device revoked' });
	});

	it('a revocation is in the audit trail: who revoked which device of whom', async () => {
		const server = await start();
		const cookie = await signIn(server.url, 'alex');
		const client = await connectMux(server, cookie);
		keep(client);
		await client.open('self:alex');
		const id = ((await (await api(server, '/api/me', cookie)).json()) as { device: { id: string } }).device.id;
		await api(server, `/api/devices/${id}/revoke`, await signIn(server.url, 'admin@demo.steady'), { method: 'POST' });
		await client.whenClosed();
		expect(server.context.audit.list().some((e) => e.event === 'device-revoked' && e.userId === 'u-admin' && e.detail === `${id} of u-alex`)).toBe(
			true
		);
	});

	it('deactivating a staff member closes their sockets and refuses their devices', async () => {
		const server = await start();
		const admin = await signIn(server.url, 'admin@demo.steady');
		const cohost = await signIn(server.url, 'cohost@demo.steady');
		const client = await connectMux(server, cohost);
		keep(client);
		await client.open('care:alex');
		const res = await api(server, '/api/admin/staff/u-cohost', admin, { method: 'POST', body: JSON.stringify({ active: false }) });
		expect(res.status).toBe(200);
		expect(await client.whenClosed()).toEqual({ code: 4403, reason: 'device revoked' });
		expect(((await (await api(server, '/api/me', cohost)).json()) as { error: { code: string } }).error.code).toBe('device-revoked');
		const again = await fetch(`${server.url}/api/sign-in`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'cohost@demo.steady', password: 'steady-demo' })
		});
		expect(again.status).toBe(401);
	});
});

describe('device lists and who may revoke', () => {
	it('GET /api/devices lists the user\'s own unrevoked devices and marks the current one', async () => {
		const server = await start();
		const a = await signIn(server.url, 'alex');
		await signIn(server.url, 'alex');
		const revoked = await signIn(server.url, 'alex');
		await api(server, '/api/sign-out', revoked, { method: 'POST' });
		const devices = await devicesOf(server, a);
		expect(devices).toHaveLength(2);
		expect(devices.filter((d) => d.current)).toHaveLength(1);
		expect(devices[0]).toMatchObject({ name: "alex's test device", createdAt: expect.any(String), lastSeenAt: expect.any(String) });
	});

	it("clinicians and admins of the program list a participant's devices; others get 404 or 403", async () => {
		const server = await start();
		await addOtherProgram(server.context);
		await signIn(server.url, 'alex');
		const path = '/api/participants/alex/devices';
		expect(await devicesOf(server, await signIn(server.url, 'clinician@demo.steady'), path)).toHaveLength(1);
		expect(await devicesOf(server, await signIn(server.url, 'admin@demo.steady'), path)).toHaveLength(1);
		expect((await api(server, path, await signIn(server.url, 'clinician@other.test'))).status).toBe(404);
		expect((await api(server, path, await signIn(server.url, 'blair'))).status).toBe(403);
	});

	it.each([
		['another participant', 'blair', 404],
		['a clinician of another program', 'clinician@other.test', 404],
		['an admin of another program', 'admin@other.test', 404],
		['the participant', 'alex', 200],
		['a clinician of the program', 'cohost@demo.steady', 200],
		['an admin of the program', 'admin@demo.steady', 200]
	])("%s (%s) revoking a participant's device gets %i", async (_who, login, status) => {
		const server = await start();
		await addOtherProgram(server.context);
		const target = await signIn(server.url, 'alex');
		const id = ((await (await api(server, '/api/me', target)).json()) as { device: { id: string } }).device.id;
		const res = await api(server, `/api/devices/${id}/revoke`, await signIn(server.url, login), { method: 'POST' });
		expect(res.status).toBe(status);
		expect((await api(server, '/api/me', target)).status).toBe(status === 200 ? 401 : 200);
	});

	it("a clinician cannot revoke another clinician's device; an admin of the program can", async () => {
		const server = await start();
		const target = await signIn(server.url, 'cohost@demo.steady');
		const id = ((await (await api(server, '/api/me', target)).json()) as { device: { id: string } }).device.id;
		expect((await api(server, `/api/devices/${id}/revoke`, await signIn(server.url, 'clinician@demo.steady'), { method: 'POST' })).status).toBe(404);
		expect((await api(server, `/api/devices/${id}/revoke`, await signIn(server.url, 'admin@demo.steady'), { method: 'POST' })).status).toBe(200);
	});

	it('an unknown device is 404', async () => {
		const server = await start();
		const res = await api(server, '/api/devices/d-nope/revoke', await signIn(server.url, 'admin@demo.steady'), { method: 'POST' });
		expect(res.status).toBe(404);
	});
});
