/**
 * Consent under 42 CFR Part 2, and the disclosures made under it. A disclosure
 * outside the care team needs an unrevoked `disclosure` consent naming the
 * recipient (compared trimmed and case-insensitively). Rows are never deleted:
 * a revocation sets `revoked_at`.
 */
import { ulid } from 'ulid';
import type { Db } from './db.ts';

export type ConsentKind = 'care-team' | 'disclosure';

export interface Consent {
	id: string;
	kind: ConsentKind;
	recipient: string;
	purpose: string;
	grantedAt: string;
	revokedAt?: string;
}

export interface Disclosure {
	id: string;
	participantId: string;
	consentId: string;
	recipient: string;
	purpose: string;
	what: string;
	byUserId: string;
	at: string;
}

interface ConsentRow {
	id: string;
	participant_id: string;
	kind: ConsentKind;
	recipient: string;
	purpose: string;
	granted_at: number;
	revoked_at: number | null;
}

export interface Consents {
	list(participantId: string): Consent[];
	/** the consent and its participant, or null */
	get(id: string): { consent: Consent; participantId: string } | null;
	record(participantId: string, input: { kind: ConsentKind; recipient: string; purpose: string }, deviceId: string): Consent;
	/** true when it was in force and is now revoked */
	revoke(id: string): boolean;
	hasCareTeam(participantId: string): boolean;
	/** the unrevoked disclosure consent naming this recipient, if any */
	disclosureConsentFor(participantId: string, recipient: string): Consent | null;
	disclose(input: Omit<Disclosure, 'id' | 'at'>, deviceId: string): Disclosure;
}

const iso = (ms: number) => new Date(ms).toISOString();

function toConsent(row: ConsentRow): Consent {
	const consent: Consent = { id: row.id, kind: row.kind, recipient: row.recipient, purpose: row.purpose, grantedAt: iso(row.granted_at) };
	if (row.revoked_at !== null) consent.revokedAt = iso(row.revoked_at);
	return consent;
}

export const sameRecipient = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

export function createConsents(db: Db, now: () => number = Date.now): Consents {
	const list = db.prepare<[string], ConsentRow>('SELECT * FROM consents WHERE participant_id = ? ORDER BY granted_at, id');
	const byId = db.prepare<[string], ConsentRow>('SELECT * FROM consents WHERE id = ?');
	const insert = db.prepare(
		'INSERT INTO consents (id, participant_id, kind, recipient, purpose, granted_at, granted_by_device) VALUES (?, ?, ?, ?, ?, ?, ?)'
	);
	const revoke = db.prepare('UPDATE consents SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
	const active = db.prepare<[string, ConsentKind], ConsentRow>(
		'SELECT * FROM consents WHERE participant_id = ? AND kind = ? AND revoked_at IS NULL ORDER BY granted_at DESC, id DESC'
	);
	const insertDisclosure = db.prepare(
		'INSERT INTO disclosures (id, participant_id, consent_id, recipient, purpose, what, by_user, by_device, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)'
	);

	return {
		list: (participantId) => list.all(participantId).map(toConsent),
		get(id) {
			const row = byId.get(id);
			return row ? { consent: toConsent(row), participantId: row.participant_id } : null;
		},
		record(participantId, input, deviceId) {
			const at = now();
			const id = `c-${ulid(at)}`;
			insert.run(id, participantId, input.kind, input.recipient.trim(), input.purpose.trim(), at, deviceId);
			return toConsent(byId.get(id) as ConsentRow);
		},
		revoke: (id) => revoke.run(now(), id).changes > 0,
		hasCareTeam: (participantId) => active.all(participantId, 'care-team').length > 0,
		disclosureConsentFor(participantId, recipient) {
			const row = active.all(participantId, 'disclosure').find((r) => sameRecipient(r.recipient, recipient));
			return row ? toConsent(row) : null;
		},
		disclose(input, deviceId) {
			const at = now();
			const disclosure: Disclosure = { ...input, recipient: input.recipient.trim(), id: `x-${ulid(at)}`, at: iso(at) };
			insertDisclosure.run(
				disclosure.id,
				disclosure.participantId,
				disclosure.consentId,
				disclosure.recipient,
				disclosure.purpose,
				disclosure.what,
				disclosure.byUserId,
				deviceId,
				at
			);
			return disclosure;
		}
	};
}
