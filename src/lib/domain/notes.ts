/**
 * Notes the care team shares with a participant (care document `annotations`):
 * each names what it is about, a session (occurrence id) or another record's id,
 * or the record as a whole.
 */
import type { Annotation } from './records.ts';

/** The target of a note about the record as a whole, not one session or record. */
export const WHOLE_RECORD = 'general';

const live = (annotations: readonly Annotation[], target: string) => annotations.filter((a) => a.deletedAt === undefined && a.target === target);

/** The live notes about one target, oldest first. */
export function notesAbout(annotations: readonly Annotation[], target: string): Annotation[] {
	return live(annotations, target).sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
}

/** The live notes about the record as a whole, newest first: what the care team wrote to the participant. */
export function wholeRecordNotes(annotations: readonly Annotation[]): Annotation[] {
	return notesAbout(annotations, WHOLE_RECORD).reverse();
}
