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
	/** what it is about, in words (a session, an absence notice); null for the whole record */
	about: string | null;
}

/**
 * The notes the week page lists on their own, newest first: those about the whole
 * record, and those about something with no card on the page (`onScreen`): an
 * earlier week's session, or an absence notice. `about` names a note's target in
 * words, or gives null for a target it does not know, which is then left out.
 */
export function notesToList(annotations: readonly Annotation[], about: (target: string) => string | null, onScreen: ReadonlySet<string>): ListedNote[] {
	const listed: ListedNote[] = [];
	for (const note of live(annotations)) {
		if (note.target === WHOLE_RECORD) listed.push({ note, about: null });
		else if (!onScreen.has(note.target)) {
			const words = about(note.target);
			if (words !== null) listed.push({ note, about: words });
		}
	}
	return listed.sort((a, b) => b.note.updatedAt.localeCompare(a.note.updatedAt) || b.note.id.localeCompare(a.note.id));
}
