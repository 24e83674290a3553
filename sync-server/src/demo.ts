/**
 * The demo program, written on first start (empty database): one program, two
 * groups on a realistic IOP schedule, an admin, two clinicians and three
 * participants (no password: they join by invite) with a few weeks of history. Documents are written as Yjs updates
 * through the same DocumentStore the sync endpoints use; every record is
 * validated by the codec (zod schemas from records.ts) on the way in.
 */
import * as Y from 'yjs';
import { monotonicFactory } from 'ulid';
import { putRecord, putSingleton, stampSchemaVersion } from '../../src/lib/doc/codec.ts';
import { documentName } from '../../src/lib/domain/document-names.ts';
import { DEFAULT_RISK_RULES, defaultPolicy } from '../../src/lib/domain/policy.ts';
import type { AssignmentTemplate, Group, MakeupCatalogItem } from '../../src/lib/domain/records.ts';
import { addDays, addMinutes, expandSchedule, localDateOf, type Occurrence } from '../../src/lib/domain/schedule.ts';
import type { Directory } from './directory.ts';
import { hashPassword } from './passwords.ts';
import type { DocumentStore } from './storage.ts';

export const DEMO_PASSWORD = 'steady-demo';
export const DEMO_PROGRAM = 'demo';
const ZONE = 'America/New_York';

/** Staff sign in with email and DEMO_PASSWORD. */
export const DEMO_ACCOUNTS = [
	{ id: 'u-admin', email: 'admin@demo.steady', role: 'admin', displayName: 'Morgan Reyes' },
	{ id: 'u-clinician', email: 'clinician@demo.steady', role: 'clinician', displayName: 'Dr. Sam Okafor' },
	{ id: 'u-cohost', email: 'cohost@demo.steady', role: 'clinician', displayName: 'Jordan Lee, LCSW' }
] as const;

/**
 * Participants have no password: each start prints a fresh invite code per
 * participant (main.ts), and tests make one with POST /api/invites as the
 * clinician (sync-server/test/demo-invite.ts).
 */
export const DEMO_PARTICIPANT_ACCOUNTS = [
	{ id: 'u-alex', role: 'participant', displayName: 'Alex M.', participantId: 'alex' },
	{ id: 'u-blair', role: 'participant', displayName: 'Blair T.', participantId: 'blair' },
	{ id: 'u-casey', role: 'participant', displayName: 'Casey R.', participantId: 'casey' }
] as const;

const PARTICIPANTS = [
	{ id: 'alex', displayName: 'Alex M.', groupId: 'evening', weeksAgo: 5 },
	{ id: 'blair', displayName: 'Blair T.', groupId: 'daytime', weeksAgo: 4 },
	{ id: 'casey', displayName: 'Casey R.', groupId: 'evening', weeksAgo: 3 }
] as const;

const CLINICIAN = 'u-clinician';

function writeDoc(store: DocumentStore, name: string, fill: (doc: Y.Doc) => void): void {
	const doc = new Y.Doc();
	doc.transact(() => {
		stampSchemaVersion(doc);
		fill(doc);
	});
	store.append(name, Y.encodeStateAsUpdate(doc));
	doc.destroy();
}

const earlier = (a: string, b: string): string => (a < b ? a : b);

/** A small deterministic hash, so the demo history is the same on every machine. */
function pick(seed: string, modulo: number): number {
	let h = 2166136261;
	for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 16777619);
	return (h >>> 0) % modulo;
}

function demoGroups(startsOn: string, at: string): Group[] {
	const base = { updatedAt: at, updatedBy: 'u-admin', durationMinutes: 180, startsOn };
	return [
		{
			...base,
			id: 'evening',
			name: 'Evening Recovery Group',
			facilitator: 'Dr. Sam Okafor',
			weekdays: [1, 2, 4],
			startTime: '18:00',
			videoLink: 'https://meet.example.org/evening'
		},
		{
			...base,
			id: 'daytime',
			name: 'Daytime Skills Group',
			facilitator: 'Jordan Lee, LCSW',
			weekdays: [1, 3, 5],
			startTime: '10:00',
			videoLink: 'https://meet.example.org/daytime'
		}
	];
}

const DEMO_ORIENTATION = [
	'Welcome to the program. Groups meet by video three times a week for three hours.',
	'Join a few minutes early from the "This week" page: the app notes when you join and leave, so your attendance counts without paperwork.',
	'Keep your camera on when you can, and speak up: taking part matters as much as being there.',
	'If you cannot make a session, tell us ahead of time in the app. A missed session is made up within 7 days: watch the recording or read the recap, then do its worksheet, or ask for a one-to-one.'
].join('\n\n');

