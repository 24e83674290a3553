import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { AdjustmentForm, checkForm, LeaveForm, LevelOfCareForm, MakeupForm, OutreachForm } from '../domain/care-forms.ts';
import { readCollection } from './codec.ts';
import { adjustSchedule, annotatePrivate, annotateShared, assignMakeup, logOutreach, recommendLevelOfCare, recordLeave, verifyMakeup } from './care-commands.ts';
import { LOCAL_ORIGIN } from './commands.ts';

const stamp = { by: 'u-clinician', at: '2026-03-10T15:00:00.000Z' };

function valid<T>(result: { ok: true; value: T } | { ok: false; message: string }): T {
	if (!result.ok) throw new Error(result.message);
	return result.value;
}

describe('care forms', () => {
	it('a leave that ends before it starts is refused with words that say how to fix it', () => {
		expect(checkForm(LeaveForm, { from: '2026-03-10', to: '2026-03-09', reason: 'surgery' })).toEqual({ ok: false, message: 'The leave must end on or after its first day.' });
		expect(checkForm(LeaveForm, { from: '', to: '2026-03-09', reason: 'surgery' })).toEqual({ ok: false, message: 'Choose the first day of the leave.' });
		expect(checkForm(LeaveForm, { from: '2026-03-10', to: '2026-03-12', reason: '  ' })).toEqual({ ok: false, message: 'Write the reason for the leave.' });
	});

	it('a make-up needs a session, at least one item and a due date', () => {
		expect(checkForm(MakeupForm, { occurrenceId: 'evening@2026-03-09', catalogItemIds: [], dueOn: '2026-03-16' })).toEqual({
			ok: false,
			message: 'Choose at least one make-up item (a recording, recap, worksheet or one-to-one).'
		});
		expect(checkForm(MakeupForm, { occurrenceId: 'evening@2026-03-09', catalogItemIds: ['rec-1'], dueOn: '' })).toEqual({ ok: false, message: 'Choose the due date.' });
	});

	it('a schedule adjustment names its group, or its session when skipping one', () => {
		expect(checkForm(AdjustmentForm, { kind: 'add-group', from: '2026-03-10', reason: 'work shift' })).toEqual({ ok: false, message: 'Choose the group to add or drop.' });
		expect(valid(checkForm(AdjustmentForm, { kind: 'skip-occurrence', groupId: 'evening', occurrenceId: 'evening@2026-03-12', from: '2026-03-12', reason: 'court date' }))).toEqual({
			kind: 'skip-occurrence',
			occurrenceId: 'evening@2026-03-12',
			from: '2026-03-12',
			reason: 'court date'
		});
	});

	it('a level-of-care recommendation needs its reason', () => {
		expect(checkForm(LevelOfCareForm, { recommendation: 'step-up', reason: '' })).toEqual({ ok: false, message: 'Write the reason for the recommendation.' });
	});
});

