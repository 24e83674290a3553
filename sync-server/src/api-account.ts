/**
 * Signing in and out, the signed-in user, password change, devices and
 * WebSocket tickets (docs/API.md, "Devices and credentials", "WebSocket tickets").
 */
import { throttleAddress } from './client-address.ts';
import { CLOSE } from '../../src/lib/protocol/frames.ts';
import { z } from 'zod';
import { clearedDeviceCookie, deviceCookie, deviceNameFrom, type Device, type Session } from './auth.ts';
import type { CloseCode } from './close-codes.ts';
import type { ServerContext } from './context.ts';
import { HttpError, sendJson } from './http-util.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { waitText, type ThrottleKey } from './throttle.ts';
import {
	NOT_FOUND,
	Text,
	audit,
	body,
	isSecure,
	publicUser,
	requireSession,
	type ApiCall
} from './api-common.ts';

const SignIn = z.object({
	email: z.string().min(1).max(320),
	password: z.string().min(1).max(1024),
	deviceName: Text(80).optional()
});

const PasswordChange = z.object({
	currentPassword: z.string().min(1).max(1024),
	newPassword: z
		.string()
		.min(12, 'the new password needs at least 12 characters')
		.max(200, 'the new password can have at most 200 characters')
});

const BAD_CREDENTIALS = new HttpError(401, 'bad-credentials', 'That email and password do not match. Check them and try again.');
const BAD_CURRENT_PASSWORD = new HttpError(403, 'bad-credentials', 'Your current password is not right. Check it and try again.');

export const EMAIL_FAILURES = 5;
export const ADDRESS_FAILURES = 20;

export function tooManyAttempts(seconds: number): HttpError {
	return new HttpError(
		429,
		'too-many-attempts',
		`Too many attempts that did not work. Wait ${waitText(seconds)} and try again.`,
		{ retryAfterSeconds: seconds },
		{ 'retry-after': String(seconds) }
	);
}

/** Refuses with 429 while any key must still wait. */
export function checkThrottle(call: ApiCall, keys: ThrottleKey[], onRefused: () => void): void {
	const wait = call.ctx.throttle.retryAfter(keys);
	if (wait <= 0) return;
	onRefused();
	throw tooManyAttempts(wait);
}

export function deviceJson(device: Device, current: string | null) {
	return {
		id: device.id,
		name: device.name,
		createdAt: new Date(device.createdAt).toISOString(),
		lastSeenAt: new Date(device.lastSeenAt).toISOString(),
		current: device.id === current
	};
}

/** Revokes the device and closes its sockets now; its tickets are refused from now on. */
export function revokeDevice(ctx: ServerContext, deviceId: string, close: CloseCode): boolean {
	const revoked = ctx.auth.revoke(deviceId);
	ctx.sockets.closeDevice(deviceId, close);
	return revoked;
}

async function signIn(call: ApiCall): Promise<void> {
	const { ctx } = call;
	const input = await body(call, SignIn);
	const email = input.email.trim().toLowerCase();
	const emailKey = `email:${email}`;
	const keys: ThrottleKey[] = [
		{ key: emailKey, threshold: EMAIL_FAILURES },
		{ key: `address:${throttleAddress(call.remote)}`, threshold: ADDRESS_FAILURES }
	];
	const known = ctx.directory.credentialsByEmail(email)?.user.id ?? null;
	checkThrottle(call, keys, () => audit(call, null, { event: 'sign-in-throttled', userId: known, detail: email.slice(0, 320) }));
	const pending = ctx.throttle.failed(keys);
	const user = await ctx.auth.checkPassword(email, input.password);
	if (!user) {
		audit(call, null, { event: 'sign-in-failed', userId: known, detail: email.slice(0, 320) });
		throw BAD_CREDENTIALS;
	}
	ctx.throttle.succeeded(pending, emailKey);
	const { device, token } = ctx.auth.bindDevice(user.id, input.deviceName ?? deviceNameFrom(call.req.headers['user-agent']));
	const session: Session = { device, user };
	audit(call, session, { event: 'sign-in' });
	audit(call, session, { event: 'device-bound', detail: 'sign-in' });
	sendJson(call.res, 200, { user: publicUser(user) }, { 'set-cookie': deviceCookie(token, isSecure(call)) });
}

function signOut(call: ApiCall): void {
	const result = call.ctx.auth.authenticate(call.req);
	if (result.ok) {
		revokeDevice(call.ctx, result.session.device.id, CLOSE.unauthenticated);
		audit(call, result.session, { event: 'sign-out' });
	}
	sendJson(call.res, 200, {}, { 'set-cookie': clearedDeviceCookie(isSecure(call)) });
}

