/**
 * Steps for the participant's-app tests: a clinician's device writing the program
 * and care documents through the sync server, and reading back what a
 * participant's device sent, as the server holds it.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import * as Y from 'yjs';
import { expect, type Page } from '@playwright/test';
import { followNav } from './app.ts';
import { openDoc, signIn } from './client.ts';
import { seenByServer } from './live-session.ts';

export const ZONE = 'America/New_York';
const STAMP = { updatedBy: 'u-clinician' };

async function clinician(baseUrl: string): Promise<string> {
	return signIn(baseUrl, 'clinician@demo.steady');
}

/** Changes a document as a clinician's device would, and waits until the server has the change. */
export async function writeAsClinician(baseUrl: string, name: string, change: (doc: Y.Doc, updatedAt: string) => void): Promise<void> {
	const cookie = await clinician(baseUrl);
	const client = await openDoc(baseUrl, cookie, name);
	await client.synced;
	const before = Y.encodeStateVector(client.doc);
	change(client.doc, new Date().toISOString());
	const expected = Y.encodeStateAsUpdate(client.doc, before);
	client.destroy();
	await seenByServer(baseUrl, cookie, name, (doc) => containsUpdate(doc, expected));
}

/** Whether `doc` already holds everything in `update` (applying it adds nothing). */
function containsUpdate(doc: Y.Doc, update: Uint8Array): boolean {
	const probe = new Y.Doc();
	Y.applyUpdate(probe, Y.encodeStateAsUpdate(doc));
	const before = Y.encodeStateVector(probe);
	Y.applyUpdate(probe, update);
	const same = Buffer.compare(Buffer.from(before), Buffer.from(Y.encodeStateVector(probe))) === 0;
	probe.destroy();
	return same;
}

/** The server's copy of a document, read by a clinician (who may read self documents). */
export async function serverCopy(baseUrl: string, name: string): Promise<Y.Doc> {
	const client = await openDoc(baseUrl, await clinician(baseUrl), name);
	await client.synced;
	const copy = new Y.Doc();
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(client.doc));
	client.destroy();
	return copy;
}


/**
 * A weekly group whose first session starts `startInMinutes` from now (negative:
 * already running), with the participants enrolled in it. Returns its first start.
 */
export async function addGroup(
	baseUrl: string,
	participantIds: string[],
	{ groupId, groupName, startInMinutes, durationMinutes = 120 }: { groupId: string; groupName: string; startInMinutes: number; durationMinutes?: number }
): Promise<{ start: Date; occurrenceId: string }> {
	const start = new TZDate(Math.floor((Date.now() + startInMinutes * 60_000) / 60_000) * 60_000, ZONE);
	const date = format(start, 'yyyy-MM-dd');
	await writeAsClinician(baseUrl, 'program:demo', (doc, updatedAt) => {
		doc.getMap('groups').set(groupId, {
			id: groupId,
			...STAMP,
			updatedAt,
			name: groupName,
			facilitator: 'Dr. Sam Okafor',
			weekdays: [Number(format(start, 'i'))],
			startTime: format(start, 'HH:mm'),
			durationMinutes,
			videoLink: `https://meet.example.org/${groupId}`,
			startsOn: date
		});
	});
	for (const id of participantIds) {
		await writeAsClinician(baseUrl, `care:${id}`, (doc, updatedAt) => {
			const settings = doc.getMap('settings') as Y.Map<{ groupIds: string[] }>;
			const enrollment = settings.get('enrollment');
			if (!enrollment) throw new Error('the demo participant has no enrollment');
			settings.set('enrollment', { ...enrollment, groupIds: [...enrollment.groupIds, groupId], updatedAt });
		});
	}
	return { start: new Date(start.getTime()), occurrenceId: `${groupId}@${date}` };
}

/** A note from the care team about a session or a record. */
export async function addCareNote(baseUrl: string, participantId: string, target: string, text: string): Promise<void> {
	await writeAsClinician(baseUrl, `care:${participantId}`, (doc, updatedAt) => {
		const id = `note-${Math.random().toString(36).slice(2, 10)}`;
		doc.getMap('annotations').set(id, { id, ...STAMP, updatedAt, target, text });
	});
}

/** The records of a collection in the server's copy of a document. */
export async function serverRecords<T>(baseUrl: string, name: string, collection: string): Promise<T[]> {
	const doc = await serverCopy(baseUrl, name);
	const records = [...(doc.getMap(collection).values() as Iterable<T>)];
	doc.destroy();
	return records;
}

/** The service worker's notifications currently shown by this page's origin. */
export function shownNotifications(page: Page): Promise<Array<{ title: string; body: string }>> {
	return page.evaluate(async () => {
		const registration = await navigator.serviceWorker.ready;
		return (await registration.getNotifications()).map((n) => ({ title: n.title, body: n.body }));
	});
}

/** Goes to a participant page through the main navigation, as a person would. */
export async function openFromNav(page: Page, label: string): Promise<void> {
	await followNav(page, label);
	await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
}
