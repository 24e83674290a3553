/**
 * Seeded random peers (two participant devices, two clinicians, an admin) run the
 * domain commands while a simulated network delivers updates late, out of order,
 * twice, or only after a partition heals. Once everything has arrived, every peer
 * derives the same statuses, minutes, rates, hours and schedule.
 *
 * A failure prints its seed and path (fast-check's report): pin it in
 * peers.regressions.test.ts so it stays fixed.
 */
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { runScenario, scenario } from './support/peers.ts';

// ids from a counter, so a seed replays the same ids (and the same tie-breaks)
const ids = vi.hoisted(() => ({ next: 0 }));
vi.mock('ulid', () => ({ ulid: () => `id${String(++ids.next).padStart(10, '0')}` }));

const SEED = 20261126;
const RUNS = Number(process.env.CONVERGENCE_RUNS ?? 2000);

describe('peers converge under a hostile network', () => {
	it(`${RUNS} seeded scenarios: every peer derives the same results`, { timeout: 240_000 }, () => {
		let delivered = 0;
		fc.assert(
			fc.property(scenario, (input) => {
				ids.next = 0;
				delivered += runScenario(input).delivered;
			}),
			{ seed: SEED, numRuns: RUNS }
		);
		// the network did deliver: the runs were not vacuous
		expect(delivered).toBeGreaterThan(RUNS);
	});
});
