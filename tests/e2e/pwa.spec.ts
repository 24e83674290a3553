import { chromium, expect, test, type BrowserContext } from '@playwright/test';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ServerProcess } from './support/server.ts';
import { addLiveSession } from './support/live-session.ts';
import { joinAs, rosterRow, sessionCard, signInAs, stubVideoCalls, syncStatus, waitForOfflineShell } from './support/app.ts';
import { openDoc, signIn } from './support/client.ts';
import config from '../../playwright.config.ts';

const server = new ServerProcess();
const work = mkdtempSync(path.join(tmpdir(), 'steady-pwa-'));

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
	rmSync(work, { recursive: true, force: true });
});

/** A browser with a profile on disk, so it can be closed completely and opened again. */
function launchBrowser(profile: string): Promise<BrowserContext> {
	return chromium.launchPersistentContext(profile, { ...config.use?.launchOptions, headless: true });
}

test('the app is installable: manifest, icons and service worker pass Chromium’s own checks', async () => {
	// a browser profile on disk: Chromium never offers to install from an incognito-like context
	const browser = await launchBrowser(path.join(work, 'install'));
	const page = browser.pages()[0] ?? (await browser.newPage());
	await joinAs(page, server.url, 'alex');
	await waitForOfflineShell(page);
	const cdp = await browser.newCDPSession(page);
	const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: unknown[] };
	expect(installabilityErrors).toEqual([]);
	const manifest = (await (await page.request.get(`${server.url}/manifest.webmanifest`)).json()) as {
		icons: Array<{ purpose?: string }>;
	};
	expect(manifest.icons.some((icon) => icon.purpose === 'maskable')).toBe(true);
	await page.getByTestId('sync-status').click();
	await expect(page.getByTestId('storage-persistence')).toBeVisible();
	await browser.close();
});

test('a participant opens the app from a closed browser with the server down, checks in, and it reaches the server later', async () => {
	const { groupName } = await addLiveSession(server.url, ['blair'], { groupId: 'cold', groupName: 'Cold Start Group' });
	const profile = path.join(work, 'participant');
	let browser = await launchBrowser(profile);
	let page = browser.pages()[0] ?? (await browser.newPage());
	await stubVideoCalls(browser);
	await joinAs(page, server.url, 'blair');
	await expect(sessionCard(page, groupName)).toBeVisible();
	await waitForOfflineShell(page);
	await expect(syncStatus(page)).toHaveText('All changes saved');
	await browser.close();

	await server.stop('SIGKILL');
	browser = await launchBrowser(profile);
	await stubVideoCalls(browser);
	page = browser.pages()[0] ?? (await browser.newPage());
	await page.goto(`${server.url}/`);
	const card = sessionCard(page, groupName);
	await expect(card.getByTestId('status')).toHaveText('In session, not checked in');
	await card.getByRole('button', { name: 'Join session' }).click();
	await expect(card.getByTestId('status')).toHaveText('Checked in');
	await expect(syncStatus(page)).toHaveText('Offline · 1 change on this device only');

	await server.start();
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 30_000 });
	await browser.close();
	const clinician = await openDoc(server.url, await signIn(server.url, 'clinician@demo.steady'), 'self:blair');
	await clinician.synced;
	const presence = clinician.doc.getArray<{ occurrenceId: string; type: string }>('presence').toArray();
	expect(presence.some((event) => event.type === 'join' && event.occurrenceId.startsWith('cold@'))).toBe(true);
	clinician.destroy();
});

test('a clinician opens the app from a closed browser with the server down, verifies attendance, and it reaches the server later', async () => {
	const { groupName } = await addLiveSession(server.url, ['casey'], { groupId: 'cold-clinician', groupName: 'Clinician Cold Start' });
	const profile = path.join(work, 'clinician');
	let browser = await launchBrowser(profile);
	let page = browser.pages()[0] ?? (await browser.newPage());
	await signInAs(page, server.url, 'cohost@demo.steady');
	await expect(rosterRow(page, groupName, 'casey')).toBeVisible();
	await waitForOfflineShell(page);
	await expect(syncStatus(page)).toHaveText('All changes saved');
	await browser.close();

	await server.stop('SIGKILL');
	browser = await launchBrowser(profile);
	page = browser.pages()[0] ?? (await browser.newPage());
	await page.goto(`${server.url}/`);
	const row = rosterRow(page, groupName, 'casey');
	await expect(row.getByTestId('status')).toHaveText('In session, not checked in');
	await expect(syncStatus(page)).toContainText('Offline');
	// and acts: verifies Casey's attendance while still offline
	await row.getByRole('combobox', { name: 'Verify Casey R.’s attendance' }).selectOption('present');
	await expect(row.getByTestId('status')).toHaveText('Present (verified)');
	await expect(syncStatus(page)).toHaveText('Offline · 1 change on this device only');

	await server.start();
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 30_000 });
	await browser.close();
	const other = await openDoc(server.url, await signIn(server.url, 'clinician@demo.steady'), 'care:casey');
	await other.synced;
	const verifications = other.doc.getArray<{ occurrenceId: string; attendance: string; recordedBy: string }>('verifications').toArray();
	expect(verifications.some((v) => v.occurrenceId.startsWith('cold-clinician@') && v.attendance === 'present')).toBe(true);
	other.destroy();
});

