/**
 * A participant's phone offline for 14 days, a month of activity elsewhere, merged
 * in one go: correct results on both sides, in bounded time and memory
 * (support/long-offline.ts; the larger variant is in `npm run bench`).
 */
import { describe, expect, it } from 'vitest';
import { longOffline } from './support/long-offline.ts';

describe('a phone offline for 14 days', () => {
	it('merges a month of activity in one go, with the same, correct results on both sides', () => {
		const run = longOffline(1);
		console.log(
			`long offline: ${run.events} presence events, merge + derive ${run.mergeMs.toFixed(0)} ms, ` +
				`heap +${run.heapDeltaMiB.toFixed(1)} MiB, ${run.bytes.toPhone} bytes to the phone, ${run.bytes.fromPhone} from it`
		);
		expect(run.phone).toEqual(run.online);
		const byId = new Map(run.phone.sessions.map((s) => [s.id, s]));
		// what the phone alone recorded while offline counts
		const attended = run.phoneOnly.filter((id) => !byId.get(id)?.onLeave);
		expect(attended.length).toBeGreaterThan(3);
		for (const id of attended) expect(byId.get(id), id).toMatchObject({ status: 'present', source: 'presence', minutes: 176 });
		// the clinicians' decisions made meanwhile hold, the latest version deciding
		for (const id of run.verifiedAbsent) {
			const session = byId.get(id);
			if (session?.cancelled || session?.onLeave) continue;
			expect(session, id).toMatchObject({ status: 'absent', source: 'verified', excused: false });
			expect(session?.history).toHaveLength(2);
		}
		expect(byId.has(run.skipped)).toBe(false);
		expect(byId.get(run.cancelled)?.status).toBe('cancelled');
		const onLeave = run.phone.sessions.filter((s) => s.onLeave && s.source !== 'verified');
		expect(onLeave.length).toBeGreaterThan(0);
		for (const s of onLeave) expect(s.status).toBe('on-leave');
		expect(run.phone.invalid).toEqual([]);
		// bounded: generous for a loaded 2-core CI machine
		expect(run.mergeMs).toBeLessThan(3000);
		expect(run.heapDeltaMiB).toBeLessThan(100);
	});
});
