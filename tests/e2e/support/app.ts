/** Page-level steps shared by the end-to-end tests. */
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, joinAsParticipant } from './client.ts';

/** Staff sign in with email and password through the sign-in page. */
export async function signInAs(page: Page, baseUrl: string, email: string): Promise<void> {
	await page.goto(`${baseUrl}/sign-in`);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/**
 * A participant's device, bound through an invite redeemed over the API (the join
 * page itself has its own tests), then opened at their week.
 */
export async function joinAs(page: Page, baseUrl: string, participantId: string): Promise<void> {
	const cookie = await joinAsParticipant(baseUrl, participantId);
	// as on the welcome page: the participant consents to share with the care team
	const consent = await fetch(`${baseUrl}/api/consents`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ kind: 'care-team', recipient: 'Care team of Steady Demo IOP', purpose: 'Treatment and attendance follow-up' })
	});
	if (!consent.ok) throw new Error(`consent failed: ${consent.status}`);
	const [name, value] = cookie.split('=') as [string, string];
	// as the server sets it: a lasting cookie, kept when the browser closes
	const expires = Math.floor(Date.now() / 1000) + 180 * 24 * 3600;
	await page.context().addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Strict', expires }]);
	await page.goto(`${baseUrl}/week`);
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** The offline shell only serves a reload once the service worker controls the page. */
export async function waitForOfflineShell(page: Page): Promise<void> {
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
}

/** Video calls live elsewhere; the test network has no route there. */
export async function stubVideoCalls(context: BrowserContext): Promise<void> {
	await context.route('https://meet.example.org/**', (route) =>
		route.fulfill({ contentType: 'text/html', body: '<title>Video call</title><h1>Video call</h1>' })
	);
}

export function syncStatus(page: Page) {
	return page.getByTestId('sync-status');
}

export function sessionCard(page: Page, groupName: string) {
	return page.getByTestId('session').filter({ has: page.getByRole('heading', { name: groupName }) });
}

export function rosterRow(page: Page, groupName: string, participantId: string) {
	return page
		.getByTestId('roster')
		.filter({ has: page.getByRole('heading', { name: groupName }) })
		.locator(`[data-participant="${participantId}"]`);
}

/**
 * Follows a link of the main navigation, opening "More" first when the link waits
 * there. Tried again until it works: a page reached from "More" closes it just after
 * arriving, so "More" can look open at the moment it is checked and be shut at the click.
 */
export async function followNav(page: Page, label: string): Promise<void> {
	const nav = page.getByRole('navigation', { name: 'Main' });
	const link = nav.getByRole('link', { name: label, exact: true });
	await expect(async () => {
		if (!(await link.isVisible())) await nav.getByText('More', { exact: true }).click();
		await link.click({ timeout: 2000 });
	}).toPass();
}
