/**
 * Benchmark 5, client weight: `npm run bench -- client` (builds the app first if
 * `build/` is missing; rebuild with `npx vite build` after changes).
 *
 * In Debian's Chromium against the real server serving the built app: a participant
 * joins (invite redeemed, care-team consent given) and opens their first page, the
 * week. Every script that page loads is summed gzipped (from the build output),
 * beside the whole app's scripts (what the service worker precaches) and, as the
 * reference, the sign-in page's. Then the offline cold start: with the
 * service worker in control and the network cut, a new tab opens the week; time from
 * navigation start until the sessions (or their empty state) and the sign-out button
 * are on screen, against the same page opened online.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from '@playwright/test';
import { demoInviteCode, redeemCode } from '../../sync-server/test/demo-invite.ts';
import { launchChromium } from './support/chromium.ts';
import { BenchServer } from './support/servers.ts';
import { kB, ms, option, printTable, runWhenMain, summarize, verdict } from './support/stats.ts';

const WEIGHT_TARGET = 150 * 1024;
const COLD_START_TARGET_MS = 1000;
const CLIENT_DIR = path.resolve('build/client');

const gzipped = (file: string): number => gzipSync(fs.readFileSync(file)).byteLength;

function scriptsUnder(dir: string): string[] {
	return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js')).map((f) => path.join(dir, f));
}

/** The participant's device: invite redeemed, consent given, the week opened. Returns the scripts it loaded. */
async function joinAndOpenWeek(page: Page, baseUrl: string): Promise<string[]> {
	const cookie = await redeemCode(baseUrl, await demoInviteCode(baseUrl, 'alex'), 'Bench phone');
	const consent = await fetch(`${baseUrl}/api/consents`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ kind: 'care-team', recipient: 'Care team of Steady Demo IOP', purpose: 'Treatment and attendance follow-up' })
	});
	if (!consent.ok) throw new Error(`consent failed with ${consent.status}`);
	const [name, value] = cookie.split('=') as [string, string];
	await page.context().addCookies([{ name, value, url: baseUrl, httpOnly: true, sameSite: 'Strict' }]);
	return scriptsOf(page, `${baseUrl}/week`, () => weekReady(page));
}

/** The paths of every script the page loads until `ready` and the network is idle. */
async function scriptsOf(page: Page, url: string, ready: () => Promise<unknown> = async () => {}): Promise<string[]> {
	const scripts = new Set<string>();
	page.on('response', (response) => {
		if (response.request().resourceType() === 'script') scripts.add(new URL(response.url()).pathname);
	});
	await page.goto(url);
	await ready();
	await page.waitForLoadState('networkidle');
	return [...scripts];
}

/** Interactive: the sign-out button and the week's sessions (or the words for none) are on screen. */
async function weekReady(page: Page): Promise<number> {
	await page.getByRole('button', { name: 'Sign out' }).waitFor();
	await page.getByTestId('session').or(page.getByText(/no sessions/i)).first().waitFor();
	return page.evaluate(() => performance.now());
}

async function coldStarts(browser: Browser, baseUrl: string, runs: number) {
	const context = browser.contexts()[0];
	if (!context) throw new Error('no browser context');
	const first = context.pages()[0];
	if (!first) throw new Error('no page');
	await first.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
	const timeOf = async (offline: boolean) => {
		await context.setOffline(offline);
		const page = await context.newPage();
		await page.goto(`${baseUrl}/week`);
		const at = await weekReady(page);
		await page.close();
		return at;
	};
	const online: number[] = [];
	const offline: number[] = [];
	for (let i = 0; i < runs; i++) {
		online.push(await timeOf(false));
		offline.push(await timeOf(true));
	}
	await context.setOffline(false);
	return { online: summarize(online), offline: summarize(offline) };
}

export async function clientWeight(args: readonly string[]): Promise<boolean> {
	const runs = option(args, 'runs', 5);
	if (!fs.existsSync(path.resolve('build/handler.js'))) {
		process.stderr.write('client: building the app (npx vite build)…\n');
		execFileSync('npx', ['vite', 'build'], { stdio: 'ignore' });
	}
	const server = await BenchServer.start('steady', { STEADY_APP_DIR: path.resolve('build') });
	const browser = await launchChromium();
	try {
		const context = await browser.newContext();
		const page = await context.newPage();
		const scripts = await joinAndOpenWeek(page, server.url);
		const firstPage = scripts.reduce((sum, p) => sum + gzipped(path.join(CLIENT_DIR, p)), 0);
		const all = scriptsUnder(path.join(CLIENT_DIR, '_app'));
		const whole = all.reduce((sum, f) => sum + gzipped(f), 0);
		const signIn = await scriptsOf(await browser.newPage(), `${server.url}/sign-in`);
		const signInWeight = signIn.reduce((sum, p) => sum + gzipped(path.join(CLIENT_DIR, p)), 0);
		printTable(
			'Client weight: JavaScript, gzipped (from build/client; the page’s scripts as Chromium loaded them)',
			['what', 'files', 'gzipped', 'target ≤ 150 kB'],
			[
				["participant's first page (/week)", String(scripts.length), kB(firstPage), verdict(firstPage <= WEIGHT_TARGET)],
				['the whole app (precached by the service worker)', String(all.length), kB(whole), ''],
				['reference: the sign-in page (no documents, no Yjs)', String(signIn.length), kB(signInWeight), '']
			]
		);
		const starts = await coldStarts(browser, server.url, runs);
		printTable(
			`Start to interactive in Chromium, new tab, ${runs} runs (navigation start → sessions and sign-out on screen)`,
			['how', 'median', 'p95', 'target ≤ 1 s'],
			[
				['offline (service worker, documents from IndexedDB)', ms(starts.offline.p50, 0), ms(starts.offline.p95, 0), verdict(starts.offline.p50 <= COLD_START_TARGET_MS)],
				['reference: online (loopback server)', ms(starts.online.p50, 0), ms(starts.online.p95, 0), '']
			]
		);
		return firstPage <= WEIGHT_TARGET && starts.offline.p50 <= COLD_START_TARGET_MS;
	} finally {
		await browser.close();
		await server.dispose();
	}
}

runWhenMain(import.meta.url, clientWeight);
