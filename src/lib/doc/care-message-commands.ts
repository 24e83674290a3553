/**
 * The care team answers a participant's message (care document `handledMessages`):
 * a follow-up logs the outreach and names the message in one transaction; "mark
 * handled" only names it.
 */
import type * as Y from 'yjs';
import { ulid } from 'ulid';
import type { OutreachForm } from '../domain/care-forms.ts';
import { logOutreach, type Stamp } from './care-commands.ts';
import { putRecord, stampSchemaVersion } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';

function putHandled(care: Y.Doc, messageId: string, stamp: Stamp, outreachId?: string): string {
	const id = ulid();
	putRecord(care, 'care', 'handledMessages', { id, updatedAt: stamp.at, updatedBy: stamp.by, messageId, ...(outreachId ? { outreachId } : {}) });
	return id;
}

/** Logs the outreach that answers the message; returns the outreach id. */
export function followUpMessage(care: Y.Doc, messageId: string, form: OutreachForm, stamp: Stamp): string {
	let outreachId = '';
	care.transact(() => {
		outreachId = logOutreach(care, form, stamp);
		putHandled(care, messageId, stamp, outreachId);
	}, LOCAL_ORIGIN);
	return outreachId;
}

/** The message needs nothing more (answered some other way). */
export function markMessageHandled(care: Y.Doc, messageId: string, stamp: Stamp): string {
	let id = '';
	care.transact(() => {
		stampSchemaVersion(care);
		id = putHandled(care, messageId, stamp);
	}, LOCAL_ORIGIN);
	return id;
}
