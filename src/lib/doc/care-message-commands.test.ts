import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { openMessages } from '../domain/care-messages.ts';
import { followUpMessage, markMessageHandled } from './care-message-commands.ts';
import { readCollection } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';

const stamp = { by: 'u-clinician', at: '2026-03-10T15:00:00.000Z' };
// the participant's clock ran ahead: only the record naming the message answers it
const messages = [
	{ id: 'm1', topic: 'phone-session-request' as const, text: 'Call me', updatedAt: '2026-03-10T16:00:00.000Z', updatedBy: 'u-alex' },
	{ id: 'm2', topic: 'technical-trouble' as const, text: 'No sound', updatedAt: '2026-03-10T16:00:00.000Z', updatedBy: 'u-alex' }
];

function answers(care: Y.Doc) {
	return { outreach: readCollection(care, 'care', 'outreach').records, handledMessages: readCollection(care, 'care', 'handledMessages').records };
}

describe('care message commands', () => {
	it('a follow-up logs the outreach and names the message, in one local transaction', () => {
		const care = new Y.Doc();
		const origins: unknown[] = [];
		care.on('afterTransaction', (tr) => origins.push(tr.origin));
		const outreachId = followUpMessage(care, 'm1', { channel: 'phone', outcome: 'reached', note: 'Booked Thursday 9 am' }, stamp);
		expect(origins).toEqual([LOCAL_ORIGIN]);
		expect(answers(care).outreach).toEqual([expect.objectContaining({ id: outreachId, channel: 'phone', note: 'Booked Thursday 9 am', at: stamp.at })]);
		expect(answers(care).handledMessages).toEqual([expect.objectContaining({ messageId: 'm1', outreachId, updatedBy: 'u-clinician' })]);
		expect(openMessages(messages, answers(care)).map((m) => m.id)).toEqual(['m2']);
	});

	it('mark handled names the message alone', () => {
		const care = new Y.Doc();
		markMessageHandled(care, 'm2', stamp);
		expect(answers(care).outreach).toEqual([]);
		expect(answers(care).handledMessages).toEqual([expect.objectContaining({ messageId: 'm2' })]);
		expect(openMessages(messages, answers(care)).map((m) => m.id)).toEqual(['m1']);
	});
});