const DEMO_TECH_HELP = [
	'Video does not start: reload the page and allow the camera and microphone when the browser asks.',
	'No sound: check that the right microphone and speaker are chosen in the call, and that the device is not muted.',
	'The connection keeps dropping: move closer to the Wi-Fi router, close other apps, or turn the camera off to keep the audio.',
	'Nothing works: join by phone with the backup number and tell your clinician afterwards, so the session still counts.'
].join('\n\n');

/** One recording, recap, worksheet and one-to-one per group, plus a worksheet for everyone. */
function demoMakeupCatalog(at: string): MakeupCatalogItem[] {
	const stamp = { updatedAt: at, updatedBy: CLINICIAN };
	const perGroup = (groupId: string, topic: string): MakeupCatalogItem[] => [
		{ ...stamp, id: `recording-${groupId}`, kind: 'recording', title: `Recording: ${topic}`, url: `https://media.example.org/${groupId}/latest`, groupId },
		{ ...stamp, id: `worksheet-${groupId}`, kind: 'worksheet', title: `Worksheet: ${topic}`, url: `https://example.org/worksheets/${groupId}.pdf`, groupId },
		{ ...stamp, id: `one-to-one-${groupId}`, kind: 'one-to-one', title: 'One-to-one catch-up with your clinician (30 minutes)', groupId }
	];
	return [
		// kept from the first demo: other tests name these ids
		{ ...stamp, id: 'recap-coping', kind: 'recap', title: 'Recap: coping with cravings', groupId: 'evening' },
		{ ...stamp, id: 'worksheet-triggers', kind: 'worksheet', title: 'Worksheet: my triggers and plans', url: 'https://example.org/worksheets/triggers.pdf' },
		...perGroup('evening', 'relapse prevention'),
		{ ...stamp, id: 'recap-daytime', kind: 'recap', title: 'Recap: distress tolerance skills', groupId: 'daytime' },
		...perGroup('daytime', 'distress tolerance skills')
	];
}

/** One template of each assignment form, as a clinician would share them. */
function demoAssignments(at: string): AssignmentTemplate[] {
	const base = { updatedAt: at, updatedBy: CLINICIAN };
	return [
		{
			...base,
			id: 'thought-record',
			kind: 'cbt-thought-record',
			title: 'Thought record',
			instructions: 'Pick one moment this week when your mood dropped. Write what happened and what went through your mind.'
		},
		{
			...base,
			id: 'diary-card',
			kind: 'dbt-diary-card',
			title: 'Diary card',
			instructions: 'Fill in a line each evening: your urges and emotions from 0 to 5, and the skills you used.'
		},
		{
			...base,
			id: 'mindfulness-log',
			kind: 'mindfulness-log',
			title: 'Mindfulness practice log',
			instructions: 'Note each practice: the date, what you did and for how long.'
		}
	];
}

/**
 * Hashes the passwords (async), then writes everything inside `atomically`, so a
 * crash half-way leaves an empty database that the next start seeds again.
 */
export async function seedDemo(
	directory: Directory,
	store: DocumentStore,
	atomically: (write: () => void) => void,
	now: Date = new Date()
): Promise<void> {
	// one hash per account: each gets its own salt
	const hashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(DEMO_PASSWORD)));
	atomically(() => writeDemo(directory, store, hashes, now));
}

