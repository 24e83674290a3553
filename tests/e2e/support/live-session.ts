/**
 * Puts a group session on the demo program that is running right now, and enrols
 * participants in it, the way a clinician's device would: through the sync server.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import type * as Y from 'yjs';
import { openDoc, signIn } from './client.ts';

const ZONE = 'America/New_York';
const STAMP = { updatedBy: 'u-clinician' };

export async function addLiveSession(
	baseUrl: string,
	participantIds: string[],
	{ groupId = 'now', groupName = 'Midday Check-in Group' } = {}
): Promise<{ groupName: string }> {
	const cookie = await signIn(baseUrl, 'clinician@demo.steady');
	const start = new TZDate(Date.now() - 5 * 60_000, ZONE);
	const updatedAt = new Date().toISOString();
	const program = await openDoc(baseUrl, cookie, 'program:demo');
	await program.synced;
	program.doc.getMap('groups').set(groupId, {
		id: groupId,
		...STAMP,
		updatedAt,
		name: groupName,
		facilitator: 'Dr. Sam Okafor',
		weekdays: [Number(format(start, 'i'))],
		startTime: format(start, 'HH:mm'),
		durationMinutes: 120,
		videoLink: 'https://meet.example.org/midday',
		startsOn: format(start, 'yyyy-MM-dd')
	});
	const cares = await Promise.all(participantIds.map((id) => openDoc(baseUrl, cookie, `care:${id}`)));
	await Promise.all(cares.map((care) => care.synced));
	for (const care of cares) {
		const settings = care.doc.getMap('settings') as Y.Map<{ groupIds: string[] }>;
		const enrollment = settings.get('enrollment');
		if (!enrollment) throw new Error('the demo participant has no enrollment');
		settings.set('enrollment', { ...enrollment, groupIds: [...enrollment.groupIds, groupId], updatedAt });
	}
	// Only return once a fresh client sees the changes: then the server has them.
	await seenByServer(baseUrl, cookie, 'program:demo', (doc) => doc.getMap('groups').has(groupId));
	for (const id of participantIds) {
		await seenByServer(baseUrl, cookie, `care:${id}`, (doc) =>
			Boolean((doc.getMap('settings').get('enrollment') as { groupIds: string[] } | undefined)?.groupIds.includes(groupId))
		);
	}
	for (const client of [program, ...cares]) client.destroy();
	return { groupName };
}

/** Polls a fresh copy from the server until `test` holds (10 s at most). */
export async function seenByServer(baseUrl: string, cookie: string, name: string, test: (doc: Y.Doc) => boolean): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline) {
		const probe = await openDoc(baseUrl, cookie, name);
		await probe.synced;
		const seen = test(probe.doc);
		probe.destroy();
		if (seen) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`the server never showed the change to ${name}`);
}
