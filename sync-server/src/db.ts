/**
 * Opens the one SQLite database and brings its schema up to date.
 *
 * Durability: WAL with synchronous=FULL. In WAL mode FULL syncs the WAL on every
 * commit, so what the server has acknowledged (STORED, an account, an audit row)
 * survives kill -9 and power loss; NORMAL would only survive a process crash.
 * Document updates are committed in batches by the store writer's thread
 * (storage.ts), one fsync per batch, so the server's thread never waits for them.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { chainAuditRows } from './audit-chain.ts';

export type Db = Database.Database;

/** A migration is SQL, or a function for the steps SQL cannot do (hashing). */
type Migration = string | ((db: Db) => void);

const MIGRATIONS: Migration[] = [
	`
	CREATE TABLE updates (
		seq INTEGER PRIMARY KEY AUTOINCREMENT,
		doc TEXT NOT NULL,
		data BLOB NOT NULL
	);
	CREATE INDEX updates_by_doc ON updates (doc, seq);

	CREATE TABLE programs (
		id TEXT PRIMARY KEY,
		name TEXT NOT NULL,
		time_zone TEXT NOT NULL
	);
	CREATE TABLE participants (
		id TEXT PRIMARY KEY,
		program_id TEXT NOT NULL REFERENCES programs (id),
		display_name TEXT NOT NULL
	);
	CREATE TABLE users (
		id TEXT PRIMARY KEY,
		email TEXT NOT NULL UNIQUE COLLATE NOCASE,
		password_hash TEXT NOT NULL,
		role TEXT NOT NULL CHECK (role IN ('admin', 'clinician', 'participant')),
		display_name TEXT NOT NULL,
		program_id TEXT NOT NULL REFERENCES programs (id),
		participant_id TEXT REFERENCES participants (id),
		CHECK ((role = 'participant') = (participant_id IS NOT NULL))
	);
	CREATE TABLE sessions (
		token_hash TEXT PRIMARY KEY,
		user_id TEXT NOT NULL REFERENCES users (id),
		created_at INTEGER NOT NULL,
		expires_at INTEGER NOT NULL
	);

	CREATE TABLE audit (
		id INTEGER PRIMARY KEY AUTOINCREMENT,
		at TEXT NOT NULL,
		event TEXT NOT NULL,
		user_id TEXT,
		document TEXT,
		detail TEXT,
		remote TEXT
	);
	CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
		BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
	CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
		BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
	`,
	// 2: devices replace sessions; participants have no password (and may have no
	// email); staff can be deactivated; invites and pairing codes; consents and
	// disclosures; failed sign-ins for growing delays; the audit trail gets a
	// device column and a hash chain over its existing rows.
	(db) => {
		db.exec(`
		DROP TABLE sessions;
		CREATE TABLE users_v2 (
			id TEXT PRIMARY KEY,
			email TEXT UNIQUE COLLATE NOCASE,
			password_hash TEXT,
			role TEXT NOT NULL CHECK (role IN ('admin', 'clinician', 'participant')),
			display_name TEXT NOT NULL,
			program_id TEXT NOT NULL REFERENCES programs (id),
			participant_id TEXT UNIQUE REFERENCES participants (id),
			active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
			CHECK ((role = 'participant') = (participant_id IS NOT NULL)),
			CHECK (role = 'participant' OR (email IS NOT NULL AND password_hash IS NOT NULL)),
			CHECK (role <> 'participant' OR password_hash IS NULL)
		);
		INSERT INTO users_v2 (id, email, password_hash, role, display_name, program_id, participant_id)
			SELECT id, email, CASE WHEN role = 'participant' THEN NULL ELSE password_hash END,
				role, display_name, program_id, participant_id FROM users;
		DROP TABLE users;
		ALTER TABLE users_v2 RENAME TO users;
		CREATE INDEX users_by_program ON users (program_id);

		CREATE TABLE devices (
			id TEXT PRIMARY KEY,
			user_id TEXT NOT NULL REFERENCES users (id),
			name TEXT NOT NULL,
			token_hash TEXT NOT NULL UNIQUE,
			created_at INTEGER NOT NULL,
			last_seen_at INTEGER NOT NULL,
			revoked_at INTEGER
		);
		CREATE INDEX devices_by_user ON devices (user_id);

		CREATE TABLE codes (
			code_hash TEXT PRIMARY KEY,
			kind TEXT NOT NULL CHECK (kind IN ('invite', 'pairing')),
			participant_id TEXT NOT NULL REFERENCES participants (id),
			created_by TEXT,
			created_at INTEGER NOT NULL,
			expires_at INTEGER NOT NULL,
			used_at INTEGER,
			voided_at INTEGER
		);
		CREATE INDEX codes_by_participant ON codes (participant_id, kind);

		CREATE TABLE consents (
			id TEXT PRIMARY KEY,
			participant_id TEXT NOT NULL REFERENCES participants (id),
			kind TEXT NOT NULL CHECK (kind IN ('care-team', 'disclosure')),
			recipient TEXT NOT NULL,
			purpose TEXT NOT NULL,
			granted_at INTEGER NOT NULL,
			granted_by_device TEXT,
			revoked_at INTEGER
		);
		CREATE INDEX consents_by_participant ON consents (participant_id);

		CREATE TABLE disclosures (
			id TEXT PRIMARY KEY,
			participant_id TEXT NOT NULL REFERENCES participants (id),
			consent_id TEXT NOT NULL REFERENCES consents (id),
			recipient TEXT NOT NULL,
			purpose TEXT NOT NULL,
			what TEXT NOT NULL,
			by_user TEXT NOT NULL,
			by_device TEXT,
			at INTEGER NOT NULL
		);

		CREATE TABLE sign_in_failures (
			key TEXT NOT NULL,
			at INTEGER NOT NULL
		);
		CREATE INDEX sign_in_failures_by_key ON sign_in_failures (key, at);

		DROP TRIGGER audit_no_update;
		DROP TRIGGER audit_no_delete;
		ALTER TABLE audit ADD COLUMN device_id TEXT;
		ALTER TABLE audit ADD COLUMN prev_hash TEXT;
		ALTER TABLE audit ADD COLUMN hash TEXT;
		CREATE INDEX audit_by_at ON audit (at);
		`);
		chainAuditRows(db);
		db.exec(`
		CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
			BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
		CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
			BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
		`);
	},
	// 3: calendar feed links (only the token's SHA-256); a new link revokes the old.
	`
	CREATE TABLE calendar_feeds (
		id TEXT PRIMARY KEY,
		participant_id TEXT NOT NULL REFERENCES participants (id),
		token_hash TEXT NOT NULL UNIQUE,
		created_at INTEGER NOT NULL,
		revoked_at INTEGER
	);
	CREATE INDEX calendar_feeds_by_participant ON calendar_feeds (participant_id);
	`,
	// 4: a checksum per stored update, so a damaged row is found even where its bytes
	// still decode; rows that are damaged move aside to be looked at, never deleted
	`
	ALTER TABLE updates ADD COLUMN checksum TEXT;
	CREATE TABLE damaged_updates (
		seq INTEGER PRIMARY KEY,
		doc TEXT NOT NULL,
		data BLOB NOT NULL,
		problem TEXT NOT NULL,
		found_at TEXT NOT NULL
	);
	`
];

