/**
 * Sign-in and sessions. A session is a random token in the `steady_session`
 * cookie; the database keeps only its SHA-256, so a copy of the database does not
 * sign anyone in.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Db } from './db.ts';
import type { Directory, User } from './directory.ts';
import { DUMMY_HASH, verifyPassword } from './passwords.ts';

export const SESSION_COOKIE = 'steady_session';
const SESSION_DAYS = 30;

export interface Session {
	/** SHA-256 of the token: names the session without revealing it */
	id: string;
	user: User;
}

/**
 * Decides who is on the other end of a request (HTTP or WebSocket upgrade).
 * One function so that single-use WebSocket tickets can replace the cookie later.
 */
export type Authenticate = (req: IncomingMessage) => Session | null;

export interface Auth {
	signIn(email: string, password: string): Promise<{ user: User; token: string } | null>;
	signOut(sessionId: string): void;
	authenticate: Authenticate;
}

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

export function readCookie(req: IncomingMessage, name: string): string | null {
	const header = req.headers.cookie;
	if (!header) return null;
	for (const part of header.split(';')) {
		const eq = part.indexOf('=');
		if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
	}
	return null;
}

export function sessionCookie(token: string): string {
	return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_DAYS * 24 * 3600}`;
}

export function clearedSessionCookie(): string {
	return `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`;
}

export function createAuth(db: Db, directory: Directory, now: () => number = Date.now): Auth {
	const insert = db.prepare('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)');
	const select = db.prepare<[string], { user_id: string; expires_at: number }>(
		'SELECT user_id, expires_at FROM sessions WHERE token_hash = ?'
	);
	const remove = db.prepare('DELETE FROM sessions WHERE token_hash = ?');

	return {
		async signIn(email, password) {
			const found = directory.credentialsByEmail(email.trim());
			const ok = await verifyPassword(password, found?.passwordHash ?? DUMMY_HASH);
			if (!found || !ok) return null;
			const token = randomBytes(32).toString('base64url');
			const at = now();
			insert.run(sha256(token), found.user.id, at, at + SESSION_DAYS * 24 * 3600 * 1000);
			return { user: found.user, token };
		},
		signOut(sessionId) {
			remove.run(sessionId);
		},
		authenticate(req) {
			const token = readCookie(req, SESSION_COOKIE);
			if (!token || token.length > 200) return null;
			const id = sha256(token);
			const row = select.get(id);
			if (!row) return null;
			if (row.expires_at <= now()) {
				remove.run(id);
				return null;
			}
			const user = directory.userById(row.user_id);
			return user ? { id, user } : null;
		}
	};
}
