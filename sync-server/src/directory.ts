/** Programs, participants and user accounts, as stored in SQLite. */
import type { Db } from './db.ts';
import type { Role } from './access.ts';

export interface User {
	id: string;
	email: string;
	role: Role;
	displayName: string;
	programId: string;
	participantId?: string;
}

export interface Participant {
	id: string;
	programId: string;
	displayName: string;
}

export interface NewUser extends User {
	passwordHash: string;
}

interface UserRow {
	id: string;
	email: string;
	role: Role;
	display_name: string;
	program_id: string;
	participant_id: string | null;
	password_hash: string;
}

export interface Directory {
	addProgram(program: { id: string; name: string; timeZone: string }): void;
	addParticipant(participant: Participant): void;
	addUser(user: NewUser): void;
	userById(id: string): User | null;
	/** the user and their password hash, for signing in */
	credentialsByEmail(email: string): { user: User; passwordHash: string } | null;
	participant(id: string): Participant | null;
	participantsOfProgram(programId: string): Participant[];
	isEmpty(): boolean;
}

function toUser(row: UserRow): User {
	const user: User = {
		id: row.id,
		email: row.email,
		role: row.role,
		displayName: row.display_name,
		programId: row.program_id
	};
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
	const toParticipant = (row: { id: string; program_id: string; display_name: string }): Participant => ({
		id: row.id,
		programId: row.program_id,
		displayName: row.display_name
	});

	return {
		addProgram: (p) => void insertProgram.run(p.id, p.name, p.timeZone),
		addParticipant: (p) => void insertParticipant.run(p.id, p.programId, p.displayName),
		addUser: (u) =>
			void insertUser.run(u.id, u.email, u.passwordHash, u.role, u.displayName, u.programId, u.participantId ?? null),
		userById: (id) => {
			const row = selectUserById.get(id);
			return row ? toUser(row) : null;
		},
		credentialsByEmail: (email) => {
			const row = selectUserByEmail.get(email);
			return row ? { user: toUser(row), passwordHash: row.password_hash } : null;
		},
		participant: (id) => {
			const row = selectParticipant.get(id);
			return row ? toParticipant(row) : null;
		},
		participantsOfProgram: (programId) => selectParticipants.all(programId).map(toParticipant),
		isEmpty: () => (countPrograms.get()?.n ?? 0) === 0
	};
}