function writeDemo(directory: Directory, store: DocumentStore, hashes: string[], now: Date): void {
	const at = now.toISOString();
	const today = localDateOf(now.getTime(), ZONE);
	const programStart = addDays(today, -7 * 8);
	const groups = demoGroups(programStart, at);
	const ulid = monotonicFactory();

	directory.addProgram({ id: DEMO_PROGRAM, name: 'Steady Demo IOP', timeZone: ZONE });
	for (const p of PARTICIPANTS) directory.addParticipant({ id: p.id, programId: DEMO_PROGRAM, displayName: p.displayName });
	DEMO_ACCOUNTS.forEach((account, i) =>
		directory.addUser({ ...account, programId: DEMO_PROGRAM, passwordHash: hashes[i] as string })
	);
	for (const account of DEMO_PARTICIPANT_ACCOUNTS) directory.addUser({ ...account, programId: DEMO_PROGRAM, passwordHash: null });

	writeDoc(store, documentName('program', DEMO_PROGRAM), (doc) => {
		putSingleton(doc, 'program', 'info', {
			id: 'info',
			updatedAt: at,
			updatedBy: 'u-admin',
			name: 'Steady Demo IOP',
			timeZone: ZONE,
			backupPhone: '+1 555 0100',
			orientation: DEMO_ORIENTATION,
			techHelp: DEMO_TECH_HELP
		});
		putSingleton(doc, 'program', 'policy', defaultPolicy('policy', at, 'u-admin'));
		putSingleton(doc, 'program', 'riskRules', { id: 'riskRules', updatedAt: at, updatedBy: 'u-admin', ...structuredClone(DEFAULT_RISK_RULES) });
		for (const group of groups) putRecord(doc, 'program', 'groups', group);
		for (const item of demoMakeupCatalog(at)) putRecord(doc, 'program', 'makeupCatalog', item);
		for (const template of demoAssignments(at)) putRecord(doc, 'program', 'assignmentCatalog', template);
	});

	for (const p of PARTICIPANTS) {
		const startDate = addDays(today, -7 * p.weeksAgo);
		const past = expandSchedule(
			groups.filter((g) => g.id === p.groupId),
			[],
			ZONE,
			{ from: `${startDate}T00:00:00.000Z`, to: at }
		).filter((o) => o.end < at && o.localDate >= startDate);
		writeParticipantDocs(store, p, startDate, past, at, ulid);
	}
}

function writeParticipantDocs(
	store: DocumentStore,
	p: (typeof PARTICIPANTS)[number],
	startDate: string,
	past: Occurrence[],
	at: string,
	ulid: (seedTime?: number) => string
): void {
	const userId = `u-${p.id}`;
	writeDoc(store, documentName('care', p.id), (doc) => {
		putSingleton(doc, 'care', 'enrollment', {
			id: 'enrollment',
			updatedAt: at,
			updatedBy: CLINICIAN,
			participantId: p.id,
			programId: DEMO_PROGRAM,
			displayName: p.displayName,
			groupIds: [p.groupId],
			startDate,
			track: 'adult',
			plannedWeeklyHours: 9
		});
		// the clinician verified the two most recent sessions
		for (const o of past.slice(-2)) {
			const absent = pick(`${p.id}${o.id}`, 10) < 2;
			putRecord(doc, 'care', 'verifications', {
				id: ulid(Date.parse(o.end)),
				occurrenceId: o.id,
				attendance: absent ? 'absent' : 'present',
				excused: absent ? false : null,
				...(absent ? {} : { camera: true, verbal: true, engagement: 4, mode: 'video' as const }),
				// twenty minutes after the end, but never after the seed: a verification
				// from the future would outrank the ones the care team records now
				recordedAt: earlier(addMinutes(o.end, 20), at),
				recordedBy: CLINICIAN
			});
		}
	});

	writeDoc(store, documentName('private', p.id), () => {});

	writeDoc(store, documentName('self', p.id), (doc) => {
		putSingleton(doc, 'self', 'reminders', {
			id: 'reminders',
			updatedAt: at,
			updatedBy: userId,
			dayBefore: true,
			hourBefore: true
		});
		for (const o of past) {
			const roll = pick(`${p.id}${o.id}`, 10);
			if (roll === 0) {
				// told the team the day before
				const givenAt = addMinutes(o.start, -20 * 60);
				putRecord(doc, 'self', 'absences', {
					id: ulid(Date.parse(givenAt)),
					updatedAt: givenAt,
					updatedBy: userId,
					occurrenceId: o.id,
					reason: pick(o.id, 2) === 0 ? 'illness' : 'work-emergency',
					note: '',
					givenAt
				});
				continue;
			}
			if (roll === 1) continue; // a no-show
			const joinAfter = roll === 2 ? 15 : pick(`${o.id}join`, 6) - 3; // late, or on time
			const leaveBefore = roll === 3 ? 40 : pick(`${o.id}leave`, 4); // left early, or stayed
			const join = addMinutes(o.start, joinAfter);
			const leave = addMinutes(o.end, -leaveBefore);
			putRecord(doc, 'self', 'presence', { id: ulid(Date.parse(join)), occurrenceId: o.id, type: 'join', at: join });
			putRecord(doc, 'self', 'presence', { id: ulid(Date.parse(leave)), occurrenceId: o.id, type: 'leave', at: leave });
		}
	});
}