export const DB_FILE = 'steady.sqlite';

/**
 * A transaction that takes the write lock as it begins (BEGIN IMMEDIATE). The store
 * writer's thread commits on its own connection at any moment: a transaction that
 * read first would find its snapshot stale when it came to write and fail at once
 * (SQLITE_BUSY, which no busy timeout waits out). This one waits for the writer.
 * Every transaction on the server's thread that writes goes through here.
 */
export function writeTransaction<A extends unknown[], R>(db: Db, fn: (...args: A) => R): (...args: A) => R {
	return db.transaction(fn).immediate;
}

export function openDatabase(dataDir: string): Db {
	fs.mkdirSync(dataDir, { recursive: true });
	const db = new Database(path.join(dataDir, DB_FILE));
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = FULL');
	db.pragma('foreign_keys = ON');
	db.pragma('busy_timeout = 5000');
	migrate(db);
	return db;
}

/** Brings the schema to `target` (default: the latest); each step in its own transaction. */
export function migrate(db: Db, target = MIGRATIONS.length): void {
	const current = db.pragma('user_version', { simple: true }) as number;
	for (let version = current; version < target; version++) {
		const migration = MIGRATIONS[version] as Migration;
		db.transaction(() => {
			if (typeof migration === 'string') db.exec(migration);
			else migration(db);
			db.pragma(`user_version = ${version + 1}`);
		})();
	}
}
