import { expect, test } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { joinAs } from './support/app.ts';
import { axeViolations } from './support/access-pages.ts';
import { cspComplaints, downloadText, parseCalendar } from './support/interchange.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('a participant subscribes with a secret link, downloads once, and makes a new link or stops it', async ({ page, context }) => {
	test.setTimeout(120_000);
	await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
	const csp = cspComplaints(page);
	await joinAs(page, server.url, 'alex');
	await page.goto(`${server.url}/calendar`);
	await expect(page.getByRole('heading', { name: 'Sessions in your calendar' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Make my calendar link' })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	// From the keyboard.
	await page.getByRole('button', { name: 'Make my calendar link' }).focus();
	await page.keyboard.press('Enter');
	const field = page.getByLabel('Your private calendar link');
	await expect(field).toHaveValue(/\/api\/calendar\/feeds\/[A-Za-z0-9_-]{43}\.ics$/);
	const url = await field.inputValue();
	await expect(page.getByRole('link', { name: 'Open in my calendar app' })).toHaveAttribute('href', url.replace(/^http:/, 'webcal:'));
	await page.getByRole('button', { name: 'Copy link' }).click();
	await expect(page.getByText('Copied.')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
	expect(await axeViolations(page)).toEqual([]);

	// A calendar app fetches it without cookies: alex's sessions, each with the two default alarms.
	const feed = await fetch(url);
	expect(feed.status).toBe(200);
	const events = parseCalendar(await feed.text());
	const upcoming = events.filter((e) => e.start > new Date().toISOString() && e.status === 'CONFIRMED');
	expect(upcoming.length).toBeGreaterThan(10);
	expect(upcoming.every((e) => e.summary === 'Group session' && e.alarms.join() === '-P1D,-PT1H')).toBe(true);

	// The download is the same calendar, as a file.
	const file = await downloadText(page, () => page.getByRole('link', { name: 'Download my sessions' }).click());
	expect(file.filename).toBe('steady-sessions.ics');
	expect(parseCalendar(file.text).map((e) => e.start)).toEqual(events.map((e) => e.start));

	// After a reload the link is not shown again; a new one replaces it.
	await page.reload();
	await expect(page.getByText(/You have a link, made on/)).toBeVisible();
	await expect(page.getByLabel('Your private calendar link')).toHaveCount(0);
	await page.getByRole('button', { name: 'Make a new link' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The old one has stopped working' })).toBeVisible();
	const second = await page.getByLabel('Your private calendar link').inputValue();
	expect(second).not.toBe(url);
	expect((await fetch(url)).status).toBe(404);
	expect((await fetch(second)).status).toBe(200);

	// Stopping it.
	await page.getByRole('button', { name: 'Stop my link' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'The link has stopped working' })).toBeVisible();
	expect((await fetch(second)).status).toBe(404);
	await expect(page.getByRole('button', { name: 'Make my calendar link' })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);
	expect(csp).toEqual([]);
});

test('without the server the page offers no new link (it could replace one unseen), and tries again on request', async ({ page }) => {
	await joinAs(page, server.url, 'blair');
	await page.route('**/api/calendar', (route) => route.abort('internetdisconnected'));
	await page.goto(`${server.url}/calendar`);
	await expect(page.getByRole('alert')).toHaveText('Steady cannot reach the server. Check your connection and try again.');
	await expect(page.getByRole('button', { name: /link/ })).toHaveCount(0);
	expect(await axeViolations(page)).toEqual([]);
	await page.unroute('**/api/calendar');
	await page.getByRole('button', { name: 'Try again' }).click();
	await expect(page.getByRole('button', { name: 'Make my calendar link' })).toBeVisible();
	await expect(page.getByRole('alert')).toHaveCount(0);
});
