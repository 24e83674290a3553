/**
 * Writes about a group session as a whole: the number of people present, which
 * clinicians record with the session in the program document (a count, no names:
 * every participant of the program can read that document).
 */
import type * as Y from 'yjs';
import { ulid } from 'ulid';
import type { SessionRecord } from '../domain/records.ts';
import { putRecord, stampSchemaVersion } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';

/** Appends a new version of the session's count; earlier versions stay for the history. */
export function recordSessionCount(program: Y.Doc, input: Omit<SessionRecord, 'id'>): string {
	const id = ulid();
	program.transact(() => {
		stampSchemaVersion(program);
		putRecord(program, 'program', 'sessionRecords', { id, ...input });
	}, LOCAL_ORIGIN);
	return id;
}
