import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCare, readSelf } from '../../src/lib/doc/read.ts';
import { documentName } from '../../src/lib/domain/document-names.ts';
import { openDatabase, writeTransaction, type Db } from './db.ts';
import { DEMO_PARTICIPANT_ACCOUNTS, seedDemo } from './demo.ts';
import { createDirectory } from './directory.ts';
import { createSqliteStore, type DocumentStore } from './storage.ts';
import { tempDir } from '../test/support.ts';

const open: Array<{ db: Db; store: DocumentStore }> = [];
afterEach(async () => {
	for (const { db, store } of open.splice(0)) {
		await store.close();
		db.close();
	}
});

async function seededAt(now: Date) {
	const db = openDatabase(tempDir());
	const store = createSqliteStore(db);
	open.push({ db, store });
	await seedDemo(createDirectory(db), store, (write) => writeTransaction(db, write)(), now);
	await store.flushed();
	const docOf = (name: string) => {
		const doc = new Y.Doc();
		for (const row of store.load(name)) Y.applyUpdate(doc, row.update);
		return doc;
	};
	return DEMO_PARTICIPANT_ACCOUNTS.map(({ participantId }) => ({
		care: readCare(docOf(documentName('care', participantId))),
		self: readSelf(docOf(documentName('self', participantId)))
	}));
}

describe('the demo program', () => {
	// 21:05 in New York on a Thursday: the evening group ended five minutes ago.
	// A verification stamped "20 minutes after the end" would be in the future and
	// outrank any the care team records now.
	it('stamps no record later than the moment it is seeded, even just after a session ends', async () => {
		const now = new Date('2026-11-27T02:05:00.000Z');
		const participants = await seededAt(now);
		const stamps = participants.flatMap(({ care, self }) => [
			...care.verifications.map((v) => v.recordedAt),
			...self.presence.map((p) => p.at),
			...self.absences.map((a) => a.givenAt)
		]);
		expect(stamps.length).toBeGreaterThan(0);
		expect(stamps.filter((at) => at > now.toISOString())).toEqual([]);
		const alex = participants[0]!;
		expect(alex.care.verifications.map((v) => v.occurrenceId)).toContain('evening@2026-11-26');
	});
});
