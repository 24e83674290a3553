/**
 * What the export worker builds from stored documents (export-build.ts): a
 * program CSV holds the cleared participants with sessions in the scope; of the
 * withheld, only whether they have sessions there is found out, and nothing of
 * them is in the file; a group that is not in the program is `no-group`; a job
 * whose request went away stops between participants.
 */
import * as Y from 'yjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentName } from '../../src/lib/domain/document-names.ts';
import { participantYear, programDocument } from '../../tests/bench/support/participant-year.ts';
import { buildExport } from './export-build.ts';
import type { ExportJob } from './export-messages.ts';
import type { DocumentReader } from './storage.ts';

let store: DocumentReader;

beforeAll(() => {
	const docs = new Map<string, Y.Doc>([[documentName('program', 'demo'), programDocument(2)]]);
	for (const [i, id] of ['ana', 'ben', 'cy'].entries()) {
		const year = participantYear(id, i + 1, 4);
		docs.set(documentName('self', id), year.self);
		docs.set(documentName('care', id), year.care);
	}
	// `dee` is enrolled nowhere: no documents at all
	store = {
		load: (name) => {
			const doc = docs.get(name);
			return doc ? [{ seq: 1, update: Y.encodeStateAsUpdate(doc) }] : [];
		}
	};
}, 60_000);

const person = (id: string) => ({ id, displayName: `Name of ${id}` });

function csvJob(scope: Extract<ExportJob, { kind: 'csv' }>['scope'], cleared: string[], withheld: string[]): ExportJob {
	return {
		kind: 'csv',
		programId: 'demo',
		range: { from: '2025-01-06', to: '2025-02-02' },
		now: '2025-06-01T12:00:00.000Z',
		scope,
		cleared: cleared.map(person),
		withheld: withheld.map(person)
	};
}

describe('a program CSV', () => {
	it('discloses the cleared with sessions in it and names the withheld with sessions in it, putting nothing of theirs in the file', () => {
		const outcome = buildExport(store, csvJob({ kind: 'program' }, ['ana', 'ben', 'dee'], ['cy', 'dee']), () => true);
		if (!outcome.ok) throw new Error(outcome.message);
		expect(outcome.built.disclosed).toEqual(['ana', 'ben']);
		expect(outcome.built.withheld).toEqual(['cy']);
		const rows = outcome.built.text.trim().split('\r\n').slice(1);
		expect(rows.length).toBe(2 * 12); // 4 weeks of 3 evening sessions each
		expect(new Set(rows.map((row) => row.split(',')[0]))).toEqual(new Set(['ana', 'ben']));
	});

	it('a group not in the program is no-group, and nothing is read of the participants', () => {
		const read: string[] = [];
		const counting: DocumentReader = { load: (name) => (read.push(name), store.load(name)) };
		expect(buildExport(counting, csvJob({ kind: 'group', groupId: 'nope' }, ['ana'], ['cy']), () => true)).toMatchObject({ ok: false, reason: 'no-group' });
		expect(read).toEqual([documentName('program', 'demo')]);
	});

	it('a group CSV holds only that group’s sessions', () => {
		const outcome = buildExport(store, csvJob({ kind: 'group', groupId: 'group-1' }, ['ana'], ['cy']), () => true);
		if (!outcome.ok) throw new Error(outcome.message);
		// the years are in the evening group only
		expect(outcome.built).toMatchObject({ disclosed: [], withheld: [] });
	});

	it('stops between participants once the request went away', () => {
		let asked = 0;
		const outcome = buildExport(store, csvJob({ kind: 'program' }, ['ana', 'ben'], ['cy']), () => ++asked < 2);
		expect(outcome).toMatchObject({ ok: false, reason: 'cancelled' });
		expect(asked).toBe(2);
	});
});

describe('one participant', () => {
	it('a participant CSV holds them even without a session in the range', () => {
		const outcome = buildExport(store, csvJob({ kind: 'participant' }, ['dee'], []), () => true);
		expect(outcome).toMatchObject({ ok: true, built: { disclosed: ['dee'], withheld: [] } });
	});

	it('the report is the JSON the API sends: the program’s name and the report', () => {
		const outcome = buildExport(store, { kind: 'report', programId: 'demo', range: { from: '2025-01-06', to: '2025-02-02' }, now: '2025-06-01T12:00:00.000Z', participant: person('ana') }, () => true);
		if (!outcome.ok) throw new Error(outcome.message);
		const body = JSON.parse(outcome.built.text) as { programName: string; report: { lines: unknown[] } };
		expect(body.programName).toBe('Bench IOP');
		expect(body.report.lines).toHaveLength(12);
	});
});
