/**
 * The care team answers a participant's one-to-one make-up request (care document
 * `handledMakeupRequests`): a follow-up logs the outreach and names the request, an
 * assignment made while requests are open names them, "mark handled" only names it.
 * Each is one transaction.
 */
import type * as Y from 'yjs';
import { ulid } from 'ulid';
import type { MakeupForm, OutreachForm } from '../domain/care-forms.ts';
import type { MakeupRequestRef } from '../domain/makeup-requests.ts';
import { assignMakeup, logOutreach, type Stamp } from './care-commands.ts';
import { putRecord, stampSchemaVersion } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';

function putHandled(care: Y.Doc, ref: MakeupRequestRef, stamp: Stamp, answer: { outreachId?: string; makeupId?: string }): string {
	const id = ulid();
	putRecord(care, 'care', 'handledMakeupRequests', { id, updatedAt: stamp.at, updatedBy: stamp.by, ...ref, ...answer });
	return id;
}

/** Logs the outreach that answers the request (e.g. the call that booked it); returns the outreach id. */
export function followUpMakeupRequest(care: Y.Doc, ref: MakeupRequestRef, form: OutreachForm, stamp: Stamp): string {
	let outreachId = '';
	care.transact(() => {
		outreachId = logOutreach(care, form, stamp);
		putHandled(care, ref, stamp, { outreachId });
	}, LOCAL_ORIGIN);
	return outreachId;
}

/** The request needs nothing more (booked or answered some other way). */
export function markMakeupRequestHandled(care: Y.Doc, ref: MakeupRequestRef, stamp: Stamp): string {
	let id = '';
	care.transact(() => {
		stampSchemaVersion(care);
		id = putHandled(care, ref, stamp, {});
	}, LOCAL_ORIGIN);
	return id;
}

/** Assigns the session's make-up and, in the same transaction, answers the requests open for it. */
export function assignMakeupAnswering(care: Y.Doc, form: MakeupForm, stamp: Stamp, existingId: string | undefined, open: readonly MakeupRequestRef[]): string {
	let makeupId = '';
	care.transact(() => {
		makeupId = assignMakeup(care, form, stamp, existingId);
		for (const ref of open.filter((r) => r.occurrenceId === form.occurrenceId)) putHandled(care, ref, stamp, { makeupId });
	}, LOCAL_ORIGIN);
	return makeupId;
}
