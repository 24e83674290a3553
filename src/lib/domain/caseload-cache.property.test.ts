import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CaseloadCache } from './caseload-cache.ts';
import type { ParticipantData } from './caseload.ts';
import { demoProgram, participantWithHistory } from './caseload-fixtures.test-support.ts';

const NOW = Date.parse('2026-03-13T12:00:00.000Z');
const at = (hours: number) => new Date(NOW + hours * 3_600_000).toISOString();

/** Versions of five participants: different history lengths, some without their latest events. */
const versions = Array.from({ length: 5 }, (_, i) => [20, 45, 90].map((days) => participantWithHistory(i, at(0), days)));
function version(index: number, variant: number, trim: number): ParticipantData {
	const base = versions[index]![variant]!;
	return { ...base, self: { ...base.self!, presence: base.self!.presence.slice(0, Math.max(0, base.self!.presence.length - trim)) } };
}

const stepArb = fc.oneof(
	fc.record({ kind: fc.constant('participant' as const), index: fc.integer({ min: 0, max: 4 }), variant: fc.integer({ min: 0, max: 2 }), trim: fc.integer({ min: 0, max: 6 }) }),
	fc.record({ kind: fc.constant('time' as const), hours: fc.integer({ min: 0, max: 200 }), slice: fc.integer({ min: 0, max: 3 }) }),
	fc.record({ kind: fc.constant('remove' as const), index: fc.integer({ min: 0, max: 4 }) })
);

describe('caseload cache', () => {
	// participants change at the latest `now`; time moves on only by marking rows stale
	it('whatever the order of changes, once no row is stale the rows equal a computation from scratch', () => {
		fc.assert(
			fc.property(fc.array(stepArb, { minLength: 1, maxLength: 12 }), (steps) => {
				const cache = new CaseloadCache(at(0));
				cache.setProgram(demoProgram());
				const current = new Map<string, ParticipantData>();
				let now = at(0);
				for (const step of steps) {
					if (step.kind === 'participant') {
						const data = version(step.index, step.variant, step.trim);
						current.set(data.id, data);
						cache.setParticipant(data, now);
					} else if (step.kind === 'time') {
						now = at(step.hours);
						cache.markStale(now);
						let budget = step.slice;
						cache.computeStale(() => budget-- <= 0);
					} else {
						current.delete(`p${step.index}`);
						cache.removeParticipant(`p${step.index}`);
					}
				}
				cache.computeStale(() => false);
				const fresh = new CaseloadCache(now);
				fresh.setProgram(demoProgram());
				for (const data of current.values()) fresh.setParticipant(data, now);
				const byId = (rows: { participantId: string }[]) => [...rows].sort((a, b) => a.participantId.localeCompare(b.participantId));
				expect(byId(cache.rows)).toEqual(byId(fresh.rows));
			}),
			{ numRuns: 25 }
		);
	});
});
