/**
 * Devices and their credentials (docs/API.md "Devices and credentials").
 *
 * Every sign-in, invite or pairing binds a device: a row with its own random
 * credential, kept by the browser in the HttpOnly cookie `steady_device`. The
 * database keeps only the credential's SHA-256, so a copy of the database signs
 * no one in. A revoked device's credential is refused with `device-revoked`; an
 * unknown one, or one unused for 180 days, with `not-signed-in`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { ulid } from 'ulid';
import type { Db } from './db.ts';
import type { Directory, User } from './directory.ts';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';

export const DEVICE_COOKIE = 'steady_device';
const DEVICE_DAYS = 180;
const DEVICE_MS = DEVICE_DAYS * 24 * 3600 * 1000;
/** last-seen is written at most this often per device */
const TOUCH_EVERY_MS = 60_000;

export interface Device {
	id: string;
	userId: string;
	name: string;
	createdAt: number;
	lastSeenAt: number;
	revokedAt: number | null;
}

/** Who is on the other end: a device and its user. */
export interface Session {
	device: Device;
	user: User;
}

export type Refusal = 'not-signed-in' | 'device-revoked';
export type AuthResult = { ok: true; session: Session } | { ok: false; reason: Refusal };

export interface Auth {
	/** the active staff user with that email and password, or null (same time either way) */
	checkPassword(email: string, password: string): Promise<User | null>;
	/** makes a device for the user and returns its credential, to go in the cookie */
	bindDevice(userId: string, name: string): { device: Device; token: string };
	/** the device credential in the request's cookie */
	authenticate(req: IncomingMessage): AuthResult;
	/** a device by id, as the holder of a WebSocket ticket */
	authenticateDevice(deviceId: string): AuthResult;
	device(id: string): Device | null;
	/** the user's devices that are not revoked, newest first */
	devicesOf(userId: string): Device[];
	/** true when the device was active and is now revoked */
	revoke(deviceId: string): boolean;
	/** revokes every active device of the user and returns their ids */
	revokeAllOf(userId: string): string[];
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export function readCookie(req: IncomingMessage, name: string): string | null {
	const header = req.headers.cookie;
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
	}
	return null;
}

/** `secure`: the app is served over TLS, so the cookie must never travel without it. */
export function deviceCookie(token: string, secure: boolean): string {
	return `${DEVICE_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${DEVICE_DAYS * 24 * 3600}${secure ? '; Secure' : ''}`;
}

export function clearedDeviceCookie(secure: boolean): string {
	return `${DEVICE_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0${secure ? '; Secure' : ''}`;
}

interface DeviceRow {
	id: string;
	user_id: string;
	name: string;
	created_at: number;
	last_seen_at: number;
	revoked_at: number | null;
}

const toDevice = (row: DeviceRow): Device => ({
	id: row.id,
	userId: row.user_id,
	name: row.name,
	createdAt: row.created_at,
	lastSeenAt: row.last_seen_at,
	revokedAt: row.revoked_at
});

export function createAuth(db: Db, directory: Directory, now: () => number = Date.now): Auth {
	const insert = db.prepare(
		'INSERT INTO devices (id, user_id, name, token_hash, created_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?)'
	);
	const byToken = db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE token_hash = ?');
	const byId = db.prepare<[string], DeviceRow>('SELECT * FROM devices WHERE id = ?');
	const ofUser = db.prepare<[string], DeviceRow>(
		'SELECT * FROM devices WHERE user_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC'
	);
	const touch = db.prepare('UPDATE devices SET last_seen_at = ? WHERE id = ?');
	const revoke = db.prepare('UPDATE devices SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');

	const check = (row: DeviceRow | undefined): AuthResult => {
		if (!row) return { ok: false, reason: 'not-signed-in' };
		if (row.revoked_at !== null) return { ok: false, reason: 'device-revoked' };
		const at = now();
		if (row.last_seen_at + DEVICE_MS <= at) return { ok: false, reason: 'not-signed-in' };
		const user = directory.userById(row.user_id);
		if (!user) return { ok: false, reason: 'not-signed-in' };
		if (!user.active) return { ok: false, reason: 'device-revoked' };
		const device = toDevice(row);
		if (at - row.last_seen_at >= TOUCH_EVERY_MS) {
			touch.run(at, row.id);
			device.lastSeenAt = at;
		}
		return { ok: true, session: { device, user } };
	};

	return {
		async checkPassword(email, password) {
			const found = directory.credentialsByEmail(email.trim());
			const usable = found && found.user.role !== 'participant' && found.user.active && found.passwordHash ? found : null;
			const ok = await verifyPassword(password, usable?.passwordHash ?? DUMMY_HASH);
			return usable && ok ? usable.user : null;
		},
		bindDevice(userId, name) {
			const token = randomBytes(32).toString('base64url');
			const at = now();
			const device: Device = { id: `d-${ulid(at)}`, userId, name, createdAt: at, lastSeenAt: at, revokedAt: null };
			insert.run(device.id, userId, name, sha256(token), at, at);
			return { device, token };
		},
		authenticate(req) {
			const token = readCookie(req, DEVICE_COOKIE);
			if (!token || token.length > 200) return { ok: false, reason: 'not-signed-in' };
			return check(byToken.get(sha256(token)));
		},
		authenticateDevice: (deviceId) => check(byId.get(deviceId)),
		device(id) {
			const row = byId.get(id);
			return row ? toDevice(row) : null;
		},
		devicesOf: (userId) => ofUser.all(userId).map(toDevice),
		revoke: (deviceId) => revoke.run(now(), deviceId).changes > 0,
		revokeAllOf(userId) {
			const ids = ofUser.all(userId).map((row) => row.id);
			const at = now();
			for (const id of ids) revoke.run(at, id);
			return ids;
		}
	};
}

/** "Chrome on macOS", from the User-Agent, when the client names no device. */
export function deviceNameFrom(userAgent: string | undefined): string {
	const ua = userAgent ?? '';
	const browser = /Edg\//.test(ua)
		? 'Edge'
		: /Firefox\//.test(ua)
			? 'Firefox'
			: /Chrome\//.test(ua)
				? 'Chrome'
				: /Safari\//.test(ua)
					? 'Safari'
					: 'Browser';
	const system = /iPhone|iPad/.test(ua)
		? 'iOS'
		: /Android/.test(ua)
			? 'Android'
			: /Mac OS X/.test(ua)
				? 'macOS'
				: /Windows/.test(ua)
					? 'Windows'
					: /Linux/.test(ua)
						? 'Linux'
						: null;
	return system ? `${browser} on ${system}` : browser;
}
