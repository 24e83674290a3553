import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readCollection } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';
import { assignMakeupAnswering, followUpMakeupRequest, markMakeupRequestHandled } from './makeup-request-commands.ts';

const stamp = { by: 'u-clinician', at: '2026-03-10T15:00:00.000Z' };
const monday = { occurrenceId: 'evening@2026-03-09', catalogItemId: 'one-to-one-evening', requestedAt: '2026-03-10T09:00:00.000Z' };
const tuesday = { ...monday, occurrenceId: 'evening@2026-03-10' };

function recording(care: Y.Doc): unknown[] {
	const origins: unknown[] = [];
	care.on('afterTransaction', (tr) => origins.push(tr.origin));
	return origins;
}

describe('make-up request commands', () => {
	it('a follow-up logs the outreach and names the request, in one local transaction', () => {
		const care = new Y.Doc();
		const origins = recording(care);
		const outreachId = followUpMakeupRequest(care, monday, { channel: 'phone', outcome: 'reached', note: 'Booked Thursday 9 am' }, stamp);
		expect(origins).toEqual([LOCAL_ORIGIN]);
		expect(readCollection(care, 'care', 'outreach').records).toEqual([expect.objectContaining({ id: outreachId, note: 'Booked Thursday 9 am', at: stamp.at })]);
		expect(readCollection(care, 'care', 'handledMakeupRequests').records).toEqual([expect.objectContaining({ ...monday, outreachId, updatedBy: 'u-clinician' })]);
	});

	it('marking handled names the request and logs nothing else', () => {
		const care = new Y.Doc();
		markMakeupRequestHandled(care, monday, stamp);
		expect(readCollection(care, 'care', 'outreach').records).toEqual([]);
		const [handled] = readCollection(care, 'care', 'handledMakeupRequests').records;
		expect(handled).toMatchObject(monday);
		expect(handled?.outreachId).toBeUndefined();
	});

	it('an assignment answers the open requests of its own session only, in the same transaction', () => {
		const care = new Y.Doc();
		const origins = recording(care);
		const makeupId = assignMakeupAnswering(care, { occurrenceId: monday.occurrenceId, catalogItemIds: ['one-to-one-evening'], dueOn: '2026-03-16' }, stamp, undefined, [monday, tuesday]);
		expect(origins).toEqual([LOCAL_ORIGIN]);
		expect(readCollection(care, 'care', 'makeups').records.map((m) => m.id)).toEqual([makeupId]);
		expect(readCollection(care, 'care', 'handledMakeupRequests').records).toEqual([expect.objectContaining({ ...monday, makeupId })]);
	});
});
