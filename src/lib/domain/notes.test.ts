import { describe, expect, it } from 'vitest';
import { notesAbout, notesToList, WHOLE_RECORD } from './notes.ts';
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

	it('the week page lists notes about the whole record and about what has no card there, newest first', () => {
		const sessions = new Map([
			['evening@2026-03-02', 'Evening Recovery Group, Monday 2 March'],
			['evening@2026-03-10', 'Evening Recovery Group, Tuesday 10 March']
		]);
		const notes = [
			note('old', WHOLE_RECORD, '2026-03-01T10:00:00.000Z'),
			note('on-card', 'evening@2026-03-10', '2026-03-10T10:00:00.000Z'),
			note('last-week', 'evening@2026-03-02', '2026-03-03T10:00:00.000Z'),
			note('notice', 'n-123', '2026-03-04T10:00:00.000Z'),
			note('new', WHOLE_RECORD, '2026-03-09T10:00:00.000Z'),
			note('removed', WHOLE_RECORD, '2026-03-11T10:00:00.000Z', { deletedAt: '2026-03-11T11:00:00.000Z' }),
			note('same-time-b', WHOLE_RECORD, '2026-03-05T10:00:00.000Z'),
			note('same-time-a', WHOLE_RECORD, '2026-03-05T10:00:00.000Z')
		];
		const about = (target: string) => (target === 'n-123' ? 'your absence notice' : (sessions.get(target) ?? null));
		const listed = notesToList([...notes, note('unknown', 'x-999', '2026-03-08T10:00:00.000Z')], about, new Set(['evening@2026-03-10']));
		expect(listed.map((n) => [n.note.id, n.about])).toEqual([
			['new', null],
			['same-time-b', null],
			['same-time-a', null],
			['notice', 'your absence notice'],
			['last-week', 'Evening Recovery Group, Monday 2 March'],
			['old', null]
		]);
	});
});
