import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import * as R from '../domain/records.ts';
import { putRecord, putSingleton, readCollection, readSingleton } from './codec.ts';
import { ValidationMemo } from './validated.ts';

const stamp = { updatedAt: '2026-03-09T12:00:00.000Z', updatedBy: 'u-alex' };
const notice = { id: 'n-1', occurrenceId: 'evening@2026-03-09', reason: 'illness' as const, note: 'Flu.', givenAt: '2026-03-09T12:00:00.000Z', ...stamp };
const join = { id: 'e-1', occurrenceId: 'evening@2026-03-09', type: 'join' as const, at: '2026-03-09T22:01:00.000Z' };

afterEach(() => vi.restoreAllMocks());

describe('a validation memo', () => {
	it('reading again validates nothing that did not change, and returns the same record', () => {
		const self = new Y.Doc();
		putRecord(self, 'self', 'absences', notice);
		const memo = new ValidationMemo();
		const first = readCollection(self, 'self', 'absences', memo).records[0];
		const parse = vi.spyOn(R.AbsenceNotice, 'safeParse');
		const again = readCollection(self, 'self', 'absences', memo).records[0];
		expect(again).toBe(first);
		expect(parse).not.toHaveBeenCalled();
	});

	it('a read without a memo validates every record', () => {
		const self = new Y.Doc();
		putRecord(self, 'self', 'absences', notice);
		readCollection(self, 'self', 'absences', new ValidationMemo());
		const parse = vi.spyOn(R.AbsenceNotice, 'safeParse');
		readCollection(self, 'self', 'absences');
		expect(parse).toHaveBeenCalledTimes(1);
	});

	it('a record replaced after it was read reads as its new version', () => {
		const self = new Y.Doc();
		const memo = new ValidationMemo();
		putRecord(self, 'self', 'absences', notice);
		readCollection(self, 'self', 'absences', memo);
		putRecord(self, 'self', 'absences', { ...notice, withdrawnAt: '2026-03-09T13:00:00.000Z', updatedAt: '2026-03-09T13:00:00.000Z' });
		expect(readCollection(self, 'self', 'absences', memo).records).toEqual([expect.objectContaining({ withdrawnAt: '2026-03-09T13:00:00.000Z' })]);
	});

	it('a valid record replaced by an invalid one from another device is reported, not read as before', () => {
		const self = new Y.Doc();
		const memo = new ValidationMemo();
		putRecord(self, 'self', 'absences', notice);
		readCollection(self, 'self', 'absences', memo);
		const other = new Y.Doc();
		Y.applyUpdate(other, Y.encodeStateAsUpdate(self));
		other.getMap('absences').set('n-1', { ...notice, reason: 'bored' });
		Y.applyUpdate(self, Y.encodeStateAsUpdate(other));
		const result = readCollection(self, 'self', 'absences', memo);
		expect(result.records).toEqual([]);
		expect(result.invalid).toEqual([expect.objectContaining({ key: 'n-1', problem: expect.stringMatching(/^reason: /) })]);
	});

	it('an invalid record set right reads as valid, and a deleted one is gone', () => {
		const self = new Y.Doc();
		const memo = new ValidationMemo();
		self.getMap('absences').set('n-1', { ...notice, note: 42 });
		expect(readCollection(self, 'self', 'absences', memo).invalid).toHaveLength(1);
		putRecord(self, 'self', 'absences', notice);
		expect(readCollection(self, 'self', 'absences', memo)).toEqual({ records: [notice], invalid: [] });
		self.getMap('absences').delete('n-1');
		expect(readCollection(self, 'self', 'absences', memo)).toEqual({ records: [], invalid: [] });
	});

	it('the same stored object is judged by each collection’s own schema', () => {
		const self = new Y.Doc();
		const memo = new ValidationMemo();
		self.getArray('presence').push([join]);
		self.getMap('absences').set('e-1', join);
		expect(readCollection(self, 'self', 'presence', memo).records).toEqual([join]);
		expect(readCollection(self, 'self', 'absences', memo)).toMatchObject({ records: [], invalid: [{ key: 'e-1' }] });
	});

	it('a setting replaced after it was read reads as its new version', () => {
		const self = new Y.Doc();
		const memo = new ValidationMemo();
		const reminders = { id: 'reminders', dayBefore: true, hourBefore: false, ...stamp };
		putSingleton(self, 'self', 'reminders', reminders);
		expect(readSingleton(self, 'self', 'reminders', memo).value).toEqual(reminders);
		putSingleton(self, 'self', 'reminders', { ...reminders, hourBefore: true });
		expect(readSingleton(self, 'self', 'reminders', memo).value).toEqual({ ...reminders, hourBefore: true });
	});
});
