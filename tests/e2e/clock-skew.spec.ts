import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { expect, test } from '@playwright/test';
import { axeViolations } from './support/access-pages.ts';
import { joinAs, rosterRow, sessionCard, signInAs, stubVideoCalls } from './support/app.ts';
import { joinAsParticipant, openDoc } from './support/client.ts';
import { addLiveSession } from './support/live-session.ts';
import { ServerProcess } from './support/server.ts';

const server = new ServerProcess();
const HOUR = 3_600_000;

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('a phone 5 hours fast checks in at the server\'s time; a check-in timed by an unchecked clock is marked on the roster', async ({ browser }) => {
	const { groupName } = await addLiveSession(server.url, ['alex', 'blair']);
	const occurrenceId = `now@${format(new TZDate(Date.now() - 5 * 60_000, 'America/New_York'), 'yyyy-MM-dd')}`;

	const phone = await browser.newContext();
	// the phone's clock is 5 hours fast; time runs on from there
	await phone.clock.install({ time: Date.now() + 5 * HOUR });
	await stubVideoCalls(phone);
	const participant = await phone.newPage();
	await joinAs(participant, server.url, 'alex');
	const card = sessionCard(participant, groupName);
	// by the phone's own clock the session would be over
	await expect(card.getByTestId('status')).toHaveText('In session, not checked in');
	const videoTab = phone.waitForEvent('page');
	await card.getByRole('button', { name: 'Join session' }).click();
	await videoTab;
	await expect(card.getByTestId('status')).toHaveText('Checked in');

	// blair's old phone never learned the server's clock: its check-in says so
	const blair = await openDoc(server.url, await joinAsParticipant(server.url, 'blair'), 'self:blair');
	await blair.synced;
	blair.doc.getArray('presence').push([{ id: 'unchecked-join', occurrenceId, type: 'join', at: new Date().toISOString(), deviceId: 'old-phone', clockSkewMs: null }]);

	const laptop = await browser.newContext();
	const clinician = await laptop.newPage();
	await signInAs(clinician, server.url, 'clinician@demo.steady');
	await expect(rosterRow(clinician, groupName, 'alex').getByTestId('status')).toHaveText('Checked in');
	const blairRow = rosterRow(clinician, groupName, 'blair');
	await expect(blairRow.getByTestId('status')).toContainText('Checked in');
	await expect(blairRow.getByTestId('unverified-clock')).toHaveText('(device clock not checked)');
	await expect(rosterRow(clinician, groupName, 'alex').getByTestId('unverified-clock')).toHaveCount(0);
	expect(await axeViolations(clinician)).toEqual([]);
	blair.destroy();
});
