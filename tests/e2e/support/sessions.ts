/**
 * Steps for the roster and program set-up tests: a group session that ended a
 * little while ago (with a participant who joined the program that day), and a TCP
 * proxy that cuts one browser off the server while another stays connected.
 */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { createServer, connect, type Server, type Socket } from 'node:net';
import * as Y from 'yjs';
import { expect, type Page } from '@playwright/test';
import { joinAsParticipant, openDoc, signIn, type DocClient } from './client.ts';
import { freePort } from '../../support/free-port.ts';

const ZONE = 'America/New_York';

export interface EndedSession {
	groupName: string;
	/** the program-zone date of the session that just ended */
	day: string;
	occurrenceId: string;
}

/**
 * A daily group whose session today started 70 minutes ago and ended 10 minutes
 * ago. `attended` joined a minute after the start and stayed to the end; the other
 * `enrolled` never joined; `joinsToday` joined the program on the session's day
 * (rolling admission), so the day before has no row for them.
 */
export async function addEndedSession(
	baseUrl: string,
	{ attended, enrolled, joinsToday, groupId = 'ended', groupName = 'Afternoon Skills Group' }: { attended: string[]; enrolled: string[]; joinsToday: string; groupId?: string; groupName?: string }
): Promise<EndedSession> {
	const cookie = await signIn(baseUrl, 'clinician@demo.steady');
	// on the minute, as a group's start time is
	const start = new TZDate(Math.floor(Date.now() / 60_000) * 60_000 - 70 * 60_000, ZONE);
	const day = format(start, 'yyyy-MM-dd');
	const updatedAt = new Date().toISOString();
	const occurrenceId = `${groupId}@${day}`;

	await change(baseUrl, cookie, 'program:demo', (doc) =>
		doc.getMap('groups').set(groupId, {
			id: groupId,
			updatedBy: 'u-admin',
			updatedAt,
			name: groupName,
			facilitator: 'Dr. Sam Okafor',
			weekdays: [1, 2, 3, 4, 5, 6, 7],
			startTime: format(start, 'HH:mm'),
			durationMinutes: 60,
			videoLink: 'https://meet.example.org/ended',
			startsOn: format(new TZDate(start.getTime() - 7 * 86_400_000, ZONE), 'yyyy-MM-dd')
		})
	);
	for (const id of [...attended, ...enrolled, joinsToday]) {
		await change(baseUrl, cookie, `care:${id}`, (doc) => {
			const settings = doc.getMap('settings') as Y.Map<{ groupIds: string[]; startDate: string }>;
			const enrollment = settings.get('enrollment');
			if (!enrollment) throw new Error(`the demo participant ${id} has no enrollment`);
			settings.set('enrollment', {
				...enrollment,
				groupIds: [...enrollment.groupIds, groupId],
				...(id === joinsToday ? { startDate: day } : {}),
				updatedAt
			});
		});
	}
	for (const id of attended) {
		const participant = await joinAsParticipant(baseUrl, id);
		const at = (minutes: number) => new Date(start.getTime() + minutes * 60_000).toISOString();
		await change(baseUrl, participant, `self:${id}`, (doc) =>
			doc.getArray('presence').push([
				{ id: `${id}-join-${groupId}`, occurrenceId, type: 'join', at: at(1), deviceId: 'helper' },
				{ id: `${id}-leave-${groupId}`, occurrenceId, type: 'leave', at: at(60), deviceId: 'helper' }
			])
		);
	}
	return { groupName, day, occurrenceId };
}

/** Changes a document through the server and returns once a fresh client sees the change. */
async function change(baseUrl: string, cookie: string, name: string, edit: (doc: Y.Doc) => void): Promise<void> {
	const client = await openDoc(baseUrl, cookie, name);
	await client.synced;
	edit(client.doc);
	const written = Y.getState(client.doc.store, client.doc.clientID);
	await until(async () => {
		const probe: DocClient = await openDoc(baseUrl, cookie, name);
		await probe.synced;
		const seen = (Y.decodeStateVector(Y.encodeStateVector(probe.doc)).get(client.doc.clientID) ?? 0) >= written;
		probe.destroy();
		return seen;
	}, `the server never showed the change to ${name}`);
	client.destroy();
}

async function until(test: () => Promise<boolean>, failure: string): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline) {
		if (await test()) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(failure);
}

/**
 * A TCP proxy in front of the server for one browser: `cut()` drops its open
 * connections and refuses new ones, like a lost network (Playwright's setOffline
 * leaves open WebSockets alone); `restore()` lets it through again.
 */
export class CuttableProxy {
	port = 0;
	#server: Server | null = null;
	#sockets = new Set<Socket>();
	#cut = false;

	constructor(readonly targetPort: number) {}

	get url(): string {
		return `http://localhost:${this.port}`;
	}

	async start(): Promise<void> {
		this.port = await freePort();
		this.#server = createServer((client) => {
			if (this.#cut) return client.destroy();
			const upstream = connect(this.targetPort, '127.0.0.1');
			for (const socket of [client, upstream]) {
				this.#sockets.add(socket);
				socket.once('close', () => this.#sockets.delete(socket));
				socket.on('error', () => {});
			}
			client.pipe(upstream).pipe(client);
			client.once('close', () => upstream.destroy());
			upstream.once('close', () => client.destroy());
		});
		await new Promise<void>((resolve) => this.#server?.listen(this.port, '127.0.0.1', resolve));
	}

	cut(): void {
		this.#cut = true;
		for (const socket of this.#sockets) socket.destroy();
	}

	restore(): void {
		this.#cut = false;
	}

	async stop(): Promise<void> {
		this.cut();
		await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
	}
}

/** The roster of one group's session on the page. */
export function roster(page: Page, groupName: string) {
	return page.getByTestId('roster').filter({ has: page.getByRole('heading', { name: groupName }) });
}

/** Opens the clinician's sessions of one program-zone day. */
export async function openDay(page: Page, baseUrl: string, day: string): Promise<void> {
	await page.goto(`${baseUrl}/today?day=${day}`);
	await expect(page.getByRole('navigation', { name: 'Day' })).toBeVisible();
}
