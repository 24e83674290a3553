import { expect, test } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { DEMO_PASSWORD } from './support/client.ts';
import { axeViolations, signInWith } from './support/access-pages.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

const NEW_PASSWORD = 'kettle-orbit-meadow-42';

test('a clinician changes their password and signs in with the new one; the old one stops working', async ({ page }) => {
	await signInWith(page, server.url, 'cohost@demo.steady', DEMO_PASSWORD);
	await page.goto(`${server.url}/account`);
	await expect(page.getByRole('heading', { name: 'Change your password', level: 2 })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	const change = page.getByRole('button', { name: 'Change password' });
	await page.getByLabel('Current password').fill(DEMO_PASSWORD);
	await page.getByLabel('New password', { exact: true }).fill('too-short');
	await page.getByLabel('New password again').fill('too-short');
	await change.click();
	await expect(page.getByRole('alert')).toHaveText('The new password needs at least 12 characters; it has 9.');

	await page.getByLabel('New password', { exact: true }).fill(NEW_PASSWORD);
	await page.getByLabel('New password again').fill(`${NEW_PASSWORD}x`);
	await change.click();
	await expect(page.getByRole('alert')).toContainText('do not match');

	await page.getByLabel('Current password').fill('not-my-password');
	await page.getByLabel('New password again').fill(NEW_PASSWORD);
	await change.click();
	await expect(page.getByRole('alert')).not.toHaveText('');
	await expect(page.getByRole('alert')).not.toContainText('do not match');
	expect(await axeViolations(page)).toEqual([]);

	await page.getByLabel('Current password').fill(DEMO_PASSWORD);
	await change.click();
	await expect(page.getByRole('main').getByRole('status')).toHaveText('Your password is changed. Use the new one the next time you sign in.');

	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(page.getByRole('heading', { name: 'Sign in to Steady' })).toBeVisible();
	await page.getByLabel('Email').fill('cohost@demo.steady');
	await page.getByLabel('Password').fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('That email and password do not match. Check them and try again.');
	await signInWith(page, server.url, 'cohost@demo.steady', NEW_PASSWORD);
});

test('after five wrong passwords each further attempt must wait, and the wait grows', async ({ page }) => {
	await page.goto(`${server.url}/sign-in`);
	await page.getByLabel('Email').fill('clinician@demo.steady');
	const attempt = async (password: string) => {
		await page.getByLabel('Password').fill(password);
		await page.getByRole('button', { name: 'Sign in' }).click();
		await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
	};
	for (let i = 1; i <= 5; i++) {
		await attempt(`wrong-password-${i}`);
		await expect(page.getByRole('alert')).toHaveText('That email and password do not match. Check them and try again.');
	}
	await attempt('wrong-password-6');
	await expect(page.getByRole('alert')).toHaveText('Too many attempts that did not work. Wait 1 second and try again.');
	// Even the right password waits its turn.
	await attempt(DEMO_PASSWORD);
	await expect(page.getByRole('alert')).toContainText('Too many attempts');

	await page.waitForTimeout(1_200);
	await attempt('wrong-password-7');
	await expect(page.getByRole('alert')).toHaveText('That email and password do not match. Check them and try again.');
	await attempt('wrong-password-8');
	await expect(page.getByRole('alert')).toHaveText('Too many attempts that did not work. Wait 2 seconds and try again.');
	expect(await axeViolations(page)).toEqual([]);
});
