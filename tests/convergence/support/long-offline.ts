/**
 * A participant's phone offline for 14 days while a month goes on elsewhere: the
 * participant's laptop checks in and out of every session (with flaky
 * connections), clinicians verify sessions (some twice), approve a leave and skip a
 * session, the program cancels one. The phone meanwhile records its own check-ins.
 * Then the phone syncs all three documents in one go, as it does on reconnecting
 * (state vector, then the missing updates both ways).
 *
 * `scale` multiplies the presence events per session (1 for CI, more for the bench).
 */
import * as Y from 'yjs';
import { putRecord, stampSchemaVersion } from '../../../src/lib/doc/codec.ts';
import { checkIn, checkOut, LOCAL_ORIGIN, verifyAttendance } from '../../../src/lib/doc/commands.ts';
import { expandSchedule } from '../../../src/lib/domain/schedule.ts';
import { baseState, deriveParticipant, GROUPS, ZONE } from './world.ts';

type Kind = 'program' | 'self' | 'care';
const KINDS: Kind[] = ['program', 'self', 'care'];
export const MONTH = { from: '2026-02-16T05:00:00.000Z', to: '2026-03-16T04:00:00.000Z' };
export const MONTH_WEEKS = { from: '2026-02-16', to: '2026-03-15' };
export const AFTER = '2026-03-16T12:00:00.000Z';
/** the phone is offline from here to the end of the month */
export const OFFLINE_FROM = '2026-03-02T05:00:00.000Z';

const minutes = (instant: string, n: number) => new Date(Date.parse(instant) + n * 60_000).toISOString();

function replicas(base: Record<Kind, Uint8Array>, clientId: number): Record<Kind, Y.Doc> {
	return Object.fromEntries(
		KINDS.map((kind, i) => {
			const doc = new Y.Doc();
			doc.clientID = clientId * 10 + i;
			Y.applyUpdate(doc, base[kind]);
			return [kind, doc];
		})
	) as Record<Kind, Y.Doc>;
}

/** Every write of `from` reaches `to` at once (the devices that stayed online). */
function link(from: Y.Doc, to: Y.Doc): void {
	from.on('update', (update: Uint8Array) => Y.applyUpdate(to, update));
}

/** One sync of each document both ways, as on reconnecting: what each side lacks, by state vector. */
function exchange(phone: Record<Kind, Y.Doc>, online: Record<Kind, Y.Doc>): { toPhone: number; fromPhone: number } {
	const bytes = { toPhone: 0, fromPhone: 0 };
	for (const kind of KINDS) {
		const toPhone = Y.encodeStateAsUpdate(online[kind], Y.encodeStateVector(phone[kind]));
		const fromPhone = Y.encodeStateAsUpdate(phone[kind], Y.encodeStateVector(online[kind]));
		bytes.toPhone += toPhone.byteLength;
		bytes.fromPhone += fromPhone.byteLength;
		Y.applyUpdate(phone[kind], toPhone);
		Y.applyUpdate(online[kind], fromPhone);
	}
	return bytes;
}

export interface LongOfflineResult {
	mergeMs: number;
	heapDeltaMiB: number;
	bytes: { toPhone: number; fromPhone: number };
	events: number;
	phone: ReturnType<typeof deriveParticipant>;
	online: ReturnType<typeof deriveParticipant>;
	/** what the test expects of particular sessions */
	phoneOnly: string[];
	verifiedAbsent: string[];
	skipped: string;
	cancelled: string;
}

