/**
 * Opens the one SQLite database and brings its schema up to date.
 *
 * Durability: WAL with synchronous=FULL. In WAL mode FULL syncs the WAL on every
 * commit, so an update the server has acknowledged (STORED, or simply relayed)
 * survives kill -9 and power loss; NORMAL would only survive a process crash.
 * The cost is one fsync per stored update, which is fine for IOP traffic.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

const MIGRATIONS: string[] = [
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
	`
];

export const DB_FILE = 'steady.sqlite';

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

function migrate(db: Db): void {
	const current = db.pragma('user_version', { simple: true }) as number;
	for (let version = current; version < MIGRATIONS.length; version++) {
		db.transaction(() => {
			db.exec(MIGRATIONS[version] as string);
			db.pragma(`user_version = ${version + 1}`);
		})();
	}
}
