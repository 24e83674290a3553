/**
 * The participant's assignment work (self document): start one from a catalog
 * template, save the draft as it is typed, send it to the care team.
 */
import type * as Y from 'yjs';
import { ulid } from 'ulid';
import type { Instant } from '../domain/ids.ts';
import type { AssignmentTemplate, AssignmentWork } from '../domain/records.ts';
import { putRecord, stampSchemaVersion } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';

function put(self: Y.Doc, work: AssignmentWork): void {
	self.transact(() => {
		stampSchemaVersion(self);
		putRecord(self, 'self', 'assignmentWork', work);
	}, LOCAL_ORIGIN);
}

/** A new, empty draft of a template; returns its id. */
export function startAssignment(self: Y.Doc, template: AssignmentTemplate, by: string, at: Instant): string {
	const id = ulid();
	put(self, { id, templateId: template.id, kind: template.kind, fields: {}, updatedAt: at, updatedBy: by });
	return id;
}

/** The draft as it stands now (autosave); a sent one stays sent. */
export function saveAssignmentDraft(self: Y.Doc, work: AssignmentWork, fields: AssignmentWork['fields'], by: string, at: Instant): void {
	put(self, { ...work, fields, updatedAt: at, updatedBy: by });
}

/** Sends the work to the care team. Callers check `submitProblems` first. */
export function submitAssignment(self: Y.Doc, work: AssignmentWork, fields: AssignmentWork['fields'], by: string, at: Instant): void {
	put(self, { ...work, fields, submittedAt: at, updatedAt: at, updatedBy: by });
}
