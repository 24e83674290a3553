/**
 * The append-only audit trail (DESIGN §3): who, which device, when, from where.
 * Triggers in the schema refuse UPDATE and DELETE, and every row is chained to the
 * one before it by a hash (audit-chain.ts), checked by `npm run audit:verify`.
 * Never health data: document names, reason codes and disclosure descriptions only.
 */
import { writeTransaction, type Db } from './db.ts';
import { fieldsOf, GENESIS_HASH, rowHash, type ChainFields, type StoredAuditRow } from './audit-chain.ts';

export type AuditEvent =
	| 'sign-in'
	| 'sign-in-failed'
	| 'sign-in-throttled'
	| 'sign-out'
	| 'document-open-read'
	| 'document-open-write'
	| 'document-denied'
	| 'connection-refused'
	| 'connection-limited'
	| 'ticket-refused'
	| 'invite-created'
	| 'invite-redeemed'
	| 'pairing-code-created'
	| 'redeem-failed'
	| 'device-bound'
	| 'device-revoked'
	| 'password-changed'
	| 'password-change-failed'
	| 'participant-created'
	| 'staff-created'
	| 'staff-changed'
	| 'consent-recorded'
	| 'consent-revoked'
	| 'disclosure'
	| 'disclosure-refused'
	| 'audit-exported'
	| 'calendar-link-created'
	| 'calendar-link-revoked'
	| 'calendar-downloaded'
	| 'storage-damaged';

export interface AuditEntry {
	event: AuditEvent;
	userId?: string | null;
	deviceId?: string | null;
	document?: string | null;
	detail?: string | null;
	remote?: string | null;
}

export type AuditRow = ChainFields;

export interface AuditQuery {
	/** ISO instants, inclusive */
	from?: string;
	to?: string;
	event?: string;
	userId?: string;
	/**
	 * Only rows of this program: rows of its users, and rows without a user (the
	 * server's own, e.g. `storage-damaged`) about one of its documents.
	 */
	programId?: string;
	limit?: number;
}

export interface Audit {
	record(entry: AuditEntry): void;
	/** newest last */
	list(limit?: number): AuditRow[];
	/** filtered, oldest first, at most `limit` (default 1000) of the newest matches */
	query(query: AuditQuery): AuditRow[];
}

/**
 * A row's document is the program's (`program:<id>`) or one of its participants'
 * (`self:`, `care:`, `private:<participantId>`); found from the name at query time,
 * so the chained rows stay as they were written. Takes the program id twice.
 */
const PROGRAM_DOCUMENT =
	"(a.document = 'program:' || ? OR (substr(a.document, 1, instr(a.document, ':') - 1) IN ('self', 'care', 'private') " +
	"AND substr(a.document, instr(a.document, ':') + 1) IN (SELECT id FROM participants WHERE program_id = ?)))";

export function createAudit(db: Db, now: () => number = Date.now): Audit {
	const last = db.prepare<[], { id: number; hash: string }>('SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1');
	const insert = db.prepare(
		'INSERT INTO audit (id, at, event, user_id, device_id, document, detail, remote, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)'
	);
	const recent = db.prepare<[number], StoredAuditRow>('SELECT * FROM (SELECT * FROM audit ORDER BY id DESC LIMIT ?) ORDER BY id');

	const append = writeTransaction(db, (entry: AuditEntry) => {
		const previous = last.get();
		const fields: ChainFields = {
			id: (previous?.id ?? 0) + 1,
			at: new Date(now()).toISOString(),
			event: entry.event,
			userId: entry.userId ?? null,
			deviceId: entry.deviceId ?? null,
			document: entry.document ?? null,
			detail: entry.detail ?? null,
			remote: entry.remote ?? null
		};
		const prevHash = previous?.hash ?? GENESIS_HASH;
		insert.run(
			fields.id,
			fields.at,
			fields.event,
			fields.userId,
			fields.deviceId,
			fields.document,
			fields.detail,
			fields.remote,
			prevHash,
			rowHash(prevHash, fields)
		);
	});

	return {
		record: (entry) => append(entry),
		list: (limit = 1000) => recent.all(limit).map((row) => fieldsOf(row)),
		query(q) {
			const where: string[] = [];
			const params: Array<string | number> = [];
			const filter = (clause: string, value: string | undefined) => {
				if (value === undefined || value === '') return;
				where.push(clause);
				params.push(value);
			};
			filter('a.at >= ?', q.from);
			filter('a.at <= ?', q.to);
			filter('a.event = ?', q.event);
			filter('a.user_id = ?', q.userId);
			if (q.programId !== undefined && q.programId !== '') {
				where.push(`(a.user_id IN (SELECT id FROM users WHERE program_id = ?) OR (a.user_id IS NULL AND ${PROGRAM_DOCUMENT}))`);
				params.push(q.programId, q.programId, q.programId);
			}
			const sql =
				`SELECT * FROM (SELECT a.* FROM audit a ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ` +
				'ORDER BY a.id DESC LIMIT ?) ORDER BY id';
			return db
				.prepare<Array<string | number>, StoredAuditRow>(sql)
				.all(...params, q.limit ?? 1000)
				.map((row) => fieldsOf(row));
		}
	};
}
