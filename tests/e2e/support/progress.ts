/** Steps shared by the participant's make-up, survey, assignment and progress tests. */
import { expect, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { readCare, readProgram, readSelf } from '../../../src/lib/doc/read.ts';
import { expandSchedule, type Occurrence } from '../../../src/lib/domain/schedule.ts';
import { joinAsParticipant, openDoc, signIn } from './client.ts';

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

/**
 * The demo participant's finished sessions of their group, newest first, as the
 * program's schedule has them (demo.ts: alex and casey in `evening`, blair in `daytime`).
 */
export async function pastSessions(baseUrl: string, groupId: string, within = 21): Promise<Occurrence[]> {
	const program = await readAsClinician(baseUrl, 'program', 'demo');
	const now = new Date().toISOString();
	const from = new Date(Date.now() - within * 86_400_000).toISOString();
	const zone = program.info?.timeZone ?? 'America/New_York';
	return expandSchedule(program.groups, program.exceptions, zone, { from, to: now })
		.filter((o) => o.groupId === groupId && o.end < now)
		.reverse();
}

/** Writes records into a participant's care document as the clinician's device would. */
export async function writeCare(baseUrl: string, participantId: string, write: (doc: Y.Doc) => void): Promise<void> {
	await writeAndWait(baseUrl, await signIn(baseUrl, 'clinician@demo.steady'), `care:${participantId}`, write);
}

/** Writes into a participant's own self document from another device of theirs. */
export async function writeSelfAsParticipant(baseUrl: string, participantId: string, write: (doc: Y.Doc) => void): Promise<void> {
	await writeAndWait(baseUrl, await joinAsParticipant(baseUrl, participantId), `self:${participantId}`, write);
}

/** Writes, then waits until a fresh clinician's client sees the write: then the server has stored it. */
async function writeAndWait(baseUrl: string, cookie: string, name: string, write: (doc: Y.Doc) => void): Promise<void> {
	const client = await openDoc(baseUrl, cookie, name);
	await client.synced;
	client.doc.transact(() => write(client.doc));
	const clockOf = (doc: Y.Doc) => Y.decodeStateVector(Y.encodeStateVector(doc)).get(client.doc.clientID) ?? 0;
	const reader = await signIn(baseUrl, 'clinician@demo.steady');
	const deadline = Date.now() + 10_000;
	for (;;) {
		const probe = await openDoc(baseUrl, reader, name);
		await probe.synced;
		const seen = clockOf(probe.doc) >= clockOf(client.doc);
		probe.destroy();
		if (seen) break;
		if (Date.now() > deadline) throw new Error(`the server never stored the change to ${name}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	client.destroy();
}
