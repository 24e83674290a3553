import { describe, expect, it } from 'vitest';
import { notesAbout } from './notes.ts';
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
});
