/**
 * Benchmark 3, the first open of a participant-year in Chromium:
 * `npm run bench -- first-open [--runs 5]`.
 *
 * Every page is a new browser context that loads the bundle (support/first-open-entry.ts:
 * zod jitless, as the app runs it) afresh: what a participant's device does at every
 * start. One page opens the stored year first thing; another opens two weeks of a
 * one-group program first, then the year: what any first open costs (the code's first
 * run, the browser's time-zone data), apart from what the year itself costs.
 *
 * Then a browser started afresh for each run loads the year's three local copies
 * through y-indexeddb, with and without Intl's first use made while they load:
 * whether that one-time cost could hide in the wait for IndexedDB.
 */
import { build } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import * as Y from 'yjs';
import { launchChromium, launchWithProfile } from './support/chromium.ts';
import type { FirstOpenPage, LocalLoad } from './support/first-open-entry.ts';
import { storedToJson, type OpenSteps, type StoredYearJson } from './support/open-and-derive.ts';
import { participantYear, programDocument } from './support/participant-year.ts';
import { ms, option, printTable, runWhenMain, summarize, verdict } from './support/stats.ts';

const TIME_TARGET_MS = 20;

const storedOf = (weeks: number, groups: number): StoredYearJson => {
	const year = participantYear('p-bench', 1, weeks);
	return storedToJson({ self: Y.encodeStateAsUpdate(year.self), care: Y.encodeStateAsUpdate(year.care), program: Y.encodeStateAsUpdate(programDocument(groups)) });
};

/** The bundle's object on the page's global (first-open-entry.ts), for the functions the pages run. */
declare const bench: FirstOpenPage;

export async function firstOpenInBrowser(args: readonly string[]): Promise<boolean> {
	const runs = option(args, 'runs', 5);
	const year = storedOf(50, 20);
	const twoWeeks = storedOf(2, 1);
	const bundle = await build({ entryPoints: ['tests/bench/support/first-open-entry.ts'], bundle: true, format: 'iife', minify: true, write: false, platform: 'browser', target: 'es2022' });
	const script = bundle.outputFiles[0]?.text;
	if (!script) throw new Error('esbuild produced no bundle');

	const opens = { year: [] as OpenSteps[], twoWeeks: [] as OpenSteps[], yearAfter: [] as OpenSteps[] };
	const browser = await launchChromium();
	try {
		const inNewPage = async <R>(fn: (data: { year: StoredYearJson; twoWeeks: StoredYearJson }) => R) => {
			const context = await browser.newContext();
			const page = await context.newPage();
			await page.addScriptTag({ content: script });
			const result = await page.evaluate(fn, { year, twoWeeks });
			await context.close();
			return result;
		};
		for (let run = 0; run < runs; run++) {
			opens.year.push(await inNewPage((data) => bench.firstOpen(data.year)));
			const [first, then] = await inNewPage((data): [OpenSteps, OpenSteps] => [bench.firstOpen(data.twoWeeks), bench.firstOpen(data.year)]);
			opens.twoWeeks.push(first);
			opens.yearAfter.push(then);
		}
	} finally {
		await browser.close();
	}
	const loads = await localCopyLoads(script, year, runs);

	const median = (list: OpenSteps[], step: keyof OpenSteps) => summarize(list.map((r) => r[step])).p50;
	const row = (label: string, list: OpenSteps[]) => [label, ...(['decode', 'validate', 'derive', 'total'] as const).map((step) => ms(median(list, step))), list.map((r) => r.total.toFixed(1)).join(' · ')];
	const ok = median(opens.year, 'total') <= TIME_TARGET_MS;
	printTable(
		`First open in Chromium, a new page each (${runs} runs; medians)`,
		['open', 'decode', 'validate', 'derive', 'total', 'each run', `target ≤ ${TIME_TARGET_MS} ms`],
		[
			[...row('the year, first thing', opens.year), verdict(ok)],
			row('two weeks of records, one group, first thing', opens.twoWeeks),
			row('the year, right after those two weeks', opens.yearAfter)
		]
	);
	const loadRow = (label: string, list: LocalLoad[]) => {
		const intl = list.flatMap((l) => (l.timeZoneData === null ? [] : [l.timeZoneData]));
		return [label, ms(summarize(list.map((l) => l.load)).p50), ms(summarize(intl).p50), list.map((l) => l.load.toFixed(0)).join(' · ')];
	};
	printTable(
		`The year's three local copies loading (y-indexeddb, one merged row each), a browser started afresh each (${runs} runs each; medians)`,
		['meanwhile', 'load', "Intl's first use", 'each run'],
		[loadRow('nothing', loads.plain), loadRow("Intl's first use", loads.withTimeZoneData)]
	);
	return ok;
}

/** Saves the year as local copies once, then times their load in a browser started afresh, alternately with and without Intl's first use meanwhile. */
async function localCopyLoads(script: string, year: StoredYearJson, runs: number): Promise<{ plain: LocalLoad[]; withTimeZoneData: LocalLoad[] }> {
	// the profile first: nothing can fail between the server's listen and the try that closes it
	const profile = mkdtempSync(path.join(tmpdir(), 'steady-first-open-'));
	// IndexedDB needs an origin: a page and its script over loopback
	const server = createServer((request, response) => {
		const isScript = request.url === '/bench.js';
		response.writeHead(200, { 'content-type': isScript ? 'text/javascript' : 'text/html' });
		response.end(isScript ? script : '<!doctype html><title>first open</title><script src="/bench.js"></script>');
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
	const inFreshBrowser = async <R>(use: (page: Page) => Promise<R>): Promise<R> => {
		const context = await launchWithProfile(profile);
		try {
			const page = context.pages()[0] ?? (await context.newPage());
			await page.goto(url);
			return await use(page);
		} finally {
			await context.close();
		}
	};
	const loads = { plain: [] as LocalLoad[], withTimeZoneData: [] as LocalLoad[] };
	try {
		await inFreshBrowser((page) => page.evaluate((json) => bench.saveLocalCopies(json), year));
		for (let run = 0; run < runs; run++) {
			loads.plain.push(await inFreshBrowser((page) => page.evaluate(() => bench.loadLocalCopies(false))));
			loads.withTimeZoneData.push(await inFreshBrowser((page) => page.evaluate(() => bench.loadLocalCopies(true))));
		}
	} finally {
		server.close();
		rmSync(profile, { recursive: true, force: true });
	}
	return loads;
}

runWhenMain(import.meta.url, firstOpenInBrowser);
