/**
 * Benchmark 3, the first open of a participant-year in Chromium:
 * `npm run bench -- first-open [--runs 5]`.
 *
 * Each run is a new browser context whose page loads the bundle
 * (support/first-open-entry.ts: zod jitless, as the app runs it) and opens the stored
 * bytes of a year once: what a participant's device does at every start. The page
 * compiles the bundle afresh, as on a first visit; an installed app's later starts may
 * reuse V8's code cache for compiling, though not the first, slower run of the code.
 */
import { build } from 'esbuild';
import * as Y from 'yjs';
import { launchChromium } from './support/chromium.ts';
import { storedToJson, type OpenSteps } from './support/open-and-derive.ts';
import { participantYear, programDocument } from './support/participant-year.ts';
import { ms, option, printTable, runWhenMain, summarize, verdict } from './support/stats.ts';

const TIME_TARGET_MS = 20;

export async function firstOpenInBrowser(args: readonly string[]): Promise<boolean> {
	const runs = option(args, 'runs', 5);
	const year = participantYear('p-bench', 1);
	const stored = storedToJson({ self: Y.encodeStateAsUpdate(year.self), care: Y.encodeStateAsUpdate(year.care), program: Y.encodeStateAsUpdate(programDocument(20)) });
	const bundle = await build({ entryPoints: ['tests/bench/support/first-open-entry.ts'], bundle: true, format: 'iife', minify: true, write: false, platform: 'browser', target: 'es2022' });
	const script = bundle.outputFiles[0]?.text;
	if (!script) throw new Error('esbuild produced no bundle');

	const browser = await launchChromium();
	const results: OpenSteps[] = [];
	try {
		for (let run = 0; run < runs; run++) {
			const context = await browser.newContext();
			const page = await context.newPage();
			await page.addScriptTag({ content: script });
			results.push(await page.evaluate((bytes) => (globalThis as unknown as { firstOpen: (bytes: unknown) => OpenSteps }).firstOpen(bytes), stored));
			await context.close();
		}
	} finally {
		await browser.close();
	}
	const median = (step: keyof OpenSteps) => summarize(results.map((r) => r[step])).p50;
	const ok = median('total') <= TIME_TARGET_MS;
	printTable(
		`First open of a participant-year in Chromium, a new page each time (${runs} runs; medians)`,
		['decode', 'validate', 'derive', 'total', 'each run', `target ≤ ${TIME_TARGET_MS} ms`],
		[[ms(median('decode')), ms(median('validate')), ms(median('derive')), ms(median('total')), results.map((r) => r.total.toFixed(1)).join(' · '), verdict(ok)]]
	);
	return ok;
}

runWhenMain(import.meta.url, firstOpenInBrowser);
