/**
 * The care team's writes to a participant's care and private documents:
 * interventions (DESIGN §4), make-up assignments and annotations. Each is one
 * transaction with LOCAL_ORIGIN; records carry who wrote them and when.
 */
import type * as Y from 'yjs';
import { ulid } from 'ulid';
import type { AdjustmentForm, LeaveForm, LevelOfCareForm, MakeupForm, OutreachForm } from '../domain/care-forms.ts';
import type { Instant } from '../domain/ids.ts';
import type { MakeupAssignment } from '../domain/records.ts';
import { putRecord, stampSchemaVersion, type CollectionName, type RecordOf } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';

export interface Stamp {
	by: string;
	at: Instant;
	/** the clinician's display name, written with notes and interventions ("by …") */
	name?: string;
}

function put<K extends 'care' | 'private', C extends CollectionName<K>>(doc: Y.Doc, kind: K, collection: C, record: RecordOf<K, C> & { id: string }): string {
	doc.transact(() => {
		stampSchemaVersion(doc);
		putRecord(doc, kind, collection, record);
	}, LOCAL_ORIGIN);
	return record.id;
}

const author = (stamp: Stamp) => (stamp.name ? { updatedByName: stamp.name } : {});
const versioned = (stamp: Stamp) => ({ id: ulid(), updatedAt: stamp.at, updatedBy: stamp.by, ...author(stamp) });

export function logOutreach(care: Y.Doc, form: OutreachForm, stamp: Stamp): string {
	return put(care, 'care', 'outreach', { ...versioned(stamp), ...form, at: stamp.at });
}

export function recordLeave(care: Y.Doc, form: LeaveForm, stamp: Stamp): string {
	return put(care, 'care', 'leaves', { ...versioned(stamp), ...form });
}

export function adjustSchedule(care: Y.Doc, form: AdjustmentForm, stamp: Stamp): string {
	return put(care, 'care', 'adjustments', { ...versioned(stamp), ...form });
}

export function recommendLevelOfCare(care: Y.Doc, form: LevelOfCareForm, stamp: Stamp): string {
	return put(care, 'care', 'levelOfCare', { ...versioned(stamp), ...form, at: stamp.at });
}

/** A make-up plan for a missed session: catalog items and a due date. Changing it replaces the record (same id). */
export function assignMakeup(care: Y.Doc, form: MakeupForm, stamp: Stamp, existingId?: string): string {
	return put(care, 'care', 'makeups', { ...versioned(stamp), ...(existingId ? { id: existingId } : {}), ...form });
}

/** A clinician confirms the make-up was done; the record is replaced whole. */
export function verifyMakeup(care: Y.Doc, assignment: MakeupAssignment, stamp: Stamp): string {
	// the name goes with updatedBy: the earlier author's name must not stay on this version
	const { updatedByName: _earlier, ...rest } = assignment;
	return put(care, 'care', 'makeups', { ...rest, verifiedAt: stamp.at, updatedAt: stamp.at, updatedBy: stamp.by, ...author(stamp) });
}

/** A note the participant can read too (their care document). */
export function annotateShared(care: Y.Doc, target: string, text: string, stamp: Stamp): string {
	return put(care, 'care', 'annotations', { ...versioned(stamp), target, text });
}

/** A note for clinicians only (the private document never reaches the participant). */
export function annotatePrivate(privateDoc: Y.Doc, target: string, text: string, stamp: Stamp): string {
	return put(privateDoc, 'private', 'notes', { ...versioned(stamp), target, text });
}
