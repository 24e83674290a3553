import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { StoredTracker } from './stored-tracker.ts';

function write(doc: Y.Doc, key: string) {
	doc.getMap('m').set(key, { key });
}

describe('StoredTracker', () => {
	it('counts each local record write until the server reports it stored', () => {
		const device = new Y.Doc();
		const tracker = new StoredTracker();
		tracker.noteOwnClient(device.clientID);
		write(device, 'a');
		write(device, 'b');
		expect(tracker.unstored(Y.decodeStateVector(Y.encodeStateVector(device)))).toBe(2);

		const server = new Y.Doc();
		Y.applyUpdate(server, Y.encodeStateAsUpdate(device));
		tracker.noteServerState(Y.decodeStateVector(Y.encodeStateVector(server)));
		expect(tracker.unstored(Y.decodeStateVector(Y.encodeStateVector(device)))).toBe(0);
	});

	it('never counts changes that came from other devices', () => {
		const device = new Y.Doc();
		const other = new Y.Doc();
		write(other, 'x');
		Y.applyUpdate(device, Y.encodeStateAsUpdate(other));
		const tracker = new StoredTracker();
		tracker.noteOwnClient(device.clientID);
		expect(tracker.unstored(Y.decodeStateVector(Y.encodeStateVector(device)))).toBe(0);
	});

	it('survives a save and restore, as after a reload while offline', () => {
		const device = new Y.Doc();
		const tracker = new StoredTracker();
		tracker.noteOwnClient(device.clientID);
		write(device, 'a');
		const restored = new StoredTracker(JSON.parse(JSON.stringify(tracker.toJSON())));
		expect(restored.unstored(Y.decodeStateVector(Y.encodeStateVector(device)))).toBe(1);
	});

	it('a stale acknowledgement never moves the known server state backwards', () => {
		const tracker = new StoredTracker();
		expect(tracker.noteServerState(new Map([[1, 5]]))).toBe(true);
		expect(tracker.noteServerState(new Map([[1, 3]]))).toBe(false);
		tracker.noteOwnClient(1);
		expect(tracker.unstored(new Map([[1, 6]]))).toBe(1);
	});
});
