import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { readCollection } from '../doc/codec.ts';
import { memoryStorage } from './memory-storage.test-support.ts';
import type { PresenceKeeper } from './presence-keeper.ts';
import { alexPhone } from './presence-keeper.test-support.ts';

const OCCURRENCE = 'evening@2026-11-26';
const keepers: PresenceKeeper[] = [];
afterEach(() => keepers.splice(0).forEach((k) => k.destroy()));

function device(self: Y.Doc, storage: ReturnType<typeof memoryStorage>, at: string) {
	const keeper = alexPhone(self, { storage, clock: () => ({ at: new Date(at), skewMs: 0 }) });
	keepers.push(keeper);
	return keeper;
}

const presence = (self: Y.Doc) => readCollection(self, 'self', 'presence').records;

describe('PresenceKeeper', () => {
	it('a device closed during a session writes an inferred leave at its last-alive time plus the grace period', () => {
		const self = new Y.Doc();
		const storage = memoryStorage();
		device(self, storage, '2026-11-26T23:05:00.000Z').join(OCCURRENCE);
		// the app is closed; it starts again 40 minutes later
		device(self, storage, '2026-11-26T23:45:00.000Z').recover(() => true, 2);
		expect(presence(self).map((e) => [e.type, e.at, e.inferred ?? false])).toEqual([
			['join', '2026-11-26T23:05:00.000Z', false],
			['leave', '2026-11-26T23:07:00.000Z', true]
		]);
	});

	it('a reload within the grace period keeps the participant checked in', () => {
		const self = new Y.Doc();
		const storage = memoryStorage();
		device(self, storage, '2026-11-26T23:05:00.000Z').join(OCCURRENCE);
		const again = device(self, storage, '2026-11-26T23:06:00.000Z');
		again.recover(() => true, 2);
		expect(presence(self).map((e) => e.type)).toEqual(['join']);
	});

	it('a reload after the session ended closes the join even within the grace period', () => {
		const self = new Y.Doc();
		const storage = memoryStorage();
		device(self, storage, '2026-11-27T01:59:30.000Z').join(OCCURRENCE);
		device(self, storage, '2026-11-27T02:00:30.000Z').recover(() => false, 2);
		expect(presence(self).map((e) => [e.type, e.at])).toEqual([
			['join', '2026-11-27T01:59:30.000Z'],
			['leave', '2026-11-27T02:00:30.000Z']
		]);
	});

	it('does nothing after a proper leave', () => {
		const self = new Y.Doc();
		const storage = memoryStorage();
		const keeper = device(self, storage, '2026-11-26T23:05:00.000Z');
		keeper.join(OCCURRENCE);
		keeper.leave(OCCURRENCE);
		device(self, storage, '2026-11-27T09:00:00.000Z').recover(() => false, 2);
		expect(presence(self).map((e) => e.type)).toEqual(['join', 'leave']);
	});

	it('publishes live presence through awareness while checked in, and withdraws it on leave', () => {
		const self = new Y.Doc();
		const awareness = new Awareness(self);
		const keeper = alexPhone(self, { awareness });
		keepers.push(keeper);
		keeper.join(OCCURRENCE);
		expect(awareness.getLocalState()).toMatchObject({ presence: { participantId: 'alex', occurrenceId: OCCURRENCE } });
		keeper.leave(OCCURRENCE);
		expect(awareness.getLocalState()).toBeNull();
	});
});
