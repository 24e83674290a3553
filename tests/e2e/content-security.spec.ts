import { expect, test, type Page } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { followNav, joinAs, signInAs, waitForOfflineShell } from './support/app.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

/** Records every Content-Security-Policy violation the page reports. */
async function watchViolations(page: Page): Promise<string[]> {
	const violations: string[] = [];
	await page.exposeFunction('reportViolation', (text: string) => violations.push(text));
	await page.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (event) => {
			(window as unknown as { reportViolation: (text: string) => void }).reportViolation(`${event.violatedDirective} ${event.blockedURI}`);
		});
	});
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	return violations;
}

test('pages carry a content security policy and nothing the app does breaks it', async ({ page }) => {
	const violations = await watchViolations(page);
	await joinAs(page, server.url, 'alex');
	await waitForOfflineShell(page);
	const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
	expect(policy).toContain("script-src 'self' 'sha256-");
	expect(policy).toContain("connect-src 'self'");
	await expect(page.getByTestId('sync-status')).toContainText(/saved|up to date|synced/i);
	await page.reload();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
	expect(violations).toEqual([]);
});

test('staff pages stay within the policy too', async ({ page }) => {
	const violations = await watchViolations(page);
	await signInAs(page, server.url, 'admin@demo.steady');
	for (const link of ['Today', 'Staff', 'Audit trail', 'Devices', 'Account']) {
		await followNav(page, link);
		await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
	}
	expect(violations).toEqual([]);
});

test('the server forbids framing and sniffing on pages and on the API', async () => {
	for (const path of ['/week', '/api/me']) {
		const res = await fetch(`${server.url}${path}`);
		expect(res.headers.get('content-security-policy'), path).toContain("frame-ancestors 'none'");
		expect(res.headers.get('x-frame-options'), path).toBe('DENY');
		expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
		expect(res.headers.get('referrer-policy'), path).toBe('no-referrer');
	}
});
