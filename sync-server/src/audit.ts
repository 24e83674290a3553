/**
 * The append-only audit trail (DESIGN §3): sign-ins, failures, document opens,
 * denials. Triggers in the schema refuse UPDATE and DELETE. Never health data.
 */
import type { Db } from './db.ts';

export type AuditEvent =
	| 'sign-in'
	| 'sign-in-failed'
	| 'sign-out'
	| 'document-open-read'
	| 'document-open-write'
	| 'document-denied'
	| 'connection-refused';

export interface AuditEntry {
	event: AuditEvent;
	userId?: string | null;
	document?: string | null;
	detail?: string | null;
	remote?: string | null;
}

export interface AuditRow extends Required<AuditEntry> {
	id: number;
	at: string;
}

export interface Audit {
	record(entry: AuditEntry): void;
	/** newest last; for tests and an admin view */
	list(limit?: number): AuditRow[];
}

export function createAudit(db: Db, now: () => Date = () => new Date()): Audit {
	const insert = db.prepare(
		'INSERT INTO audit (at, event, user_id, document, detail, remote) VALUES (?, ?, ?, ?, ?, ?)'
	);
	const select = db.prepare<[number], { id: number; at: string; event: AuditEvent; user_id: string | null; document: string | null; detail: string | null; remote: string | null }>(
		'SELECT * FROM (SELECT * FROM audit ORDER BY id DESC LIMIT ?) ORDER BY id'
	);
	return {
		record(entry) {
			insert.run(
				now().toISOString(),
				entry.event,
				entry.userId ?? null,
				entry.document ?? null,
				entry.detail ?? null,
				entry.remote ?? null
			);
		},
		list(limit = 1000) {
			return select.all(limit).map((row) => ({
				id: row.id,
				at: row.at,
				event: row.event,
				userId: row.user_id,
				document: row.document,
				detail: row.detail,
				remote: row.remote
			}));
		}
	};
}
