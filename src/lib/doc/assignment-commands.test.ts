import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { saveAssignmentDraft, startAssignment, submitAssignment } from './assignment-commands.ts';
import { readSelf } from './read.ts';
import type { AssignmentTemplate } from '../domain/records.ts';

const template: AssignmentTemplate = {
	id: 'diary',
	updatedAt: '2026-03-01T00:00:00.000Z',
	updatedBy: 'u-clinician',
	kind: 'dbt-diary-card',
	title: 'Diary card',
	instructions: ''
};

describe('assignment commands', () => {
	it('a draft is started empty, saved whole as it changes, and sent with the time it was sent', () => {
		const self = new Y.Doc();
		const id = startAssignment(self, template, 'u-alex', '2026-03-02T10:00:00.000Z');
		const started = readSelf(self).assignmentWork.find((w) => w.id === id);
		expect(started).toMatchObject({ templateId: 'diary', kind: 'dbt-diary-card', fields: {} });
		expect(started?.submittedAt).toBeUndefined();

		saveAssignmentDraft(self, started!, { 'mon.urgeUse': 3 }, 'u-alex', '2026-03-02T10:05:00.000Z');
		const draft = readSelf(self).assignmentWork.find((w) => w.id === id)!;
		expect(draft).toMatchObject({ fields: { 'mon.urgeUse': 3 }, updatedAt: '2026-03-02T10:05:00.000Z' });

		submitAssignment(self, draft, { 'mon.urgeUse': 2, 'mon.skills': 'TIPP' }, 'u-alex', '2026-03-02T10:09:00.000Z');
		const sent = readSelf(self).assignmentWork.find((w) => w.id === id)!;
		expect(sent).toMatchObject({ fields: { 'mon.urgeUse': 2, 'mon.skills': 'TIPP' }, submittedAt: '2026-03-02T10:09:00.000Z' });
		expect(readSelf(self).assignmentWork).toHaveLength(1);
	});

	it('a field value the schema refuses is not written', () => {
		const self = new Y.Doc();
		const id = startAssignment(self, template, 'u-alex', '2026-03-02T10:00:00.000Z');
		const work = readSelf(self).assignmentWork.find((w) => w.id === id)!;
		expect(() => saveAssignmentDraft(self, work, { notes: 'x'.repeat(5001) }, 'u-alex', '2026-03-02T10:01:00.000Z')).toThrow();
		expect(readSelf(self).assignmentWork[0]?.fields).toEqual({});
	});
});
