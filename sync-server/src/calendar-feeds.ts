/**
 * Secret calendar links (docs/API.md, "Calendar"). Calendar apps fetch without
 * cookies, so the link itself is the credential: 32 random bytes, of which only
 * the SHA-256 is stored. A participant has at most one link in force; making a
 * new one revokes the old, and revoked rows stay (when, not what).
 */
import { randomBytes } from 'node:crypto';
import { ulid } from 'ulid';
import { sha256 } from './auth.ts';
import { writeTransaction, type Db } from './db.ts';

export interface CalendarFeed {
	id: string;
	createdAt: string;
}

interface FeedRow {
	id: string;
	participant_id: string;
	created_at: number;
}

export interface CalendarFeeds {
	/** the link in force, if any */
	current(participantId: string): CalendarFeed | null;
	/** revokes any link in force and makes a new one; the token is shown once */
	create(participantId: string): { feed: CalendarFeed; token: string };
	/** true when a link was in force */
	revoke(participantId: string): boolean;
	/** the participant of a token in force, or null */
	participantOf(token: string): string | null;
}

/** base64url of 32 bytes: 43 characters */
export const FEED_TOKEN = /^[A-Za-z0-9_-]{43}$/;

const toFeed = (row: FeedRow): CalendarFeed => ({ id: row.id, createdAt: new Date(row.created_at).toISOString() });

export function createCalendarFeeds(db: Db, now: () => number = Date.now): CalendarFeeds {
	const current = db.prepare<[string], FeedRow>('SELECT * FROM calendar_feeds WHERE participant_id = ? AND revoked_at IS NULL');
	const byHash = db.prepare<[string], FeedRow>('SELECT * FROM calendar_feeds WHERE token_hash = ? AND revoked_at IS NULL');
	const insert = db.prepare('INSERT INTO calendar_feeds (id, participant_id, token_hash, created_at) VALUES (?, ?, ?, ?)');
	const revoke = db.prepare('UPDATE calendar_feeds SET revoked_at = ? WHERE participant_id = ? AND revoked_at IS NULL');

	const create = writeTransaction(db, (participantId: string) => {
		const at = now();
		revoke.run(at, participantId);
		const token = randomBytes(32).toString('base64url');
		const id = `f-${ulid(at)}`;
		insert.run(id, participantId, sha256(token), at);
		return { feed: { id, createdAt: new Date(at).toISOString() }, token };
	});

	return {
		current(participantId) {
			const row = current.get(participantId);
			return row ? toFeed(row) : null;
		},
		create: (participantId) => create(participantId),
		revoke: (participantId) => revoke.run(now(), participantId).changes > 0,
		participantOf(token) {
			if (!FEED_TOKEN.test(token)) return null;
			return byHash.get(sha256(token))?.participant_id ?? null;
		}
	};
}
