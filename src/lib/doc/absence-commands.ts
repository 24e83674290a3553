/** A participant tells the care team ahead of time that they will miss a session, or takes it back. */
import type * as Y from 'yjs';
import { ulid } from 'ulid';
import type { Instant } from '../domain/ids.ts';
import type { AbsenceNotice } from '../domain/records.ts';
import { putRecord, stampSchemaVersion } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';

export type AbsenceNoticeInput = Pick<AbsenceNotice, 'occurrenceId' | 'reason' | 'note'> & { at: Instant; by: string };

/** Gives notice of an absence; returns the new notice's id. */
export function giveAbsenceNotice(self: Y.Doc, input: AbsenceNoticeInput): string {
	const id = ulid();
	const notice: AbsenceNotice = {
		id,
		updatedAt: input.at,
		updatedBy: input.by,
		occurrenceId: input.occurrenceId,
		reason: input.reason,
		note: input.note.trim(),
		givenAt: input.at
	};
	self.transact(() => {
		stampSchemaVersion(self);
		putRecord(self, 'self', 'absences', notice);
	}, LOCAL_ORIGIN);
	return id;
}

/** Withdraws a notice (the person will come after all); the record stays, marked withdrawn. */
export function withdrawAbsenceNotice(self: Y.Doc, notice: AbsenceNotice, at: Instant, by: string): void {
	self.transact(() => {
		stampSchemaVersion(self);
		putRecord(self, 'self', 'absences', { ...notice, withdrawnAt: at, updatedAt: at, updatedBy: by });
	}, LOCAL_ORIGIN);
}
