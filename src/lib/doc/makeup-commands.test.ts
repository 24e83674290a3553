import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { requestMakeupStep, setMakeupStepDone } from './makeup-commands.ts';
import { readSelf } from './read.ts';
import { makeupLedger } from '../domain/makeups.ts';
import { resolveSessions } from '../domain/metrics.ts';
import { DEFAULT_POLICY } from '../domain/policy.ts';
import type { MakeupCatalogItem } from '../domain/records.ts';

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

describe('two devices offline', () => {
	const stamp = { updatedAt: '2026-03-01T00:00:00.000Z', updatedBy: 'u-clinician' };
	const catalog: MakeupCatalogItem[] = [
		{ id: 'rec', ...stamp, kind: 'recording', title: 'Recording' },
		{ id: 'ws', ...stamp, kind: 'worksheet', title: 'Worksheet' }
	];
	const occurrence = {
		id: 'evening@2026-03-02',
		groupId: 'evening',
		groupName: 'Evening',
		facilitator: '',
		videoLink: 'https://meet.example.org/e',
		localDate: '2026-03-02',
		start: '2026-03-02T23:00:00.000Z',
		end: '2026-03-03T02:00:00.000Z',
		durationMinutes: 180,
		cancelled: false,
		moved: false,
		onLeave: false
	};
	const now = '2026-03-04T12:00:00.000Z';
	const ledgerOf = (self: Y.Doc) =>
		makeupLedger({
			sessions: resolveSessions([occurrence], { events: [], verifications: [], notices: [] }, DEFAULT_POLICY, now),
			assignments: [],
			progress: readSelf(self).makeupProgress,
			catalog,
			policy: DEFAULT_POLICY,
			timeZone: 'America/New_York',
			now
		});

	it('steps ticked on a phone and a laptop apart merge into one made-up session on both, in either order', () => {
		const phone = new Y.Doc();
		const laptop = new Y.Doc();
		setMakeupStepDone(phone, { occurrenceId: occurrence.id, catalogItemId: 'rec' }, true, 'u-alex', '2026-03-03T10:00:00.000Z');
		setMakeupStepDone(laptop, { occurrenceId: occurrence.id, catalogItemId: 'ws' }, true, 'u-alex', '2026-03-03T11:00:00.000Z');
		expect(ledgerOf(phone)[0]?.status).toBe('in-progress');
		Y.applyUpdate(laptop, Y.encodeStateAsUpdate(phone));
		Y.applyUpdate(phone, Y.encodeStateAsUpdate(laptop));
		expect(ledgerOf(phone)[0]?.status).toBe('made-up');
		expect(ledgerOf(laptop)).toEqual(ledgerOf(phone));
	});

	it('the same step ticked on one device and unticked later on the other ends unticked on both', () => {
		const phone = new Y.Doc();
		const laptop = new Y.Doc();
		const ref = { occurrenceId: occurrence.id, catalogItemId: 'rec' };
		setMakeupStepDone(phone, ref, true, 'u-alex', '2026-03-03T10:00:00.000Z');
		setMakeupStepDone(laptop, ref, true, 'u-alex', '2026-03-03T10:30:00.000Z');
		setMakeupStepDone(laptop, ref, false, 'u-alex', '2026-03-03T11:00:00.000Z');
		Y.applyUpdate(phone, Y.encodeStateAsUpdate(laptop));
		Y.applyUpdate(laptop, Y.encodeStateAsUpdate(phone));
		expect(ledgerOf(phone)[0]?.status).toBe('owed');
		expect(ledgerOf(laptop)).toEqual(ledgerOf(phone));
	});
});
