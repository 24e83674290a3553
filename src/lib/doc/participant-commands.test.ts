import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { giveAbsenceNotice, withdrawAbsenceNotice } from './absence-commands.ts';
import { readCollection, readSingleton } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';
import { sendCareTeamMessage } from './message-commands.ts';
import { saveReminderSettings } from './reminder-commands.ts';

describe('participant commands', () => {
	it('a notice is given in one local transaction and withdrawn by replacing it whole', () => {
		const self = new Y.Doc();
		const origins: unknown[] = [];
		self.on('afterTransaction', (t: Y.Transaction) => origins.push(t.origin));
		const id = giveAbsenceNotice(self, {
			occurrenceId: 'evening@2026-03-10',
			reason: 'illness',
			note: '  fever  ',
			at: '2026-03-08T12:00:00.000Z',
			by: 'u-alex'
		});
		const [notice] = readCollection(self, 'self', 'absences').records;
		expect(notice).toMatchObject({ id, note: 'fever', givenAt: '2026-03-08T12:00:00.000Z', updatedBy: 'u-alex' });
		withdrawAbsenceNotice(self, notice!, '2026-03-09T08:00:00.000Z', 'u-alex');
		const [withdrawn] = readCollection(self, 'self', 'absences').records;
		expect(withdrawn).toMatchObject({ id, withdrawnAt: '2026-03-09T08:00:00.000Z', updatedAt: '2026-03-09T08:00:00.000Z', givenAt: '2026-03-08T12:00:00.000Z' });
		expect(origins).toEqual([LOCAL_ORIGIN, LOCAL_ORIGIN]);
	});

	it('an unknown reason is refused before anything is written', () => {
		const self = new Y.Doc();
		const input = { occurrenceId: 'evening@2026-03-10', reason: 'bored', note: '', at: '2026-03-08T12:00:00.000Z', by: 'u-alex' };
		expect(() => giveAbsenceNotice(self, input as unknown as Parameters<typeof giveAbsenceNotice>[1])).toThrow();
		expect(readCollection(self, 'self', 'absences').records).toEqual([]);
	});

	it('a technical-trouble message goes to the self document’s messages', () => {
		const self = new Y.Doc();
		sendCareTeamMessage(self, { topic: 'technical-trouble', text: 'The video will not start.', at: '2026-03-10T22:05:00.000Z', by: 'u-alex' });
		expect(readCollection(self, 'self', 'messages').records).toEqual([
			expect.objectContaining({ topic: 'technical-trouble', text: 'The video will not start.' })
		]);
	});

	it('reminder settings without a summary or quiet hours store no empty times', () => {
		const self = new Y.Doc();
		saveReminderSettings(self, { dayBefore: true, hourBefore: false, quietFrom: '22:00' }, '2026-03-08T12:00:00.000Z', 'u-alex');
		expect(readSingleton(self, 'self', 'reminders').value).toEqual({
			id: 'reminders',
			updatedAt: '2026-03-08T12:00:00.000Z',
			updatedBy: 'u-alex',
			dayBefore: true,
			hourBefore: false
		});
	});
});
