/**
 * A commit to the store fails (here a trigger refuses the insert, as a full disk
 * would): nothing of it may be called stored, and nothing may be lost. The server
 * closes every connection (1011) and drops its rooms, so their state vectors no
 * longer claim the update; the device's next sync sends it again.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { connectMux, serverPool, signIn, storedDoc } from '../../sync-server/test/support.ts';

const pool = serverPool();
const DOCUMENT = 'private:blair';

describe('a failed commit in the store', () => {
	it('closes every connection 1011 without STORED; after a reconnect the device resends and it is stored', async () => {
		const server = await pool.start();
		const cookie = await signIn(server.url, 'clinician@demo.steady');
		const writer = pool.keep(await connectMux(server, cookie));
		const bystander = pool.keep(await connectMux(server, await signIn(server.url, 'cohost@demo.steady')));
		await writer.open(DOCUMENT);
		await bystander.open('care:alex');
		server.context.db.exec(`CREATE TRIGGER refuse BEFORE INSERT ON updates WHEN NEW.doc = '${DOCUMENT}' BEGIN SELECT RAISE(ABORT, 'simulated: disk full'); END;`);

		writer.doc(DOCUMENT).getMap('notes').set('n1', { text: 'call on Friday' });
		expect(await writer.whenClosed()).toEqual({ code: 1011, reason: 'the server could not store: reconnect' });
		expect(await bystander.whenClosed()).toMatchObject({ code: 1011 });
		const { clientID } = writer.doc(DOCUMENT);
		const storedClocks = writer.decoded(DOCUMENT).flatMap((d) => (d.type === 'stored' ? [Y.decodeStateVector(d.stateVector).get(clientID) ?? 0] : []));
		expect(Math.max(0, ...storedClocks)).toBe(0);
		expect(server.context.rooms.loaded()).toEqual([]);
		await server.context.store.flushed();
		expect(storedDoc(server.context, DOCUMENT).getMap('notes').has('n1')).toBe(false);

		// the disk has room again; the device reconnects with its copy and syncs
		server.context.db.exec('DROP TRIGGER refuse');
		const again = pool.keep(await connectMux(server, cookie));
		await again.open(DOCUMENT, writer.doc(DOCUMENT));
		await again.whenStored(DOCUMENT);
		expect(storedDoc(server.context, DOCUMENT).getMap('notes').get('n1')).toEqual({ text: 'call on Friday' });
	});
});
