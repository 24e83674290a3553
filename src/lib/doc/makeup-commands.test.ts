import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { requestMakeupStep, setMakeupStepDone } from './makeup-commands.ts';
import { readSelf } from './read.ts';

const ref = { occurrenceId: 'evening@2026-03-02', catalogItemId: 'one' };

describe('make-up commands', () => {
	it('a step is one record, replaced whole: asked for, done, then not done again', () => {
		const self = new Y.Doc();
		requestMakeupStep(self, ref, 'u-alex', '2026-03-03T10:00:00.000Z');
		setMakeupStepDone(self, ref, true, 'u-alex', '2026-03-05T10:00:00.000Z');
		let [step, ...rest] = readSelf(self).makeupProgress;
		expect(rest).toEqual([]);
		expect(step).toMatchObject({ ...ref, requestedAt: '2026-03-03T10:00:00.000Z', doneAt: '2026-03-05T10:00:00.000Z', updatedBy: 'u-alex' });

		setMakeupStepDone(self, ref, false, 'u-alex', '2026-03-05T11:00:00.000Z');
		[step, ...rest] = readSelf(self).makeupProgress;
		expect(rest).toEqual([]);
		expect(step?.doneAt).toBeUndefined();
		expect(step?.requestedAt).toBe('2026-03-03T10:00:00.000Z');
	});

	it('asking twice keeps the first time asked', () => {
		const self = new Y.Doc();
		requestMakeupStep(self, ref, 'u-alex', '2026-03-03T10:00:00.000Z');
		requestMakeupStep(self, ref, 'u-alex', '2026-03-04T10:00:00.000Z');
		expect(readSelf(self).makeupProgress.map((s) => s.requestedAt)).toEqual(['2026-03-03T10:00:00.000Z']);
	});

	it('a step of an assigned make-up carries the assignment', () => {
		const self = new Y.Doc();
		setMakeupStepDone(self, { ...ref, makeupId: 'm1' }, true, 'u-alex', '2026-03-05T10:00:00.000Z');
		expect(readSelf(self).makeupProgress[0]?.makeupId).toBe('m1');
	});
});
