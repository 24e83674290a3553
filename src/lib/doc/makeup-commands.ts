/**
 * The participant's make-up steps (self document, `makeupProgress`): one record per
 * session and catalog item, replaced whole on each change, so the newest version
 * decides on every device (makeups.ts).
 */
import type * as Y from 'yjs';
import { ulid } from 'ulid';
import type { Instant, OccurrenceId } from '../domain/ids.ts';
import type { MakeupProgress } from '../domain/records.ts';
import { putRecord, readCollection, stampSchemaVersion } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';

export interface MakeupStepRef {
	occurrenceId: OccurrenceId;
	catalogItemId: string;
	/** the clinician's assignment, when there is one */
	makeupId?: string;
}

/** This device's newest record for the step, to replace; another device's copy may also exist. */
function current(self: Y.Doc, ref: MakeupStepRef): MakeupProgress | undefined {
	return readCollection(self, 'self', 'makeupProgress')
		.records.filter((p) => p.occurrenceId === ref.occurrenceId && p.catalogItemId === ref.catalogItemId)
		.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id))[0];
}

function change(self: Y.Doc, ref: MakeupStepRef, by: string, at: Instant, edit: (step: MakeupProgress) => MakeupProgress): void {
	const before = current(self, ref);
	const base: MakeupProgress = before ?? { id: ulid(), occurrenceId: ref.occurrenceId, catalogItemId: ref.catalogItemId, updatedAt: at, updatedBy: by };
	const { deletedAt: _removed, ...live } = base;
	const next = edit({ ...live, ...(ref.makeupId ? { makeupId: ref.makeupId } : {}), updatedAt: at, updatedBy: by });
	self.transact(() => {
		stampSchemaVersion(self);
		putRecord(self, 'self', 'makeupProgress', next);
	}, LOCAL_ORIGIN);
}

/** Marks a step done (watched, read, filled in, had the one-to-one), or not done again. */
export function setMakeupStepDone(self: Y.Doc, ref: MakeupStepRef, done: boolean, by: string, at: Instant): void {
	change(self, ref, by, at, ({ doneAt: _old, ...step }) => (done ? { ...step, doneAt: at } : step));
}

/** Asks the care team for the step (a one-to-one they book); kept when it is later done. */
export function requestMakeupStep(self: Y.Doc, ref: MakeupStepRef, by: string, at: Instant): void {
	change(self, ref, by, at, (step) => ({ ...step, requestedAt: step.requestedAt ?? at }));
}
