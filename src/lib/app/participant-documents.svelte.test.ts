import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { putRecord, putSingleton } from '../doc/codec.ts';
import { saveEnrollment } from '../doc/commands.ts';
import type { OpenDocument, Workspace } from '../doc/workspace.ts';
import { GROUPS, ZONE } from '../domain/caseload-fixtures.test-support.ts';
import { ParticipantDocuments } from './participant-documents.svelte.ts';

const NOW = '2026-03-12T12:00:00.000Z'; // Thursday 08:00 in New York
const stamp = { updatedAt: '2026-03-01T00:00:00.000Z', updatedBy: 'u-clinician' };

function workspace() {
	const docs = new Map<string, Y.Doc>();
	return {
		open(name: string): OpenDocument {
			if (!docs.has(name)) docs.set(name, new Y.Doc());
			return { name, doc: docs.get(name)!, loaded: Promise.resolve() } as OpenDocument;
		}
	} as unknown as Workspace;
}

/** Alex in the evening group (Mon, Tue, Thu 18:00 New York) since Monday 2026-03-02. */
function enrolInEvening(docs: ParticipantDocuments) {
	saveEnrollment(docs.care.open.doc, { id: 'enrollment', ...stamp, participantId: 'alex', programId: 'demo', displayName: 'Alex', groupIds: ['evening'], startDate: '2026-03-02', track: 'adult', plannedWeeklyHours: 9 });
}

describe('ParticipantDocuments', () => {
	it('has no enrollment sessions and no make-up ledger until the program has reached the device', () => {
		const docs = new ParticipantDocuments(workspace(), 'u-alex', 'alex', 'demo');
		enrolInEvening(docs);
		expect(docs.enrollmentSessions(NOW)).toEqual([]);
		expect(docs.makeupLedger([], NOW)).toBeNull();
		docs.destroy();
	});

	it('lists the evening sessions from the enrollment to the end of this week, and owes a make-up for each missed one that has ended', () => {
		const docs = new ParticipantDocuments(workspace(), 'u-alex', 'alex', 'demo');
		const program = docs.program.open.doc;
		program.transact(() => {
			putSingleton(program, 'program', 'info', { id: 'info', ...stamp, name: 'Demo', timeZone: ZONE, backupPhone: '', orientation: '', techHelp: '' });
			for (const group of GROUPS) putRecord(program, 'program', 'groups', group);
		});
		enrolInEvening(docs);

		const sessions = docs.enrollmentSessions(NOW);
		expect(sessions.map((s) => s.occurrence.id)).toEqual(['evening@2026-03-02', 'evening@2026-03-03', 'evening@2026-03-05', 'evening@2026-03-09', 'evening@2026-03-10', 'evening@2026-03-12']);
		expect(docs.makeupLedger(sessions, NOW)?.map((o) => o.occurrence.id)).toEqual(['evening@2026-03-02', 'evening@2026-03-03', 'evening@2026-03-05', 'evening@2026-03-09', 'evening@2026-03-10']);
		docs.destroy();
	});
});
