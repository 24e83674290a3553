import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { addLiveSession } from './support/live-session.ts';
import { joinAs, sessionCard, signInAs } from './support/app.ts';

const server = new ServerProcess();
let liveGroup = '';

test.beforeAll(async () => {
	await server.start();
	({ groupName: liveGroup } = await addLiveSession(server.url, ['alex', 'casey']));
});

test.afterAll(async () => {
	await server.dispose();
});

async function violations(page: Page) {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
	return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('the sign-in page has no accessibility violations, and a wrong password is announced', async ({ page }) => {
	await page.goto(`${server.url}/sign-in`);
	expect(await violations(page)).toEqual([]);
	await page.getByLabel('Email').fill('alex@demo.steady');
	await page.getByLabel('Password').fill('not-the-password');
	await page.keyboard.press('Enter');
	await expect(page.getByRole('alert')).toHaveText('That email and password do not match. Check them and try again.');
	expect(await violations(page)).toEqual([]);
});

test('the participant’s week has no accessibility violations and works from the keyboard', async ({ page, context }) => {
	await context.route('https://meet.example.org/**', (route) => route.fulfill({ body: 'call' }));
	await joinAs(page, server.url, 'alex');
	// the demo's own evening session may be joinable too, at this hour in New York
	const card = sessionCard(page, liveGroup);
	await expect(card.getByRole('button', { name: 'Join session' })).toBeVisible();
	expect(await violations(page)).toEqual([]);
	await card.getByRole('button', { name: 'Join session' }).focus();
	await page.keyboard.press('Enter');
	await expect(card.getByRole('button', { name: 'Leave session' })).toBeVisible();
	expect(await violations(page)).toEqual([]);
});

test('the clinician’s day has no accessibility violations', async ({ page }) => {
	await signInAs(page, server.url, 'clinician@demo.steady');
	await expect(page.getByTestId('roster').first()).toBeVisible();
	expect(await violations(page)).toEqual([]);
	await page.getByTestId('sync-status').click();
	expect(await violations(page)).toEqual([]);
});
