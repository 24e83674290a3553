/**
 * Per-connection limits on incoming updates (docs/API.md, "Limits"): a token
 * bucket for the update rate, and the stored size of the document the update
 * would grow. Both are checked before anything is stored, so an update over a
 * limit is refused whole and everything stored before it stays.
 */
import { CLOSE } from '../../src/lib/protocol/frames.ts';
import { LimitError } from './close-codes.ts';

export interface UpdateLimits {
	/** tokens added per second */
	updatesPerSecond: number;
	/** bucket size: updates allowed in one burst */
	updateBurst: number;
	maxDocumentBytes: number;
}

export class TokenBucket {
	private tokens: number;
	private last: number;

	constructor(
		private readonly rate: number,
		private readonly burst: number,
		private readonly now: () => number = Date.now
	) {
		this.tokens = burst;
		this.last = now();
	}

	take(): boolean {
		const at = this.now();
		this.tokens = Math.min(this.burst, this.tokens + ((at - this.last) / 1000) * this.rate);
		this.last = at;
		if (this.tokens < 1) return false;
		this.tokens -= 1;
		return true;
	}
}

/** One per connection: `admit` throws LimitError for an update over a limit. */
export function updateGuard(limits: UpdateLimits, now: () => number = Date.now) {
	const bucket = new TokenBucket(limits.updatesPerSecond, limits.updateBurst, now);
	return (storedBytes: number, update: Uint8Array): void => {
		if (storedBytes + update.byteLength > limits.maxDocumentBytes) throw new LimitError(CLOSE.documentTooLarge);
		if (!bucket.take()) throw new LimitError(CLOSE.tooManyUpdates);
	};
}
