import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { putRecord, readCollection, readSingleton } from './codec.ts';
import { checkIn, LOCAL_ORIGIN, verifyAttendance } from './commands.ts';

const join = {
	id: '01J0000000000000000000000A',
	occurrenceId: 'evening@2026-03-09',
	type: 'join' as const,
	at: '2026-03-09T22:01:00.000Z'
};

describe('codec', () => {
	it('reads back a record it wrote', () => {
		const doc = new Y.Doc();
		putRecord(doc, 'self', 'presence', join);
		expect(readCollection(doc, 'self', 'presence')).toEqual({ records: [join], invalid: [] });
	});

	it('skips an invalid record from another device and names the field at fault', () => {
		const doc = new Y.Doc();
		doc.getArray('presence').push([{ ...join, at: 'yesterday' }, join]);
		const result = readCollection(doc, 'self', 'presence');
		expect(result.records).toEqual([join]);
		expect(result.invalid).toHaveLength(1);
		expect(result.invalid[0]).toMatchObject({ collection: 'presence', key: '0' });
		expect(result.invalid[0]?.problem).toMatch(/^at: /);
	});

	it('never reports the content of an invalid record, which may be health data', () => {
		const doc = new Y.Doc();
		doc.getMap('annotations').set('x', { text: 'talked about relapse' });
		const [problem] = readCollection(doc, 'care', 'annotations').invalid;
		expect(JSON.stringify(problem)).not.toContain('relapse');
	});

	it('refuses to write an invalid record', () => {
		const doc = new Y.Doc();
		expect(() => putRecord(doc, 'self', 'presence', { ...join, type: 'wave' as 'join' })).toThrow(/type/);
		expect(doc.getArray('presence').length).toBe(0);
	});

	it('reports an invalid setting instead of returning it', () => {
		const doc = new Y.Doc();
		doc.getMap('settings').set('policy', { lateAfterMinutes: -3 });
		const policy = readSingleton(doc, 'program', 'policy');
		expect(policy.value).toBeNull();
		expect(policy.invalid[0]?.key).toBe('policy');
	});

	it('a check-in is one local transaction that stamps the schema version', () => {
		const doc = new Y.Doc();
		const origins: unknown[] = [];
		doc.on('afterTransaction', (transaction) => origins.push(transaction.origin));
		checkIn(doc, { occurrenceId: join.occurrenceId, at: join.at, deviceId: 'phone' });
		expect(origins).toEqual([LOCAL_ORIGIN]);
		expect(doc.getMap('meta').get('schemaVersion')).toBe(1);
		expect(readCollection(doc, 'self', 'presence').records[0]).toMatchObject({ type: 'join', deviceId: 'phone' });
	});
});

describe('schema version stamp', () => {
	it('a document from a newer app is not written, and the message says to update', () => {
		const doc = new Y.Doc();
		doc.getMap('meta').set('schemaVersion', 99);
		expect(() => checkIn(doc, { occurrenceId: join.occurrenceId, at: join.at, deviceId: 'phone' })).toThrow(/Update the app/);
		expect(doc.getMap('meta').get('schemaVersion')).toBe(99);
		expect(doc.getArray('presence').length).toBe(0);
	});
});

describe('verifyAttendance', () => {
	it('appends a version and keeps the earlier ones', () => {
		const care = new Y.Doc();
		const base = { occurrenceId: 'evening@2026-11-26', excused: null, recordedBy: 'u-clinician' } as const;
		verifyAttendance(care, { ...base, attendance: 'present', recordedAt: '2026-11-27T02:00:00.000Z' });
		verifyAttendance(care, { ...base, attendance: 'late', recordedAt: '2026-11-27T02:05:00.000Z' });
		expect(readCollection(care, 'care', 'verifications').records.map((v) => v.attendance)).toEqual(['present', 'late']);
	});
});
