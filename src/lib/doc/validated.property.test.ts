import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { putRecord } from './codec.ts';
import { readDocument, type DocumentData } from './read.ts';
import { ValidationMemo } from './validated.ts';

const stamp = { updatedAt: '2026-03-09T12:00:00.000Z', updatedBy: 'u-alex' };
const ids = ['a', 'b', 'c', 'd'];
const notice = (id: string, note: string) => ({ id, occurrenceId: 'evening@2026-03-09', reason: 'illness' as const, note, givenAt: stamp.updatedAt, ...stamp });
const event = (id: string, type: 'join' | 'leave') => ({ id, occurrenceId: 'evening@2026-03-09', type, at: '2026-03-09T22:01:00.000Z' });

const device = fc.integer({ min: 0, max: 1 });
const id = fc.constantFrom(...ids);
const stepArb = fc.oneof(
	fc.record({ kind: fc.constant('put' as const), device, id, note: fc.constantFrom('Flu.', 'Better now.') }),
	fc.record({ kind: fc.constant('put-invalid' as const), device, id }),
	fc.record({ kind: fc.constant('delete' as const), device, id }),
	fc.record({ kind: fc.constant('append' as const), device, id, valid: fc.boolean() }),
	fc.record({ kind: fc.constant('sync' as const), from: device }),
	fc.record({ kind: fc.constant('read' as const), device })
);

/** What a read says, in an order two copies agree on (a map's order depends on the order its writes arrived). */
function canonical(data: DocumentData<'self'>) {
	const sorted = (items: unknown[]) => items.map((item) => JSON.stringify(item)).sort();
	return { absences: sorted(data.absences), presence: data.presence, invalid: sorted(data.invalid.map((i) => `${i.collection}/${i.key}: ${i.problem}`)) };
}

function fresh(doc: Y.Doc): DocumentData<'self'> {
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
	return readDocument(copy, 'self');
}

describe('a validation memo', () => {
	it('whatever is replaced, deleted, appended or merged in between reads, a read equals one of a fresh copy', () => {
		fc.assert(
			fc.property(fc.array(stepArb, { minLength: 1, maxLength: 25 }), (steps) => {
				const devices = [new Y.Doc(), new Y.Doc()];
				const memos = [new ValidationMemo(), new ValidationMemo()];
				for (const step of steps) {
					if (step.kind === 'sync') {
						const from = devices[step.from]!;
						const to = devices[1 - step.from]!;
						Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
						continue;
					}
					const doc = devices[step.device]!;
					if (step.kind === 'put') putRecord(doc, 'self', 'absences', notice(step.id, step.note));
					else if (step.kind === 'put-invalid') doc.getMap('absences').set(step.id, { ...notice(step.id, 'x'), reason: 'bored' });
					else if (step.kind === 'delete') doc.getMap('absences').delete(step.id);
					else if (step.kind === 'append') doc.getArray('presence').push([step.valid ? event(step.id, 'join') : { ...event(step.id, 'join'), type: 'wave' }]);
					expect(canonical(readDocument(doc, 'self', memos[step.device]))).toEqual(canonical(fresh(doc)));
				}
				devices.forEach((doc, i) => expect(canonical(readDocument(doc, 'self', memos[i]))).toEqual(canonical(fresh(doc))));
			}),
			{ numRuns: 300 }
		);
	});
});
