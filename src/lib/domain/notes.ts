/**
 * Notes the care team shares with a participant (care document `annotations`):
 * each names what it is about, a session (occurrence id) or another record's id,
 * or the record as a whole.
 */
import type { Annotation } from './records.ts';

/** The target of a note about the record as a whole, not one session or record. */
export const WHOLE_RECORD = 'general';

const live = (annotations: readonly Annotation[]) => annotations.filter((a) => a.deletedAt === undefined);

/** The live notes about one target, oldest first. */
export function notesAbout(annotations: readonly Annotation[], target: string): Annotation[] {
	return live(annotations)
		.filter((a) => a.target === target)
		.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
}

export interface ListedNote {
	note: Annotation;
	/** the session it is about, in words; null for a note about the whole record */
	about: string | null;
}

/**
 * The notes the week page lists on their own, newest first: those about the whole
 * record, and those about a session that has no card on the page (`onScreen`), such
 * as an earlier week's. `sessionName` names a session by its id, and gives null for
 * anything else: a note about an absence notice is left to the absence page.
 */
export function notesToList(annotations: readonly Annotation[], sessionName: (target: string) => string | null, onScreen: ReadonlySet<string>): ListedNote[] {
	const listed: ListedNote[] = [];
	for (const note of live(annotations)) {
		if (note.target === WHOLE_RECORD) listed.push({ note, about: null });
		else if (!onScreen.has(note.target)) {
			const about = sessionName(note.target);
			if (about !== null) listed.push({ note, about });
		}
	}
	return listed.sort((a, b) => b.note.updatedAt.localeCompare(a.note.updatedAt) || b.note.id.localeCompare(a.note.id));
}
