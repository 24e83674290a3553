/**
 * Growing delays after failed attempts (docs/API.md, sign-in): once a key (an
 * email, a remote address) has `threshold` failures within 15 minutes, each
 * further attempt must wait twice as long after the last failure as the one
 * before: 1 s, 2 s, 4 s, ... up to 15 minutes. Failures are kept in SQLite, so a
 * restart does not reset them.
 */
import type { Db } from './db.ts';

export const WINDOW_MS = 15 * 60 * 1000;
const MAX_WAIT_MS = 15 * 60 * 1000;

export interface ThrottleKey {
	key: string;
	threshold: number;
}

export interface Throttle {
	/** seconds to wait before an attempt is allowed for all these keys; 0 when allowed now */
	retryAfter(keys: ThrottleKey[]): number;
	/**
	 * Counts a failure for each key and returns the rows. Callers count an attempt
	 * as failed before checking it (so parallel attempts cannot slip past the
	 * delay) and take it back with `succeeded` when it was right.
	 */
	failed(keys: ThrottleKey[]): number[];
	/** takes back the pending failures and forgets the earlier ones of `clearKey` */
	succeeded(pending: number[], clearKey: string): void;
}

export function createThrottle(db: Db, now: () => number = Date.now): Throttle {
	const stats = db.prepare<[string, number], { n: number; last: number | null }>(
		'SELECT count(*) AS n, max(at) AS last FROM sign_in_failures WHERE key = ? AND at > ?'
	);
	const insert = db.prepare('INSERT INTO sign_in_failures (key, at) VALUES (?, ?)');
	const prune = db.prepare('DELETE FROM sign_in_failures WHERE at <= ?');
	const clear = db.prepare('DELETE FROM sign_in_failures WHERE key = ?');
	const remove = db.prepare('DELETE FROM sign_in_failures WHERE rowid = ?');

	const waitMs = ({ key, threshold }: ThrottleKey, at: number): number => {
		const { n, last } = stats.get(key, at - WINDOW_MS) ?? { n: 0, last: null };
		if (n < threshold || last === null) return 0;
		const wait = Math.min(1000 * 2 ** Math.min(n - threshold, 30), MAX_WAIT_MS);
		return Math.max(0, last + wait - at);
	};

	return {
		retryAfter(keys) {
			const at = now();
			const ms = Math.max(0, ...keys.map((key) => waitMs(key, at)));
			return Math.ceil(ms / 1000);
		},
		failed(keys) {
			const at = now();
			prune.run(at - WINDOW_MS);
			return keys.map(({ key }) => Number(insert.run(key, at).lastInsertRowid));
		},
		succeeded(pending, clearKey) {
			for (const id of pending) remove.run(id);
			clear.run(clearKey);
		}
	};
}

/** "45 seconds", "1 minute", "15 minutes" */
export function waitText(seconds: number): string {
	if (seconds < 60) return `${seconds} second${seconds === 1 ? '' : 's'}`;
	const minutes = Math.ceil(seconds / 60);
	return `${minutes} minute${minutes === 1 ? '' : 's'}`;
}
