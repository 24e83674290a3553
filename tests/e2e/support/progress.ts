/** Steps shared by the participant's make-up, survey, assignment and progress tests. */
import { expect, type Page } from '@playwright/test';
import { readCare, readProgram, readSelf } from '../../../src/lib/doc/read.ts';
import { openDoc, signIn } from './client.ts';

/** A small phone: every page must read and work at this size. */
export const PHONE = { width: 360, height: 640 };

/** Nothing on the page is wider than the screen (no sideways scrolling). */
export async function expectNoSideScroll(page: Page): Promise<void> {
	const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
	expect(overflow).toBeLessThanOrEqual(0);
}

const READERS = { program: readProgram, self: readSelf, care: readCare };

/**
 * A document as a clinician's device reads it from the server right now (a fresh
 * client each time, so it shows only what the server has stored).
 */
export async function readAsClinician<K extends keyof typeof READERS>(
	baseUrl: string,
	kind: K,
	id: string
): Promise<ReturnType<(typeof READERS)[K]>> {
	const cookie = await signIn(baseUrl, 'clinician@demo.steady');
	const client = await openDoc(baseUrl, cookie, `${kind}:${id}`);
	await client.synced;
	const data = READERS[kind](client.doc) as ReturnType<(typeof READERS)[K]>;
	client.destroy();
	return data;
}
