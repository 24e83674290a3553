/**
 * Validation of stored records, remembered per document and collection. Yjs never
 * changes a stored value in place: a record replaced (by this device or another) is
 * a new object, and a deleted one is no longer read. So an answer holds as long as
 * the read finds the very object it was given for, and a document read again after
 * a change (read.ts `observe` reads it on every update; each view that opens it
 * reads it) validates only the records that changed. A record read is shared by
 * those reads: treat it as read-only.
 *
 * The answers of a read are kept in the order it found the records, and the next
 * read compares position by position: Yjs lists a collection in a stable order, new
 * records at the end, so only a deletion or an insertion ahead of others (a merge)
 * shifts what follows, which is then validated again. No per-record map or weak
 * entry: opening a year with those cost ~1.5 ms more, mostly in garbage collection.
 */
import type * as Y from 'yjs';
import { ZodError, type z } from 'zod';

type Result = z.ZodSafeParseResult<unknown>;

/** One read of a collection: the stored values it found, in order, and each one's answer. */
interface Read {
	stored: unknown[];
	/** the validated record, or the ZodError (zod's result wrapper is not kept: less for the GC to carry) */
	answers: unknown[];
}

const lastReads = new WeakMap<Y.Doc, Map<z.ZodType, Read>>();

/**
 * A validator for one read of one collection (or one setting) of `doc`: call it
 * with every stored value the read finds, in the order it finds them.
 */
export function storedValidator(doc: Y.Doc, schema: z.ZodType): (stored: unknown) => Result {
	let bySchema = lastReads.get(doc);
	if (!bySchema) {
		bySchema = new Map();
		lastReads.set(doc, bySchema);
	}
	const before = bySchema.get(schema);
	const now: Read = { stored: [], answers: [] };
	bySchema.set(schema, now);
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
