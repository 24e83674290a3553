/**
 * One-time codes that bind a participant's device (docs/API.md, "Participants
 * join by invite"): invites made by a clinician (7 days) and pairing codes shown
 * on a participant's device to add another one (10 minutes). Eight characters
 * from an alphabet without look-alikes (no 0/O, 1/I/L), shown as ABCD-EFGH;
 * typed with or without the dash, in any case. Only the code's SHA-256 is stored.
 * A new code voids the participant's earlier open codes of the same kind.
 */
import { randomInt } from 'node:crypto';
import { sha256 } from './auth.ts';
import { writeTransaction, type Db } from './db.ts';

export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const INVITE_MS = 7 * 24 * 3600 * 1000;
export const PAIRING_MS = 10 * 60 * 1000;

export type CodeKind = 'invite' | 'pairing';

export interface IssuedCode {
	/** ABCD-EFGH */
	code: string;
	expiresAt: string;
}

export interface Codes {
	/** `createdBy`: the user who asked, null for the demo's codes at start */
	issue(kind: CodeKind, participantId: string, createdBy: string | null): IssuedCode;
	/** uses the code once: the participant it was for, or null (unknown, used, void or expired) */
	redeem(typed: string): { participantId: string; kind: CodeKind } | null;
	/** voids every open code of the participant, e.g. when a device of theirs is revoked */
	voidAllOf(participantId: string): void;
}

export function normalizeCode(typed: string): string {
	return typed.replace(/[\s-]+/g, '').toUpperCase();
}

export function createCodes(db: Db, now: () => number = Date.now): Codes {
	const insert = db.prepare(
		'INSERT INTO codes (code_hash, kind, participant_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)'
	);
	const voidOpen = db.prepare(
		'UPDATE codes SET voided_at = ? WHERE participant_id = ? AND kind = ? AND used_at IS NULL AND voided_at IS NULL'
	);
	const select = db.prepare<[string], { participant_id: string; kind: CodeKind; expires_at: number; used_at: number | null; voided_at: number | null }>(
		'SELECT participant_id, kind, expires_at, used_at, voided_at FROM codes WHERE code_hash = ?'
	);
	const use = db.prepare('UPDATE codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL');
	const voidAll = db.prepare('UPDATE codes SET voided_at = ? WHERE participant_id = ? AND used_at IS NULL AND voided_at IS NULL');

	const issue = writeTransaction(db, (kind: CodeKind, participantId: string, createdBy: string | null): IssuedCode => {
		const at = now();
		let raw = '';
		for (let i = 0; i < 8; i++) raw += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
		const expiresAt = at + (kind === 'invite' ? INVITE_MS : PAIRING_MS);
		voidOpen.run(at, participantId, kind);
		insert.run(sha256(raw), kind, participantId, createdBy, at, expiresAt);
		return { code: `${raw.slice(0, 4)}-${raw.slice(4)}`, expiresAt: new Date(expiresAt).toISOString() };
	});

	const redeem = writeTransaction(db, (typed: string) => {
		const raw = normalizeCode(typed);
		if (raw.length !== 8) return null;
		const hash = sha256(raw);
		const row = select.get(hash);
		if (!row || row.used_at !== null || row.voided_at !== null || row.expires_at <= now()) return null;
		if (use.run(now(), hash).changes === 0) return null;
		return { participantId: row.participant_id, kind: row.kind };
	});

	return {
		issue: (kind, participantId, createdBy) => issue(kind, participantId, createdBy),
		redeem: (typed) => redeem(typed),
		voidAllOf: (participantId) => void voidAll.run(now(), participantId)
	};
}
