import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import type { CareTeamMessage } from '../../src/lib/domain/records.ts';
import { axeViolations } from './support/access-pages.ts';
import { joinAsParticipant, openDoc } from './support/client.ts';
import { joinAs, sessionCard, stubVideoCalls, syncStatus, waitForOfflineShell } from './support/app.ts';
import { ServerProcess } from './support/server.ts';
import { addCareNote, addGroup, serverRecords, writeAsClinician } from './support/participant.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('help and orientation open offline, and a phone-session request made there reaches the care team later', async ({ page }) => {
	await joinAs(page, server.url, 'casey');
	await expect(page.getByRole('heading', { name: 'Coming up' })).toBeVisible();
	await waitForOfflineShell(page);
	// anything opening wrote is stored first, so only the request stays behind
	await expect(syncStatus(page)).toHaveText('All changes saved');

	await server.stop('SIGKILL');
	await page.goto(`${server.url}/help`);
	await expect(syncStatus(page)).toContainText('Offline');
	await expect(page.getByText('Welcome to the program. Groups meet by video')).toBeVisible();
	await expect(page.getByTestId('policy')).toContainText('tell your care team at least 24 hours ahead');
	await expect(page.getByTestId('policy')).toContainText('make it up within 7 days');
	await expect(page.getByText('Video does not start: reload the page')).toBeVisible();
	const call = page.getByRole('link', { name: 'Call +1 555 0100' });
	await expect(call).toHaveAttribute('href', 'tel:+15550100');

	// from the keyboard: type the note, Tab to the button, Enter
	await page.getByLabel('Anything they should know, like a good time to call (optional)').fill('Mornings are best');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Ask for a phone session' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Your request is sent.' })).toBeVisible();
	await expect(syncStatus(page)).toHaveText('Offline · 1 change on this device only');
	expect(await axeViolations(page)).toEqual([]);

	await server.start();
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 30_000 });
	const messages = await serverRecords<CareTeamMessage>(server.url, 'self:casey', 'messages');
	expect(messages).toEqual([expect.objectContaining({ topic: 'phone-session-request', text: 'I would like a phone session instead of video. Mornings are best' })]);

	// a program that wrote no guide of its own gets the built-in one
	await writeAsClinician(server.url, 'program:demo', (doc, updatedAt) => {
		const settings = doc.getMap('settings');
		settings.set('info', { ...(settings.get('info') as object), techHelp: '', updatedAt });
	});
	await expect(page.getByText('When the browser asks, allow the camera and the microphone.')).toBeVisible();
});

test('a reconnect adds a second interval, minutes move on their own, and technical trouble is one tap', async ({ browser }) => {
	const group = 'Check-in Group';
	const { start, occurrenceId } = await addGroup(server.url, ['alex'], { groupId: 'checkin', groupName: group, startInMinutes: -30 });
	// earlier in this session, from the participant's other phone: 10 minutes, then the call dropped
	const cookie = await joinAsParticipant(server.url, 'alex');
	const self = await openDoc(server.url, cookie, 'self:alex');
	await self.synced;
	const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
	(self.doc.getArray('presence') as Y.Array<object>).push([
		{ id: 'old-join', occurrenceId, type: 'join', at: at(2), deviceId: 'old-phone' },
		{ id: 'old-leave', occurrenceId, type: 'leave', at: at(12), deviceId: 'old-phone' }
	]);
	await addCareNote(server.url, 'alex', occurrenceId, 'We will start with check-ins today.');

	const phone = await browser.newContext();
	await stubVideoCalls(phone);
	const page = await phone.newPage();
	await page.clock.install();
	await joinAs(page, server.url, 'alex');
	const card = sessionCard(page, group);
	await expect(card.getByTestId('status')).toHaveText('Left, session still running');
	await expect(card.getByTestId('minutes')).toHaveText('10 minutes');
	await expect(card.getByTestId('care-notes')).toContainText('We will start with check-ins today.');
	await expect(syncStatus(page)).toHaveText('All changes saved');
	self.destroy();

	const video = phone.waitForEvent('page');
	await card.getByRole('button', { name: 'Join session' }).click();
	expect((await video).url()).toBe('https://meet.example.org/checkin');
	await expect(card.getByTestId('status')).toHaveText('Checked in');
	// three minutes on the page's clock and not the server's: the silent socket reconnects and
	// the app re-learns the server's time, before, between or after the leave and the rejoin
	await page.clock.fastForward('03:00');
	await expect(card.getByTestId('minutes')).toHaveText('13 minutes');

	await card.getByRole('button', { name: 'Leave session' }).click();
	await expect(card.getByTestId('status')).toHaveText('Left, session still running');
	await card.getByRole('button', { name: 'Join session' }).click();
	await expect(card.getByTestId('status')).toHaveText('Checked in');
	expect(await axeViolations(page)).toEqual([]);

	await card.getByRole('button', { name: "I'm having technical trouble" }).click();
	await expect(page).toHaveURL(/\/help$/);
	await expect(page.getByTestId('trouble-told')).toContainText('Your care team has been told you are having technical trouble');
	await expect(page.getByRole('heading', { name: "If the video doesn't work" })).toBeVisible();
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 30_000 });

	const events = (await serverCopyPresence(occurrenceId)).filter((e) => e.deviceId !== 'old-phone');
	expect(events.map((e) => e.type)).toEqual(['join', 'leave', 'join']);
	const messages = await serverRecords<CareTeamMessage>(server.url, 'self:alex', 'messages');
	expect(messages).toHaveLength(1);
	expect(messages[0]?.topic).toBe('technical-trouble');
	// no health details: not even the group's name
	expect(messages[0]?.text).toMatch(/^I'm having technical trouble with the video for the session on \w+ \d+ \w+, \d+:\d\d [AP]M\.$/);
	await phone.close();
});

async function serverCopyPresence(occurrenceId: string): Promise<Array<{ type: string; deviceId?: string }>> {
	const cookie = await joinAsParticipant(server.url, 'alex');
	const client = await openDoc(server.url, cookie, 'self:alex');
	await client.synced;
	const events = (client.doc.getArray('presence').toArray() as Array<{ type: string; deviceId?: string; occurrenceId: string }>).filter(
		(e) => e.occurrenceId === occurrenceId
	);
	client.destroy();
	return events;
}
