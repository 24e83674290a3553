import { describe, expect, it } from 'vitest';
import { notesAbout, WHOLE_RECORD, wholeRecordNotes } from './notes.ts';
import type { Annotation } from './records.ts';

const note = (id: string, target: string, updatedAt: string, extra: Partial<Annotation> = {}): Annotation => ({
	id,
	target,
	updatedAt,
	updatedBy: 'u-clinician',
	text: `note ${id}`,
	...extra
});

describe('notes from the care team', () => {
	it('a session shows only its own notes, oldest first', () => {
		const notes = [
			note('b', 'evening@2026-03-10', '2026-03-10T10:00:00.000Z'),
			note('a', 'evening@2026-03-10', '2026-03-09T10:00:00.000Z'),
			note('c', 'evening@2026-03-12', '2026-03-09T10:00:00.000Z')
		];
		expect(notesAbout(notes, 'evening@2026-03-10').map((n) => n.id)).toEqual(['a', 'b']);
	});

	it('a removed note is not shown', () => {
		expect(notesAbout([note('a', 'x', '2026-03-09T10:00:00.000Z', { deletedAt: '2026-03-09T11:00:00.000Z' })], 'x')).toEqual([]);
	});

	it('notes about the record as a whole come newest first, without session notes or removed ones', () => {
		const notes = [
			note('old', WHOLE_RECORD, '2026-03-01T10:00:00.000Z'),
			note('session', 'evening@2026-03-10', '2026-03-10T10:00:00.000Z'),
			note('new', WHOLE_RECORD, '2026-03-09T10:00:00.000Z'),
			note('removed', WHOLE_RECORD, '2026-03-11T10:00:00.000Z', { deletedAt: '2026-03-11T11:00:00.000Z' }),
			note('same-time-b', WHOLE_RECORD, '2026-03-05T10:00:00.000Z'),
			note('same-time-a', WHOLE_RECORD, '2026-03-05T10:00:00.000Z')
		];
		expect(wholeRecordNotes(notes).map((n) => n.id)).toEqual(['new', 'same-time-b', 'same-time-a', 'old']);
	});
});
