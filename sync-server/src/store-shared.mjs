// What the server's thread (storage.ts) and the store writer (store-writer.mjs)
// share: the messages between them and the checksum of a stored row. Plain
// JavaScript, because a worker thread starts without the TypeScript loader
// (registering tsx in a worker took ~0.8 s; this starts in ~0.15 s).
import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * A short digest of a stored update's bytes; rows written before checksums existed have none.
 * @param {Uint8Array} data
 */
export const checksumOf = (data) => createHash('sha256').update(data).digest('base64url').slice(0, 22);

const bytes = z.custom((value) => value instanceof Uint8Array, 'bytes').transform((value) => /** @type {Uint8Array} */ (value));

export const StoreRequest = z.discriminatedUnion('op', [
	// store one update of a document
	z.object({ op: z.literal('append'), doc: z.string(), update: bytes }),
	// replace the document's stored rows by one merged, garbage-collected update
	z.object({ op: z.literal('compact'), doc: z.string() })
]);

export const StoreReply = z.discriminatedUnion('kind', [
	// the first `through` requests ever sent are committed and on disk
	z.object({ kind: z.literal('committed'), through: z.number().int() }),
	// one request could not be done and changed nothing (a compaction that failed)
	z.object({ kind: z.literal('skipped'), doc: z.string(), op: z.string(), message: z.string() }),
	// a commit or its fsync failed: none of the requests since the last commit, up to `through`, is stored
	z.object({ kind: z.literal('failed'), through: z.number().int(), message: z.string() })
]);

export const WriterData = z.object({ file: z.string() });
