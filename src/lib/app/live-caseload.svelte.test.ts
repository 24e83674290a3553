import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { putRecord, putSingleton } from '../doc/codec.ts';
import { checkIn, saveEnrollment } from '../doc/commands.ts';
import { markMessageHandled } from '../doc/care-message-commands.ts';
import { sendCareTeamMessage } from '../doc/message-commands.ts';
import type { OpenDocument } from '../doc/workspace.ts';
import { GROUPS, ZONE } from '../domain/caseload-fixtures.test-support.ts';
import { LiveCaseload } from './live-caseload.svelte.ts';

/** Animation frames run only when the test says so. */
let frames: Array<() => void> = [];
beforeEach(() => {
	frames = [];
	globalThis.requestAnimationFrame = (callback) => frames.push(() => callback(0));
	globalThis.cancelAnimationFrame = () => {};
});
afterEach(() => {
	Reflect.deleteProperty(globalThis, 'requestAnimationFrame');
	Reflect.deleteProperty(globalThis, 'cancelAnimationFrame');
});
function runFrames() {
	while (frames.length > 0) frames.splice(0, frames.length).forEach((frame) => frame());
}

function workspace() {
	const docs = new Map<string, Y.Doc>();
	return {
		docs,
		open(name: string): OpenDocument {
			if (!docs.has(name)) docs.set(name, new Y.Doc());
			return { name, doc: docs.get(name)!, loaded: Promise.resolve() } as OpenDocument;
		}
	};
}

const stamp = { updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'u-clinician' };
function enrol(care: Y.Doc, id: string) {
	saveEnrollment(care, { id: 'enrollment', ...stamp, participantId: id, programId: 'demo', displayName: id.toUpperCase(), groupIds: ['evening'], startDate: '2026-01-05', track: 'adult', plannedWeeklyHours: 9 });
}

describe('LiveCaseload', () => {
	it('shows a row per enrolled participant once the program arrives, and updates one row per frame however many changes came', () => {
		const ws = workspace();
		const live = new LiveCaseload(ws, 'demo', [
			{ id: 'alex', displayName: 'Alex' },
			{ id: 'blair', displayName: 'Blair' }
		]);
		enrol(ws.open('care:alex').doc, 'alex');
		enrol(ws.open('care:blair').doc, 'blair');
		runFrames();
		expect(live.ready).toBe(false);
		expect(live.rows).toEqual([]);

		const program = ws.open('program:demo').doc;
		program.transact(() => {
			putSingleton(program, 'program', 'info', { id: 'info', ...stamp, name: 'Demo', timeZone: ZONE, backupPhone: '', orientation: '', techHelp: '' });
			for (const group of GROUPS) putRecord(program, 'program', 'groups', group);
		});
		runFrames();
		expect(live.ready).toBe(true);
		expect(live.rows.map((r) => r.participantId).sort()).toEqual(['alex', 'blair']);
		const blair = live.rows.find((r) => r.participantId === 'blair');
		const alexBefore = live.rows.find((r) => r.participantId === 'alex')!;

		// three check-ins in one frame: Alex's row is recomputed, Blair's is left as it was
		const self = ws.open('self:alex').doc;
		for (const date of ['2026-01-05', '2026-01-06', '2026-01-08']) checkIn(self, { occurrenceId: `evening@${date}`, at: `${date}T23:00:00.000Z`, deviceId: 'phone' });
		expect(frames).toHaveLength(1);
		runFrames();
		const alexAfter = live.rows.find((r) => r.participantId === 'alex')!;
		expect(alexAfter.attendanceOverall.attendedMinutes).toBeGreaterThan(alexBefore.attendanceOverall.attendedMinutes);
		expect(live.rows.find((r) => r.participantId === 'blair')).toBe(blair);
		live.destroy();
	});

	it('a request from a participant’s device shows on their row alone, and leaves once a clinician handles it', () => {
		const ws = workspace();
		const live = new LiveCaseload(ws, 'demo', [
			{ id: 'alex', displayName: 'Alex' },
			{ id: 'blair', displayName: 'Blair' }
		]);
		const program = ws.open('program:demo').doc;
		putSingleton(program, 'program', 'info', { id: 'info', ...stamp, name: 'Demo', timeZone: ZONE, backupPhone: '', orientation: '', techHelp: '' });
		for (const group of GROUPS) putRecord(program, 'program', 'groups', group);
		enrol(ws.open('care:alex').doc, 'alex');
		enrol(ws.open('care:blair').doc, 'blair');
		runFrames();
		const blair = live.rows.find((r) => r.participantId === 'blair');
		const requests = () => live.rows.find((r) => r.participantId === 'alex')!.requests;
		expect(requests().total).toBe(0);

		const messageId = sendCareTeamMessage(ws.open('self:alex').doc, { topic: 'phone-session-request', text: 'Call me', at: new Date().toISOString(), by: 'u-alex' });
		runFrames();
		expect(requests()).toMatchObject({ 'phone-session-request': 1, total: 1 });
		expect(live.rows.find((r) => r.participantId === 'blair')).toBe(blair);

		markMessageHandled(ws.open('care:alex').doc, messageId, { by: 'u-clinician', at: new Date().toISOString() });
		runFrames();
		expect(requests().total).toBe(0);
		live.destroy();
	});
});
