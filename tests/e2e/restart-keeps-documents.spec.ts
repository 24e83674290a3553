import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { ServerProcess } from './support/server.ts';
import { addLiveSession } from './support/live-session.ts';
import { openDoc, signIn } from './support/client.ts';
import { rosterRow, sessionCard, signInAs, stubVideoCalls, syncStatus, joinAs } from './support/app.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

async function snapshot(names: string[]): Promise<Map<string, Uint8Array>> {
	const cookie = await signIn(server.url, 'clinician@demo.steady');
	const states = new Map<string, Uint8Array>();
	for (const name of names) {
		const client = await openDoc(server.url, cookie, name);
		await client.synced;
		states.set(name, Y.encodeStateVector(client.doc));
		client.destroy();
	}
	return states;
}

const DOCUMENTS = ['program:demo', 'self:alex', 'care:alex', 'self:blair', 'care:blair', 'self:casey', 'care:casey'];

for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
	test(`every document survives a server restart (${signal})`, async ({ browser }) => {
		const { groupName } = await addLiveSession(server.url, ['blair'], {
			groupId: `now-${signal.toLowerCase()}`,
			groupName: `Check-in before ${signal}`
		});
		const context = await browser.newContext();
		await stubVideoCalls(context);
		const page = await context.newPage();
		await joinAs(page, server.url, 'blair');
		const card = sessionCard(page, groupName);
		await card.getByRole('button', { name: 'Join session' }).click();
		await card.getByRole('button', { name: 'Leave session' }).click();
		await expect(syncStatus(page)).toHaveText('All changes saved');
		await context.close();

		const before = await snapshot(DOCUMENTS);
		await server.stop(signal);
		await server.start();
		const after = await snapshot(DOCUMENTS);
		for (const name of DOCUMENTS) expect(after.get(name), name).toEqual(before.get(name));

		const laptop = await browser.newContext();
		const clinician = await laptop.newPage();
		await signInAs(clinician, server.url, 'clinician@demo.steady');
		await expect(rosterRow(clinician, groupName, 'blair').getByTestId('status')).toHaveText('Left, session still running');
		await laptop.close();
	});
}
