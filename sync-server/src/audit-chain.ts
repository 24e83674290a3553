/**
 * The audit trail's hash chain: each row's `hash` is
 * SHA-256(previous row's hash + canonical JSON of the row's fields), the first
 * row's previous hash being 64 zeros. An edited row no longer matches its hash;
 * a deleted or inserted row breaks the link (or the id sequence) after it.
 *
 * Canonical JSON: the fields below with their keys in alphabetical order, absent
 * values as null. Ids are consecutive (1, 2, 3, ...), so a gap is a deleted row.
 *
 * The chain shows tampering by anyone who does not also rewrite every later hash;
 * someone with write access to the file can recompute it, so keep a copy of the
 * latest hash elsewhere (an export, a log) to anchor it.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';

type Db = Database.Database;

export const GENESIS_HASH = '0'.repeat(64);

export interface ChainFields {
	id: number;
	at: string;
	event: string;
	userId: string | null;
	deviceId: string | null;
	document: string | null;
	detail: string | null;
	remote: string | null;
}

export interface StoredAuditRow {
	id: number;
	at: string;
	event: string;
	user_id: string | null;
	device_id: string | null;
	document: string | null;
	detail: string | null;
	remote: string | null;
	prev_hash: string | null;
	hash: string | null;
}

export function canonicalJson(row: ChainFields): string {
	return JSON.stringify({
		at: row.at,
		detail: row.detail,
		deviceId: row.deviceId,
		document: row.document,
		event: row.event,
		id: row.id,
		remote: row.remote,
		userId: row.userId
	});
}

export function rowHash(prevHash: string, row: ChainFields): string {
	return createHash('sha256').update(prevHash).update(canonicalJson(row)).digest('hex');
}

export function fieldsOf(row: StoredAuditRow): ChainFields {
	return {
		id: row.id,
		at: row.at,
		event: row.event,
		userId: row.user_id,
		deviceId: row.device_id,
		document: row.document,
		detail: row.detail,
		remote: row.remote
	};
}

/** Migration helper: computes the chain over rows written before it existed. */
export function chainAuditRows(db: Db): void {
	const rows = db.prepare<[], StoredAuditRow>('SELECT * FROM audit ORDER BY id').all();
	const update = db.prepare('UPDATE audit SET id = ?, prev_hash = ?, hash = ? WHERE id = ?');
	let prev = GENESIS_HASH;
	rows.forEach((row, i) => {
		const id = i + 1;
		const hash = rowHash(prev, { ...fieldsOf(row), id });
		update.run(id, prev, hash, row.id);
		prev = hash;
	});
}

export type VerifyResult = { ok: true; rows: number } | { ok: false; rows: number; badRowId: number; problem: string };

/** Walks the whole trail in id order; stops at the first row that does not fit. */
export function verifyChain(db: Db): VerifyResult {
	let prev = GENESIS_HASH;
	let expectedId = 1;
	let count = 0;
	for (const row of db.prepare<[], StoredAuditRow>('SELECT * FROM audit ORDER BY id').iterate()) {
		count++;
		const fail = (problem: string): VerifyResult => ({ ok: false, rows: count, badRowId: row.id, problem });
		if (row.id !== expectedId) {
			return fail(
				row.id > expectedId
					? `row ${expectedId}${row.id - expectedId > 1 ? ` to ${row.id - 1}` : ''} is missing (deleted)`
					: 'its id is out of sequence'
			);
		}
		if (row.prev_hash !== prev) return fail('its previous hash does not match the row before it (a row was deleted or inserted)');
		if (row.hash !== rowHash(prev, fieldsOf(row))) return fail('its hash does not match its fields (the row was edited)');
		prev = row.hash;
		expectedId++;
	}
	return { ok: true, rows: count };
}