export function longOffline(scale = 1): LongOfflineResult {
	const base = baseState();
	const online = replicas(base, 2); // what the server and every online device hold
	const laptop = replicas(base, 3);
	const clinician = replicas(base, 4);
	const phone = replicas(base, 5);
	for (const kind of KINDS) {
		link(laptop[kind], online[kind]);
		link(clinician[kind], online[kind]);
		link(online[kind], clinician[kind]);
	}
	// both groups, for a busier month
	clinician.care.transact(() => {
		const enrollment = clinician.care.getMap('settings').get('enrollment') as Record<string, unknown>;
		clinician.care.getMap('settings').set('enrollment', { ...enrollment, groupIds: ['evening', 'daytime'], startDate: '2026-02-01' });
	}, LOCAL_ORIGIN);

	const sessions = expandSchedule(GROUPS, [], ZONE, MONTH);
	const offline = sessions.filter((s) => s.start >= OFFLINE_FROM);
	const phoneOnly = offline.filter((_, i) => i % 2 === 0).map((s) => s.id);
	const verifiedAbsent = sessions.filter((_, i) => i % 7 === 3 && !phoneOnly.includes(sessions[i]!.id)).map((s) => s.id);
	const skipped = offline.find((s) => !phoneOnly.includes(s.id) && !verifiedAbsent.includes(s.id))!;
	const cancelled = sessions.find((s) => s.start < OFFLINE_FROM && !verifiedAbsent.includes(s.id))!;
	let events = 0;
	let wentOffline = false;

	for (const session of sessions) {
		if (!wentOffline && session.start >= OFFLINE_FROM) {
			// the phone was up to date when it went offline
			exchange(phone, online);
			wentOffline = true;
		}
		const attendedBy = phoneOnly.includes(session.id) ? phone : verifiedAbsent.includes(session.id) ? null : laptop;
		if (attendedBy) {
			const deviceId = attendedBy === phone ? 'phone' : 'laptop';
			// a flaky connection: in and out, `scale` times 4 pairs a session
			const pairs = 4 * scale;
			const step = Math.floor(session.durationMinutes / pairs);
			for (let p = 0; p < pairs; p++) {
				checkIn(attendedBy.self, { occurrenceId: session.id, at: minutes(session.start, p * step), deviceId, clockSkewMs: 0 });
				checkOut(attendedBy.self, { occurrenceId: session.id, at: minutes(session.start, p * step + step - 1), deviceId, clockSkewMs: 0 });
				events += 2;
			}
		}
		if (verifiedAbsent.includes(session.id)) {
			for (const excused of [null, false]) {
				verifyAttendance(clinician.care, { occurrenceId: session.id, attendance: 'absent', excused, recordedAt: minutes(session.end, excused === null ? 30 : 60), recordedBy: 'u-clin' });
			}
		}
	}
	clinician.care.transact(() => {
		stampSchemaVersion(clinician.care);
		putRecord(clinician.care, 'care', 'adjustments', {
			id: 'skip-1',
			updatedAt: OFFLINE_FROM,
			updatedBy: 'u-clin',
			kind: 'skip-occurrence',
			occurrenceId: skipped.id,
			from: skipped.localDate,
			reason: 'medical appointment'
		});
		putRecord(clinician.care, 'care', 'leaves', { id: 'leave-1', updatedAt: OFFLINE_FROM, updatedBy: 'u-clin', from: '2026-03-03', to: '2026-03-04', reason: 'family' });
	}, LOCAL_ORIGIN);
	clinician.program.transact(() => {
		putRecord(clinician.program, 'program', 'exceptions', { id: 'cancel-1', updatedAt: OFFLINE_FROM, updatedBy: 'u-clin', kind: 'cancelled', occurrenceId: cancelled.id, reason: 'holiday' });
	}, LOCAL_ORIGIN);

	// the phone comes back: one exchange per document, both ways
	globalThis.gc?.();
	const heapBefore = process.memoryUsage().heapUsed;
	const started = performance.now();
	const bytes = exchange(phone, online);
	const phoneView = deriveParticipant(phone, AFTER, MONTH, MONTH_WEEKS);
	const mergeMs = performance.now() - started;
	const heapDeltaMiB = (process.memoryUsage().heapUsed - heapBefore) / (1024 * 1024);
	return {
		mergeMs,
		heapDeltaMiB,
		bytes,
		events,
		phone: phoneView,
		online: deriveParticipant(online, AFTER, MONTH, MONTH_WEEKS),
		phoneOnly,
		verifiedAbsent,
		skipped: skipped.id,
		cancelled: cancelled.id
	};
}
