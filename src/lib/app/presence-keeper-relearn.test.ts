/**
 * The device's clock jumps three minutes while the server's does not; the app
 * re-learns the server's time on its next API call (each reconnect fetches a
 * ticket), so its reading of "now" steps back. Whenever that happens around a
 * leave and a rejoin, the week's status and minutes must read the rejoin as a
 * rejoin and never count fewer minutes than already shown.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCollection } from '../doc/codec.ts';
import { resolveAttendance } from '../domain/attendance.ts';
import { DEFAULT_POLICY } from '../domain/policy.ts';
import { ServerClock } from '../api/server-clock.ts';
import { memoryStorage } from './memory-storage.test-support.ts';
import { alexPhone } from './presence-keeper.test-support.ts';

const MINUTE = 60_000;
const SESSION = { id: 'evening@2026-03-09', start: '2026-03-09T22:00:00.000Z', end: '2026-03-10T01:00:00.000Z' };

type Step = 'leave' | 'rejoin' | 'relearn';

/**
 * Joins 30 minutes in, the device's clock jumps 3 minutes ahead, then the steps run
 * a second apart. Returns what the week page would show after each step: the status
 * and the minutes, read with the same clock that stamped the events.
 */
function run(steps: Step[]) {
	let serverMs = Date.parse(SESSION.start) + 30 * MINUTE;
	let jumpMs = 0;
	const deviceNow = () => serverMs + jumpMs;
	const clock = new ServerClock(memoryStorage, deviceNow);
	const relearn = () => clock.learn(new Date(serverMs).toUTCString(), deviceNow(), deviceNow());
	relearn();
	const self = new Y.Doc();
	const keeper = alexPhone(self, { clock: () => clock.read() });
	const show = () => {
		const events = readCollection(self, 'self', 'presence').records;
		const result = resolveAttendance({ occurrence: SESSION, events, verifications: [], notices: [], policy: DEFAULT_POLICY, now: clock.read().at.toISOString() });
		return { status: result.attendance.status, open: result.open, minutes: result.minutes };
	};
	keeper.join(SESSION.id);
	jumpMs = 3 * MINUTE;
	const shown = [show()];
	for (const step of steps) {
		serverMs += 1000;
		if (step === 'leave') keeper.leave(SESSION.id);
		else if (step === 'rejoin') keeper.join(SESSION.id);
		else relearn();
		shown.push(show());
	}
	keeper.destroy();
	return shown;
}

const orders: Step[][] = [
	['relearn', 'leave', 'rejoin'],
	['leave', 'relearn', 'rejoin'],
	['leave', 'rejoin', 'relearn']
];

describe('a device clock that jumps ahead, then the server time re-learned', () => {
	it.each(orders)('after %s, %s, %s the rejoin reads as checked in', (...steps) => {
		const shown = run(steps);
		expect(shown.at(-1)).toMatchObject({ status: 'live', open: true });
		// the leave reads as a leave whenever it came
		expect(shown[steps.indexOf('leave') + 1]).toMatchObject({ status: 'live', open: false });
	});

	it.each(orders)('after %s, %s, %s the minutes shown never go down once the leave is recorded', (...steps) => {
		const shown = run(steps).slice(steps.indexOf('leave') + 1);
		for (const [before, after] of shown.slice(0, -1).map((s, i) => [s, shown[i + 1]!] as const)) expect(after.minutes).toBeGreaterThanOrEqual(before.minutes);
	});
});
