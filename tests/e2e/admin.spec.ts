import { expect, test } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { signInAs } from './support/app.ts';
import { axeViolations, signInWith } from './support/access-pages.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('the audit trail filters to the sign-ins and downloads the same rows as CSV', async ({ page, browser }) => {
	// Someone else signs in first, so there is more than one user's sign-in.
	const other = await browser.newContext();
	await signInAs(await other.newPage(), server.url, 'clinician@demo.steady');
	await other.close();

	await signInAs(page, server.url, 'admin@demo.steady');
	await page.goto(`${server.url}/admin/audit`);
	await expect(page.getByRole('heading', { name: 'Audit trail', level: 1 })).toBeVisible();
	await expect(page.getByTestId('audit-rows')).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	await page.getByLabel('Event').fill('sign-in');
	await page.getByRole('button', { name: 'Show rows' }).click();
	const rows = page.getByTestId('audit-rows').locator('tbody tr');
	await expect(rows).toHaveCount(2);
	for (const row of await rows.all()) await expect(row.locator('td').nth(1)).toHaveText('sign-in');
	await expect(rows.filter({ hasText: 'u-clinician' })).toHaveCount(1);
	await expect(rows.filter({ hasText: 'u-admin' })).toHaveCount(1);

	await page.getByLabel('User id').fill('u-clinician');
	await page.getByRole('button', { name: 'Show rows' }).click();
	await expect(rows).toHaveCount(1);

	const href = await page.getByRole('link', { name: 'Download CSV' }).getAttribute('href');
	expect(href).toBe('/api/admin/audit.csv?event=sign-in&userId=u-clinician');
	const csv = await page.request.get(`${server.url}${href}`);
	expect(csv.status()).toBe(200);
	expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
	const lines = (await csv.text()).trim().split(/\r?\n/);
	expect(lines[0]).toBe('id,at,event,userId,deviceId,document,detail,remote');
	expect(lines).toHaveLength(2);
	expect(lines[1]).toContain('sign-in');

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Download CSV' }).click();
	expect((await download).suggestedFilename()).toMatch(/\.csv$/);

	// A day range with nothing in it shows no rows; a reversed range is caught before asking.
	await page.getByLabel('User id').fill('');
	await page.getByLabel('From (day)').fill('2001-01-01');
	await page.getByLabel('To (day)').fill('2001-01-02');
	await page.getByRole('button', { name: 'Show rows' }).click();
	await expect(page.getByRole('main').getByRole('status').filter({ hasText: /rows?$/ })).toHaveText('0 rows');
	await page.getByLabel('From (day)').fill('2001-01-03');
	await page.getByRole('button', { name: 'Show rows' }).click();
	await expect(page.getByRole('alert')).toContainText('after the “to” day');
});

test('an admin adds a clinician, who can sign in until deactivated', async ({ page, browser }) => {
	await signInAs(page, server.url, 'admin@demo.steady');
	await page.goto(`${server.url}/admin/staff`);
	await expect(page.getByTestId('staff').filter({ hasText: 'clinician@demo.steady' })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	await page.getByLabel('Email').fill('riley@clinic.example');
	await page.getByLabel('Name', { exact: true }).fill('Riley Park, LPC');
	await page.getByLabel('Initial password').fill('short');
	await page.getByRole('button', { name: 'Add staff member' }).click();
	await expect(page.getByRole('alert')).toContainText('at least 12 characters');
	await page.getByLabel('Initial password').fill('river-lantern-copper-7');
	await page.getByRole('button', { name: 'Add staff member' }).click();
	await expect(page.getByRole('main').getByRole('status')).toContainText('Riley Park, LPC can now sign in as a clinician');
	const riley = page.getByTestId('staff').filter({ hasText: 'riley@clinic.example' });
	await expect(riley).toContainText('Active');
	expect(await axeViolations(page)).toEqual([]);

	const theirs = await browser.newContext();
	const theirPage = await theirs.newPage();
	await signInWith(theirPage, server.url, 'riley@clinic.example', 'river-lantern-copper-7');

	await riley.getByRole('button', { name: 'Deactivate Riley Park, LPC' }).click();
	await expect(riley).toContainText('Deactivated');
	await theirPage.goto(`${server.url}/sign-in`);
	await theirPage.getByLabel('Email').fill('riley@clinic.example');
	await theirPage.getByLabel('Password').fill('river-lantern-copper-7');
	await theirPage.getByRole('button', { name: 'Sign in' }).click();
	await expect(theirPage.getByRole('alert')).toBeVisible();
	await theirs.close();

	await riley.getByRole('button', { name: 'Reactivate Riley Park, LPC' }).click();
	await expect(riley).toContainText('Active');

});