function me(call: ApiCall): void {
	const { user, device } = requireSession(call);
	const participants =
		user.role === 'participant'
			? []
			: call.ctx.directory.participantsOfProgram(user.programId).map((p) => ({ id: p.id, displayName: p.displayName }));
	// staff give no consent of their own: only participants can lack it
	const careTeam = user.participantId ? call.ctx.consents.hasCareTeam(user.participantId) : true;
	sendJson(call.res, 200, {
		user: publicUser(user),
		device: { id: device.id, name: device.name },
		participants,
		consent: { careTeam }
	});
}

async function changePassword(call: ApiCall): Promise<void> {
	const session = requireSession(call, ['admin', 'clinician']);
	const { ctx } = call;
	const input = await body(call, PasswordChange);
	const key = `password:${session.user.id}`;
	const keys = [{ key, threshold: EMAIL_FAILURES }];
	checkThrottle(call, keys, () => audit(call, session, { event: 'sign-in-throttled', detail: 'password change' }));
	const pending = ctx.throttle.failed(keys);
	const stored = ctx.directory.passwordHashOf(session.user.id);
	if (!stored || !(await verifyPassword(input.currentPassword, stored))) {
		audit(call, session, { event: 'password-change-failed' });
		throw BAD_CURRENT_PASSWORD;
	}
	ctx.throttle.succeeded(pending, key);
	ctx.directory.setPasswordHash(session.user.id, await hashPassword(input.newPassword));
	// whoever knew the old password may have signed in elsewhere: only this device stays
	for (const other of ctx.auth.devicesOf(session.user.id)) {
		if (other.id !== session.device.id) revokeDevice(ctx, other.id, CLOSE.deviceRevoked);
	}
	audit(call, session, { event: 'password-changed' });
	sendJson(call.res, 200, {});
}

function myDevices(call: ApiCall): void {
	const { user, device } = requireSession(call);
	sendJson(call.res, 200, { devices: call.ctx.auth.devicesOf(user.id).map((d) => deviceJson(d, device.id)) });
}

function participantDevices(call: ApiCall): void {
	const { user } = requireSession(call, ['admin', 'clinician']);
	const participant = call.ctx.directory.participant(call.params[0] ?? '');
	if (!participant || participant.programId !== user.programId) throw NOT_FOUND('participant');
	const account = call.ctx.directory.userOfParticipant(participant.id);
	const devices = account ? call.ctx.auth.devicesOf(account.id) : [];
	sendJson(call.res, 200, { devices: devices.map((d) => deviceJson(d, null)) });
}

function revoke(call: ApiCall): void {
	const session = requireSession(call);
	const { ctx } = call;
	const me = session.user;
	const device = ctx.auth.device(call.params[0] ?? '');
	const owner = device ? ctx.directory.userById(device.userId) : null;
	if (!device || !owner) throw NOT_FOUND('device');
	const sameProgram = owner.programId === me.programId;
	const allowed =
		owner.id === me.id ||
		(owner.role === 'participant' && sameProgram && (me.role === 'clinician' || me.role === 'admin')) ||
		(me.role === 'admin' && sameProgram);
	// someone else's device looks the same as no device at all
	if (!allowed) throw NOT_FOUND('device');
	if (revokeDevice(ctx, device.id, CLOSE.deviceRevoked)) {
		audit(call, session, { event: 'device-revoked', detail: `${device.id} of ${owner.id}` });
	}
	// a lost or taken device: an invite or pairing code still open must not bind another
	if (owner.participantId) ctx.codes.voidAllOf(owner.participantId);
	sendJson(call.res, 200, {});
}

function ticket(call: ApiCall): void {
	const { device } = requireSession(call);
	sendJson(call.res, 200, call.ctx.tickets.issue(device.id));
}

export const accountRoutes = [
	{ method: 'POST', path: /^\/api\/sign-in$/, handle: signIn },
	{ method: 'POST', path: /^\/api\/sign-out$/, handle: signOut },
	{ method: 'GET', path: /^\/api\/me$/, handle: me },
	{ method: 'POST', path: /^\/api\/password$/, handle: changePassword },
	{ method: 'GET', path: /^\/api\/devices$/, handle: myDevices },
	{ method: 'GET', path: /^\/api\/participants\/([^/]+)\/devices$/, handle: participantDevices },
	{ method: 'POST', path: /^\/api\/devices\/([^/]+)\/revoke$/, handle: revoke },
	{ method: 'POST', path: /^\/api\/tickets$/, handle: ticket }
] as const;
