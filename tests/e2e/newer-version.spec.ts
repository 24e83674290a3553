import { expect, test } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { addLiveSession } from './support/live-session.ts';
import { joinAsParticipant, openDoc } from './support/client.ts';
import { joinAs, sessionCard, stubVideoCalls } from './support/app.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('records saved by a newer version of Steady are shown, not changed, and the person is told to update', async ({ page, context }) => {
	const { groupName } = await addLiveSession(server.url, ['alex'], { groupId: 'newer', groupName: 'Newer Version Group' });
	// Alex's other device already runs a newer release, which stamped a higher schema version.
	const otherDevice = await openDoc(server.url, await joinAsParticipant(server.url, 'alex'), 'self:alex');
	await otherDevice.synced;
	otherDevice.doc.getMap('meta').set('schemaVersion', 99);
	const check = await openDoc(server.url, await joinAsParticipant(server.url, 'alex'), 'self:alex');
	await expect.poll(async () => (await check.synced, check.doc.getMap('meta').get('schemaVersion'))).toBe(99);
	otherDevice.destroy();
	check.destroy();

	await stubVideoCalls(context);
	await joinAs(page, server.url, 'alex');
	await expect(page.getByText('saved by a newer version of Steady')).toBeVisible();
	const card = sessionCard(page, groupName);
	await expect(card.getByTestId('status')).toHaveText('In session, not checked in');
	await card.getByRole('button', { name: 'Join session' }).click();
	await expect(page.getByRole('alert')).toHaveText('This record was written by a newer version of Steady. Update the app to change it.');
	await expect(card.getByTestId('status')).toHaveText('In session, not checked in');
});
