/**
 * A clinician's caseload on disk: 200 participant-years in the demo program (each
 * with its self and care document; private notes left empty) and a 20-group
 * program document, written into a fresh data folder by an in-process server,
 * which is then closed so a benchmark can start the real server process on it.
 *
 * Building 200 distinct years takes minutes, so `templates` distinct years are
 * built and each participant gets a copy of one with its own enrollment.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import { createServer } from '../../../sync-server/src/app.ts';
import { loadConfig } from '../../../sync-server/src/config.ts';
import { silentLog } from '../../../sync-server/src/log.ts';
import { saveEnrollment } from '../../../src/lib/doc/commands.ts';
import { readCare } from '../../../src/lib/doc/read.ts';
import { documentName } from '../../../src/lib/domain/document-names.ts';
import { participantYear, programDocument } from './participant-year.ts';

export const PROGRAM = 'demo';

export interface CaseloadFixture {
	dataDir: string;
	participantIds: string[];
	/** every document of the caseload with its stored update (program first) */
	documents: Array<{ name: string; update: Uint8Array }>;
}

export async function caseloadFixture(participants: number, templates: number): Promise<CaseloadFixture> {
	const years = Array.from({ length: templates }, (_, i) => participantYear(`template-${i}`, i + 1));
	const program = Y.encodeStateAsUpdate(programDocument(20));
	const documents: CaseloadFixture['documents'] = [{ name: documentName('program', PROGRAM), update: program }];
	const participantIds = Array.from({ length: participants }, (_, i) => `p-bench-${i}`);
	participantIds.forEach((id, i) => {
		const year = years[i % templates];
		if (!year) throw new Error('no template year');
		const care = new Y.Doc();
		Y.applyUpdate(care, Y.encodeStateAsUpdate(year.care));
		const enrollment = readCare(care).enrollment;
		if (!enrollment) throw new Error('the template year has no enrollment');
		saveEnrollment(care, { ...enrollment, participantId: id, displayName: `Participant ${i}` });
		documents.push({ name: documentName('self', id), update: Y.encodeStateAsUpdate(year.self) });
		documents.push({ name: documentName('care', id), update: Y.encodeStateAsUpdate(care) });
	});

	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steady-bench-caseload-'));
	const server = await createServer(loadConfig({ STEADY_DATA_DIR: dataDir, STEADY_DEMO: '1', STEADY_PORT: '0' }), { log: silentLog });
	const { directory, store, db } = server.context;
	db.transaction(() => {
		for (const [i, id] of participantIds.entries()) {
			directory.addParticipant({ id, programId: PROGRAM, displayName: `Participant ${i}` });
			directory.addUser({ id: `u-${id}`, role: 'participant', displayName: `Participant ${i}`, programId: PROGRAM, participantId: id, passwordHash: null });
		}
		// the bench program replaces the demo's, so the years' sessions are on its schedule
		db.prepare('DELETE FROM updates WHERE doc = ?').run(documentName('program', PROGRAM));
		for (const { name, update } of documents) store.append(name, update);
	})();
	await server.close();
	return { dataDir, participantIds, documents };
}