test('two tabs on one device stay in step while the server is down', async ({ context }) => {
	const { groupName } = await addLiveSession(server.url, ['alex'], { groupId: 'tabs', groupName: 'Two Tabs Group' });
	await stubVideoCalls(context);
	const first = await context.newPage();
	await joinAs(first, server.url, 'alex');
	const second = await context.newPage();
	await second.goto(`${server.url}/week`);
	await expect(sessionCard(second, groupName)).toBeVisible();

	await server.stop('SIGKILL');
	await sessionCard(first, groupName).getByRole('button', { name: 'Join session' }).click();
	await expect(sessionCard(second, groupName).getByTestId('status')).toHaveText('Checked in');
	await server.start();
});

test('a new version waits for the person’s word, and not while changes are unsent', async ({ page, context }) => {
	// Two builds of the app: the second differs only in its service worker, as a release would.
	// inside the project, where the build's imports find node_modules
	const builds = mkdtempSync(path.resolve('.e2e-builds-'));
	const current = path.join(builds, 'current');
	const next = path.join(builds, 'next');
	cpSync('build', current, { recursive: true });
	cpSync('build', next, { recursive: true });
	const worker = path.join(next, 'client', 'service-worker.js');
	writeFileSync(worker, `${readFileSync(worker, 'utf8')}\n// the next release\n`);
	for (const compressed of ['.br', '.gz']) rmSync(`${worker}${compressed}`, { force: true });

	await server.stop('SIGTERM');
	server.env.STEADY_APP_DIR = current;
	await server.start();
	const { groupName } = await addLiveSession(server.url, ['casey'], { groupId: 'update', groupName: 'Update Group' });
	await stubVideoCalls(context);
	await joinAs(page, server.url, 'casey');
	await waitForOfflineShell(page);

	await server.stop('SIGTERM');
	server.env.STEADY_APP_DIR = next;
	await server.start();
	await page.reload();
	const banner = page.getByRole('status').filter({ hasText: 'A new version of Steady is ready' });
	await expect(banner).toBeVisible({ timeout: 30_000 });

	await server.stop('SIGKILL');
	await sessionCard(page, groupName).getByRole('button', { name: 'Join session' }).click();
	await expect(banner).toContainText('once your changes have reached the server');
	await expect(banner.getByRole('button', { name: 'Update now' })).toHaveCount(0);

	await server.start();
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 30_000 });
	await page.evaluate(() => ((window as unknown as { beforeUpdate: boolean }).beforeUpdate = true));
	const reloaded = page.waitForEvent('framenavigated');
	await banner.getByRole('button', { name: 'Update now' }).click();
	await reloaded;
	await page.waitForLoadState();
	expect(await page.evaluate(() => (window as unknown as { beforeUpdate?: boolean }).beforeUpdate ?? false)).toBe(false);
	await expect(banner).toHaveCount(0);
	await expect(sessionCard(page, groupName).getByTestId('status')).toHaveText('Checked in');
	// back to the project's build before its copies go away
	await server.stop('SIGTERM');
	delete server.env.STEADY_APP_DIR;
	await server.start();
	rmSync(builds, { recursive: true, force: true });
});

test('the local copy stays compact however often the app is opened', async ({ page }) => {
	await joinAs(page, server.url, 'casey');
	await expect(syncStatus(page)).toHaveText('All changes saved');
	for (let open = 0; open < 30; open++) {
		await page.reload();
		await expect(syncStatus(page)).toHaveText('All changes saved');
	}
	const rows = await page.evaluate(async () => {
		const counts: Record<string, number> = {};
		for (const { name } of await indexedDB.databases()) {
			if (!name?.startsWith('steady:')) continue;
			counts[name] = await new Promise<number>((resolve) => {
				const request = indexedDB.open(name);
				request.onsuccess = () => {
					const count = request.result.transaction('updates').objectStore('updates').count();
					count.onsuccess = () => resolve(count.result);
				};
			});
		}
		return counts;
	});
	expect(Object.keys(rows).length).toBe(3);
	// y-indexeddb alone would hold a row per open here (over 30); merged, at most the threshold and a few
	for (const [name, count] of Object.entries(rows)) expect(count, name).toBeLessThanOrEqual(24);
});
