/**
 * Notes the care team shares with a participant (care document `annotations`):
 * each names what it is about, a session (occurrence id) or another record's id.
 */
import type { Annotation } from './records.ts';

/** The live notes about one target, oldest first. */
export function notesAbout(annotations: readonly Annotation[], target: string): Annotation[] {
	return annotations
		.filter((a) => a.deletedAt === undefined && a.target === target)
		.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
}
