/** Programs, participants and user accounts, as stored in SQLite. */
import type { Db } from './db.ts';
import type { Role } from './access.ts';

export interface User {
	id: string;
	/** staff always have one; participants who joined by invite have none */
	email?: string;
	role: Role;
	displayName: string;
	programId: string;
	participantId?: string;
	/** a deactivated user's devices are revoked and it cannot sign in */
	active: boolean;
}

export interface Participant {
	id: string;
	programId: string;
	displayName: string;
}

export interface NewUser extends Omit<User, 'active'> {
	/** null for participants: they sign in through invites and pairing codes */
	passwordHash: string | null;
}

export interface UserChanges {
	displayName?: string;
	programId?: string;
	active?: boolean;
}

interface UserRow {
	id: string;
	email: string | null;
	role: Role;
	display_name: string;
	program_id: string;
	participant_id: string | null;
	password_hash: string | null;
	active: number;
}

export interface Directory {
	addProgram(program: { id: string; name: string; timeZone: string }): void;
	addParticipant(participant: Participant): void;
	addUser(user: NewUser): void;
	userById(id: string): User | null;
	/** the user and their password hash (null for participants), for signing in */
	credentialsByEmail(email: string): { user: User; passwordHash: string | null } | null;
	passwordHashOf(userId: string): string | null;
	setPasswordHash(userId: string, hash: string): void;
	updateUser(userId: string, changes: UserChanges): void;
	/** admins and clinicians of the program */
	staffOfProgram(programId: string): User[];
	userOfParticipant(participantId: string): User | null;
	participant(id: string): Participant | null;
	participantsOfProgram(programId: string): Participant[];
	isEmpty(): boolean;
}

function toUser(row: UserRow): User {
	const user: User = {
		id: row.id,
		role: row.role,
		displayName: row.display_name,
		programId: row.program_id,
		active: row.active === 1
	};
	if (row.email !== null) user.email = row.email;
	if (row.participant_id !== null) user.participantId = row.participant_id;
	return user;
}

export function createDirectory(db: Db): Directory {
	const insertProgram = db.prepare('INSERT INTO programs (id, name, time_zone) VALUES (?, ?, ?)');
	const insertParticipant = db.prepare('INSERT INTO participants (id, program_id, display_name) VALUES (?, ?, ?)');
	const insertUser = db.prepare(
		'INSERT INTO users (id, email, password_hash, role, display_name, program_id, participant_id) VALUES (?, ?, ?, ?, ?, ?, ?)'
	);
	const selectUserById = db.prepare<[string], UserRow>('SELECT * FROM users WHERE id = ?');
	const selectUserByEmail = db.prepare<[string], UserRow>('SELECT * FROM users WHERE email = ?');
	const selectParticipant = db.prepare<[string], { id: string; program_id: string; display_name: string }>(
		'SELECT * FROM participants WHERE id = ?'
	);
	const selectParticipants = db.prepare<[string], { id: string; program_id: string; display_name: string }>(
		'SELECT * FROM participants WHERE program_id = ? ORDER BY display_name, id'
	);
	const countPrograms = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM programs');
	const selectStaff = db.prepare<[string], UserRow>(
		"SELECT * FROM users WHERE program_id = ? AND role IN ('admin', 'clinician') ORDER BY display_name, id"
	);
	const selectByParticipant = db.prepare<[string], UserRow>('SELECT * FROM users WHERE participant_id = ?');
	const updatePassword = db.prepare('UPDATE users SET password_hash = ? WHERE id = ?');
	const updateUser = db.prepare(
		'UPDATE users SET display_name = coalesce(?, display_name), program_id = coalesce(?, program_id), active = coalesce(?, active) WHERE id = ?'
	);
	const toParticipant = (row: { id: string; program_id: string; display_name: string }): Participant => ({
		id: row.id,
		programId: row.program_id,
		displayName: row.display_name
	});

	return {
		addProgram: (p) => void insertProgram.run(p.id, p.name, p.timeZone),
		addParticipant: (p) => void insertParticipant.run(p.id, p.programId, p.displayName),
		addUser: (u) =>
			void insertUser.run(u.id, u.email ?? null, u.passwordHash, u.role, u.displayName, u.programId, u.participantId ?? null),
		userById: (id) => {
			const row = selectUserById.get(id);
			return row ? toUser(row) : null;
		},
		credentialsByEmail: (email) => {
			const row = selectUserByEmail.get(email);
			return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
		},
		passwordHashOf: (userId) => selectUserById.get(userId)?.password_hash ?? null,
		setPasswordHash: (userId, hash) => void updatePassword.run(hash, userId),
		updateUser: (userId, c) =>
			void updateUser.run(c.displayName ?? null, c.programId ?? null, c.active === undefined ? null : c.active ? 1 : 0, userId),
		staffOfProgram: (programId) => selectStaff.all(programId).map(toUser),
		userOfParticipant: (participantId) => {
			const row = selectByParticipant.get(participantId);
			return row ? toUser(row) : null;
		},
		participant: (id) => {
			const row = selectParticipant.get(id);
			return row ? toParticipant(row) : null;
		},
		participantsOfProgram: (programId) => selectParticipants.all(programId).map(toParticipant),
		isEmpty: () => (countPrograms.get()?.n ?? 0) === 0
	};
}
