/**
 * Every write is a named command: validated plain data in, one transaction out,
 * tagged with LOCAL_ORIGIN so observers can tell this device's edits from remote ones.
 */
import type * as Y from 'yjs';
import { ulid } from 'ulid';
import type { Instant, OccurrenceId } from '../domain/ids.ts';
import type { Enrollment, PresenceEvent, Verification } from '../domain/records.ts';
import { putRecord, putSingleton, readCollection, stampSchemaVersion } from './codec.ts';

export const LOCAL_ORIGIN = Symbol('steady:local');

export interface PresenceInput {
	occurrenceId: OccurrenceId;
	at: Instant;
	deviceId: string;
	/** see PresenceEvent.clockSkewMs */
	clockSkewMs?: number | null;
}

/** The participant joined a session's video call. */
export function checkIn(self: Y.Doc, input: PresenceInput): string {
	return appendPresence(self, { type: 'join', ...input });
}

/** The participant left the call. */
export function checkOut(self: Y.Doc, input: PresenceInput): string {
	return appendPresence(self, { type: 'leave', ...input });
}

/**
 * The device was closed during a session without a leave: written on the next start
 * at the last time the device knew it was alive plus the grace period.
 */
export function recordInferredLeave(self: Y.Doc, input: PresenceInput): string {
	return appendPresence(self, { type: 'leave', inferred: true, ...input });
}

function appendPresence(self: Y.Doc, event: Omit<PresenceEvent, 'id'>): string {
	const id = ulid();
	self.transact(() => {
		stampSchemaVersion(self);
		putRecord(self, 'self', 'presence', { id, ...event, at: afterOwnEvents(self, event) });
	}, LOCAL_ORIGIN);
	return id;
}

/**
 * A device's events for a session keep the order it made them in, even when its idea
 * of the time moves back (the server's clock learned afresh, a clock set by hand):
 * a join stamped before this device's own leave would read as never having rejoined.
 */
function afterOwnEvents(self: Y.Doc, event: Omit<PresenceEvent, 'id'>): string {
	let latest = Date.parse(event.at);
	let clamped = false;
	for (const own of readCollection(self, 'self', 'presence').records) {
		if (own.deviceId !== event.deviceId || own.occurrenceId !== event.occurrenceId) continue;
		const at = Date.parse(own.at);
		if (at >= latest) {
			latest = at + 1;
			clamped = true;
		}
	}
	return clamped ? new Date(latest).toISOString() : event.at;
}

/** A clinician enrols a participant, or changes the enrolment (groups, dates, plan). */
export function saveEnrollment(care: Y.Doc, enrollment: Enrollment): void {
	care.transact(() => {
		stampSchemaVersion(care);
		putSingleton(care, 'care', 'enrollment', enrollment);
	}, LOCAL_ORIGIN);
}

export type VerificationInput = Omit<Verification, 'id'>;

/**
 * A clinician verifies a participant's attendance for one session. Verifications
 * are appended, never replaced: every earlier version stays for the history.
 */
export function verifyAttendance(care: Y.Doc, input: VerificationInput): string {
	const id = ulid();
	care.transact(() => {
		stampSchemaVersion(care);
		putRecord(care, 'care', 'verifications', { id, ...input });
	}, LOCAL_ORIGIN);
	return id;
}
