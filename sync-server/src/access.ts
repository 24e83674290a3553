/**
 * Who may read or write which document (DESIGN §2). Pure: the caller looks up the
 * participant the document belongs to and passes its program (null when unknown).
 *
 * | document          | write                       | read                              |
 * |-------------------|-----------------------------|-----------------------------------|
 * | program:<p>       | admins, clinicians of p     | participants of p                 |
 * | self:<x>          | participant x               | clinicians of x's program         |
 * | care:<x>          | clinicians of x's program   | participant x                     |
 * | private:<x>       | clinicians of x's program   | nobody else                       |
 */
import type { DocumentName } from '../../src/lib/domain/document-names.ts';

export type Role = 'admin' | 'clinician' | 'participant';
export type Access = 'write' | 'read' | 'none';

export interface Principal {
	role: Role;
	programId: string;
	/** set for participants only */
	participantId?: string;
}

/** `participantProgramId`: the program of participant `doc.id`, null if no such participant. */
export function accessFor(who: Principal, doc: DocumentName, participantProgramId: string | null): Access {
	if (doc.kind === 'program') {
		if (doc.id !== who.programId) return 'none';
		return who.role === 'participant' ? 'read' : 'write';
	}
	if (participantProgramId === null) return 'none';
	const isThatParticipant = who.role === 'participant' && who.participantId === doc.id && who.programId === participantProgramId;
	const isTheirClinician = who.role === 'clinician' && who.programId === participantProgramId;
	switch (doc.kind) {
		case 'self':
			return isThatParticipant ? 'write' : isTheirClinician ? 'read' : 'none';
		case 'care':
			return isTheirClinician ? 'write' : isThatParticipant ? 'read' : 'none';
		case 'private':
			return isTheirClinician ? 'write' : 'none';
	}
}

/** Reason codes sent in DENIED frames, and the words people see for them. */
export const DENIAL = {
	'unknown-document': 'There is no such document. Check the link or reload the app.',
	forbidden: 'Your account does not have access to this document. Ask your care team if you think it should.',
	'too-many-documents': 'This device has too many documents open at once. Close some and try again.'
} as const;
export type DenialReason = keyof typeof DENIAL;
