import { expect, test } from '@playwright/test';
import { clockWords } from '../../src/lib/domain/reminders.ts';
import type { ReminderPrefs } from '../../src/lib/domain/records.ts';
import { axeViolations } from './support/access-pages.ts';
import { joinAs, syncStatus, waitForOfflineShell } from './support/app.ts';
import { ServerProcess } from './support/server.ts';
import { addGroup, openFromNav, serverCopy, shownNotifications } from './support/participant.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('notification permission is asked only when the person saves reminders, and the settings reach the server', async ({ browser }) => {
	const context = await browser.newContext();
	// count the app's requests; the browser's own prompt cannot be answered headless
	await context.addInitScript(() => {
		const counter = window as unknown as { asked: number };
		counter.asked = 0;
		Notification.requestPermission = async () => {
			counter.asked += 1;
			return 'default';
		};
	});
	const page = await context.newPage();
	const asked = () => page.evaluate(() => (window as unknown as { asked: number }).asked);
	await joinAs(page, server.url, 'casey');
	await expect(page.getByRole('heading', { name: 'Coming up' })).toBeVisible();
	await openFromNav(page, 'Reminders');
	expect(await asked()).toBe(0);
	await expect(page.getByTestId('permission')).toContainText('When you save, your browser will ask');

	await page.getByLabel('24 hours before').uncheck();
	await page.getByLabel("Each morning, tell me the day's sessions").check();
	await page.getByLabel('Time').fill('07:30');
	await page.getByLabel('No reminders during quiet hours').check();
	await page.getByLabel('From').fill('22:00');
	await page.getByLabel('To', { exact: true }).fill('07:00');
	expect(await axeViolations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Save reminders' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
	await expect.poll(asked).toBe(1);
	await expect(page.getByRole('link', { name: "Add your sessions to your phone's calendar" })).toHaveAttribute('href', '/calendar');

	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 30_000 });
	const self = await serverCopy(server.url, 'self:casey');
	expect(self.getMap('settings').get('reminders') as ReminderPrefs).toMatchObject({
		dayBefore: false,
		hourBefore: true,
		dailySummaryAt: '07:30',
		quietFrom: '22:00',
		quietTo: '07:00',
		updatedBy: 'u-casey'
	});
	self.destroy();

	// the form opens with what was saved
	await page.reload();
	await expect(page.getByLabel('24 hours before')).not.toBeChecked();
	await expect(page.getByLabel('Time')).toHaveValue('07:30');
	await context.close();
});

test('an hour before a session the reminder pops up through the service worker, in the device’s zone, without the group’s name', async ({ browser }) => {
	const deviceZone = 'America/Chicago';
	const { start } = await addGroup(server.url, ['blair'], { groupId: 'soon', groupName: 'Relapse Prevention Group', startInMinutes: 50 });
	const context = await browser.newContext({ timezoneId: deviceZone, permissions: ['notifications'] });
	const page = await context.newPage();
	await joinAs(page, server.url, 'blair');
	await waitForOfflineShell(page);
	await expect
		.poll(() => shownNotifications(page), { timeout: 45_000 })
		.toContainEqual({ title: 'Steady', body: `Your group starts at ${clockWords(start.toISOString(), deviceZone)}.` });
	for (const { title, body } of await shownNotifications(page)) expect(`${title} ${body}`).not.toMatch(/Relapse|Prevention|Demo IOP/);
	await context.close();
});