describe('care commands', () => {
	it('each intervention is one local transaction that reads back as a valid record', () => {
		const care = new Y.Doc();
		const origins: unknown[] = [];
		care.on('afterTransaction', (tr) => origins.push(tr.origin));
		logOutreach(care, valid(checkForm(OutreachForm, { channel: 'phone', outcome: 'reached', note: 'will come Thursday' })), stamp);
		recordLeave(care, valid(checkForm(LeaveForm, { from: '2026-03-11', to: '2026-03-20', reason: 'surgery' })), stamp);
		adjustSchedule(care, valid(checkForm(AdjustmentForm, { kind: 'drop-group', groupId: 'daytime', from: '2026-03-16', reason: 'new job' })), stamp);
		recommendLevelOfCare(care, valid(checkForm(LevelOfCareForm, { recommendation: 'step-down', reason: 'stable for a month' })), stamp);
		expect(origins).toEqual([LOCAL_ORIGIN, LOCAL_ORIGIN, LOCAL_ORIGIN, LOCAL_ORIGIN]);
		expect(readCollection(care, 'care', 'outreach').records[0]).toMatchObject({ channel: 'phone', outcome: 'reached', at: stamp.at, updatedBy: 'u-clinician' });
		expect(readCollection(care, 'care', 'leaves').records[0]).toMatchObject({ from: '2026-03-11', to: '2026-03-20' });
		expect(readCollection(care, 'care', 'adjustments').records[0]).toMatchObject({ kind: 'drop-group', groupId: 'daytime' });
		expect(readCollection(care, 'care', 'levelOfCare').records[0]).toMatchObject({ recommendation: 'step-down' });
	});

	it('verifying a make-up replaces the assignment with its verification time', () => {
		const care = new Y.Doc();
		const id = assignMakeup(care, valid(checkForm(MakeupForm, { occurrenceId: 'evening@2026-03-09', catalogItemIds: ['rec-1', 'ws-1'], dueOn: '2026-03-16' })), stamp);
		const [assignment] = readCollection(care, 'care', 'makeups').records;
		verifyMakeup(care, assignment!, { by: 'u-cohost', at: '2026-03-14T12:00:00.000Z' });
		const { records } = readCollection(care, 'care', 'makeups');
		expect(records).toEqual([{ ...assignment, id, verifiedAt: '2026-03-14T12:00:00.000Z', updatedAt: '2026-03-14T12:00:00.000Z', updatedBy: 'u-cohost' }]);
	});

	it('notes and interventions carry the author’s name when the stamp has one, and a record without it still reads', () => {
		const care = new Y.Doc();
		const privateDoc = new Y.Doc();
		const named = { ...stamp, name: 'Dana Clinician' };
		annotateShared(care, 'evening@2026-03-09', 'Great share today.', named);
		annotatePrivate(privateDoc, 'evening@2026-03-09', 'Watch for relapse signs.', named);
		logOutreach(care, { channel: 'phone', outcome: 'reached', note: '' }, named);
		recordLeave(care, { from: '2026-03-11', to: '2026-03-20', reason: 'surgery' }, stamp);
		expect(readCollection(care, 'care', 'annotations').records[0]?.updatedByName).toBe('Dana Clinician');
		expect(readCollection(privateDoc, 'private', 'notes').records[0]?.updatedByName).toBe('Dana Clinician');
		expect(readCollection(care, 'care', 'outreach').records[0]?.updatedByName).toBe('Dana Clinician');
		const leaves = readCollection(care, 'care', 'leaves');
		expect(leaves.invalid).toEqual([]);
		expect(leaves.records[0]?.updatedByName).toBeUndefined();
		// a name that is not text is reported, not shown
		care.getMap('outreach').set('bad', { ...readCollection(care, 'care', 'outreach').records[0], id: 'bad', updatedByName: 42 });
		expect(readCollection(care, 'care', 'outreach').invalid.map((i) => i.key)).toEqual(['bad']);
	});

	it('verifying a make-up names the clinician who verified it, not the one who assigned it', () => {
		const care = new Y.Doc();
		assignMakeup(care, { occurrenceId: 'evening@2026-03-09', catalogItemIds: ['rec-1'], dueOn: '2026-03-16' }, { ...stamp, name: 'Dana Clinician' });
		const [assignment] = readCollection(care, 'care', 'makeups').records;
		verifyMakeup(care, assignment!, { by: 'u-cohost', at: '2026-03-14T12:00:00.000Z', name: 'Sam Cohost' });
		expect(readCollection(care, 'care', 'makeups').records[0]).toMatchObject({ updatedBy: 'u-cohost', updatedByName: 'Sam Cohost' });
		verifyMakeup(care, readCollection(care, 'care', 'makeups').records[0]!, { by: 'u-third', at: '2026-03-15T12:00:00.000Z' });
		expect(readCollection(care, 'care', 'makeups').records[0]?.updatedByName).toBeUndefined();
	});

	it('a shared annotation goes to the care document, a private one only to the private document', () => {
		const care = new Y.Doc();
		const privateDoc = new Y.Doc();
		annotateShared(care, 'evening@2026-03-09', 'Great share today.', stamp);
		annotatePrivate(privateDoc, 'evening@2026-03-09', 'Watch for relapse signs.', stamp);
		expect(readCollection(care, 'care', 'annotations').records.map((a) => a.text)).toEqual(['Great share today.']);
		expect(readCollection(privateDoc, 'private', 'notes').records.map((n) => n.text)).toEqual(['Watch for relapse signs.']);
	});
});
