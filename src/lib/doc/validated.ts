/**
 * Validation remembered between reads of one document. Yjs never changes a stored
 * value in place: a record replaced (by this device or another) is a new object, and
 * a deleted one is no longer read. So an answer holds as long as a read finds the
 * very object it was given for, and an observer reading a document again after each
 * change (read.ts `observe`) validates only the records that changed.
 *
 * The memo belongs to the observer and dies with it; a read without one keeps
 * nothing. Kept globally (per document, or per stored object), the validated copy of
 * every record outlived the read that made it, and opening a year cost ~2.5 ms more
 * in garbage collection. A record read through a memo is shared by its reads:
 * treat it as read-only.
 *
 * Answers are kept in the order a read found the records and compared position by
 * position: Yjs lists a collection in a stable order, new records at the end, so only
 * a deletion or an insertion ahead of others (a merge) shifts what follows, which is
 * then validated again.
 */
import { ZodError, type z } from 'zod';

type Result = z.ZodSafeParseResult<unknown>;

/** One read of a collection: the stored values it found, in order, and each one's answer. */
interface Read {
	stored: unknown[];
	/** the validated record, or the ZodError (zod's result wrapper is not kept) */
	answers: unknown[];
}

export class ValidationMemo {
	#lastReads = new Map<z.ZodType, Read>();

	/**
	 * A validator for one read of one collection (or one setting): call it with every
	 * stored value the read finds, in the order it finds them.
	 */
	validator(schema: z.ZodType): (stored: unknown) => Result {
		const before = this.#lastReads.get(schema);
		const now: Read = { stored: [], answers: [] };
		this.#lastReads.set(schema, now);
		return (stored) => {
			const at = now.stored.length;
			let answer: unknown;
			if (before && at < before.stored.length && before.stored[at] === stored) answer = before.answers[at];
			else {
				const result = schema.safeParse(stored);
				answer = result.success ? result.data : result.error;
			}
			now.stored.push(stored);
			now.answers.push(answer);
			return answer instanceof ZodError ? { success: false, error: answer } : { success: true, data: answer };
		};
	}
}

/** Validates every value: for a read with no memo. */
export const validateEach =
	(schema: z.ZodType) =>
	(stored: unknown): Result =>
		schema.safeParse(stored);
