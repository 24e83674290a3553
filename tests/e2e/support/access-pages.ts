/** Steps shared by the invite, device, consent, account and admin end-to-end tests. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Accessibility problems axe finds on the page, as short strings (empty when none). */
export async function axeViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
	return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The names of this origin's local Steady databases. */
export function steadyDatabases(page: Page): Promise<string[]> {
	return page.evaluate(async () => (await indexedDB.databases()).map((db) => db.name ?? '').filter((name) => name.startsWith('steady:')));
}

/** The signed-in user's id, from the identity the app keeps on the device. */
export async function signedInUserId(page: Page): Promise<string> {
	const id = await page.evaluate(() => {
		const me = JSON.parse(localStorage.getItem('steady:me') ?? 'null') as { user?: { id?: string } } | null;
		return me?.user?.id ?? null;
	});
	if (!id) throw new Error('no one is signed in on this page');
	return id;
}

/** Signs in through the page with any password; waits for the app's header. */
export async function signInWith(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
	await page.goto(`${baseUrl}/sign-in`);
	await page.getByLabel('Email').fill(email);
	await page.getByLabel('Password').fill(password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

/** A clinician's API call from Node, signed in with `cookie` (see client.ts `signIn`). */
export async function apiAs<T = unknown>(baseUrl: string, cookie: string, path: string, body?: unknown): Promise<{ status: number; json: T }> {
	const response = await fetch(`${baseUrl}${path}`, {
		method: body === undefined ? 'GET' : 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	return { status: response.status, json: (await response.json()) as T };
}

/** Adds a participant and an invite for them, as a clinician would, and returns the code. */
export async function inviteNewParticipant(baseUrl: string, cookie: string, displayName: string): Promise<{ participantId: string; code: string }> {
	const created = await apiAs<{ participant: { id: string } }>(baseUrl, cookie, '/api/participants', { displayName });
	if (created.status !== 200) throw new Error(`adding ${displayName} failed: ${created.status}`);
	const participantId = created.json.participant.id;
	const invite = await apiAs<{ code: string }>(baseUrl, cookie, '/api/invites', { participantId });
	if (invite.status !== 200) throw new Error(`inviting ${displayName} failed: ${invite.status}`);
	return { participantId, code: invite.json.code };
}

/** Redeems a code on the page's /join and waits for the page after it. */
export async function joinWithCode(page: Page, baseUrl: string, code: string, deviceName: string): Promise<void> {
	await page.goto(`${baseUrl}/join`);
	await page.getByLabel('Code').fill(code);
	await page.getByLabel('Name for this device').fill(deviceName);
	await page.getByRole('button', { name: 'Join' }).click();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}
