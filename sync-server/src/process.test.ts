/**
 * The real process (main.ts): an update acknowledged with STORED survives kill -9,
 * SIGTERM exits within 2 seconds, and bad configuration exits 1 with a message.
 * Runs `node --import tsx` directly so the PID is the server itself.
 */
import { describe, expect, it } from 'vitest';
import { openDatabase } from './db.ts';
import { createSqliteStore } from './storage.ts';
import { connectMux, redeemCode, signIn, tempDir, until } from '../test/support.ts';
import { processPool } from '../test/process.ts';
import * as Y from 'yjs';

const { launch } = processPool();

describe('the server process', () => {
	it('an update acknowledged with STORED survives kill -9', async () => {
		const dataDir = tempDir();
		const server = launch({ STEADY_DATA_DIR: dataDir });
		const url = await server.url();
		const client = await connectMux({ url, wsUrl: url.replace('http', 'ws') }, await signIn(url, 'clinician@demo.steady'));
		await client.open('private:alex');
		client.doc('private:alex').getMap('notes').set('n-kill', { text: 'written just before the crash' });
		await client.whenStored('private:alex');
		server.child.kill('SIGKILL');
		expect((await server.exited).signal).toBe('SIGKILL');
		client.close();

		const db = openDatabase(dataDir);
		const doc = new Y.Doc();
		for (const row of createSqliteStore(db).load('private:alex')) Y.applyUpdate(doc, row.update);
		db.close();
		expect(doc.getMap('notes').get('n-kill')).toEqual({ text: 'written just before the crash' });
	}, 30_000);

	it('prints the demo sign-ins and join links, and stops within 2 seconds on SIGTERM, sockets open', async () => {
		const server = launch({ STEADY_DATA_DIR: tempDir() });
		const url = await server.url();
		// the demo lines follow the "listening" line: wait for the last of them
		const code = await until(() => /Alex M\.\s+http:\S+\/join#code=([A-Z2-9]{4}-[A-Z2-9]{4})/.exec(server.output())?.[1], 'the join links');
		expect(server.output()).toContain('clinician@demo.steady');
		expect(server.output()).toContain('steady-demo');
		const client = await connectMux({ url, wsUrl: url.replace('http', 'ws') }, await redeemCode(url, code, 'Alex phone'));
		await client.open('self:alex');
		const started = Date.now();
		server.child.kill('SIGTERM');
		expect((await server.exited).code).toBe(0);
		expect(Date.now() - started).toBeLessThan(2000);
		expect((await client.whenClosed()).code).toBe(1001);
	}, 30_000);

	it('bad configuration exits 1 and says which variable to fix', async () => {
		const server = launch({ STEADY_DATA_DIR: tempDir(), STEADY_MAX_MESSAGE_BYTES: 'lots' });
		expect((await server.exited).code).toBe(1);
		expect(server.output()).toMatch(/STEADY_MAX_MESSAGE_BYTES="lots".*Fix or unset/s);
	}, 30_000);
});
