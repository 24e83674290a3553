/**
 * Documents as the server has stored them, read as validated plain data for
 * exports: everything committed, which is everything any device was told is
 * STORED (an update queued a moment ago may follow in the next export).
 */
import * as Y from 'yjs';
import { readCare, readProgram, readSelf } from '../../src/lib/doc/read.ts';
import { documentName } from '../../src/lib/domain/document-names.ts';
import type { ExportParticipant, ExportProgram } from '../../src/lib/domain/export-data.ts';
import { DEFAULT_POLICY } from '../../src/lib/domain/policy.ts';
import type { Group, ReminderPrefs, SurveyResponse } from '../../src/lib/domain/records.ts';
import type { Participant } from './directory.ts';
import type { DocumentReader } from './storage.ts';

/** A fresh Y.Doc from the stored updates, read and dropped. */
export function loadDocument<T>(store: DocumentReader, name: string, read: (doc: Y.Doc) => T): T {
	const doc = new Y.Doc();
	try {
		for (const row of store.load(name)) Y.applyUpdate(doc, row.update);
		return read(doc);
	} finally {
		doc.destroy();
	}
}

export interface StoredProgram extends ExportProgram {
	name: string;
	/** groups not deleted, for choosing a scope */
	liveGroups: Group[];
}

export function storedProgram(store: DocumentReader, programId: string): StoredProgram {
	const data = loadDocument(store, documentName('program', programId), readProgram);
	const groups = data.groups;
	return {
		id: programId,
		name: data.info?.name ?? programId,
		timeZone: data.info?.timeZone ?? 'UTC',
		groups,
		liveGroups: groups.filter((g) => g.deletedAt === undefined),
		exceptions: data.exceptions,
		policy: data.policy ?? DEFAULT_POLICY
	};
}

export interface StoredParticipant extends ExportParticipant {
	surveys: SurveyResponse[];
	reminders: ReminderPrefs | null;
}

/** The participant's care and self documents (never their private notes). */
export function storedParticipant(store: DocumentReader, participant: Pick<Participant, 'id' | 'displayName'>): StoredParticipant {
	const care = loadDocument(store, documentName('care', participant.id), readCare);
	const self = loadDocument(store, documentName('self', participant.id), readSelf);
	return {
		id: participant.id,
		displayName: participant.displayName,
		records: {
			enrollment: care.enrollment,
			adjustments: care.adjustments,
			leaves: care.leaves,
			verifications: care.verifications,
			presence: self.presence,
			absences: self.absences
		},
		surveys: self.surveys,
		reminders: self.reminders
	};
}
