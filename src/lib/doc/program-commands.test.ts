import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DEFAULT_POLICY, DEFAULT_RISK_RULES } from '../domain/policy.ts';
import { readProgram } from './read.ts';
import {
	removeException,
	removeGroup,
	saveException,
	saveGroup,
	saveMakeupItem,
	savePolicy,
	saveProgramTexts,
	saveRiskRules
} from './program-commands.ts';

const stamp = { at: '2026-03-01T12:00:00.000Z', by: 'u-admin' };
const later = { at: '2026-03-02T12:00:00.000Z', by: 'u-clinician' };
const fields = {
	name: 'Evening',
	facilitator: 'Sam',
	weekdays: [1],
	startTime: '18:00',
	durationMinutes: 180,
	videoLink: 'https://meet.example.org/e',
	startsOn: '2026-03-02'
};

describe('program set-up commands', () => {
	it('a group is saved, changed as a whole new version, and removed by marking it', () => {
		const doc = new Y.Doc();
		const id = saveGroup(doc, null, fields, stamp);
		saveGroup(doc, id, { ...fields, startTime: '19:00' }, later);
		expect(readProgram(doc).groups).toEqual([{ id, ...fields, startTime: '19:00', updatedAt: later.at, updatedBy: later.by }]);
		const [group] = readProgram(doc).groups;
		removeGroup(doc, group!, later);
		expect(readProgram(doc).groups[0]?.deletedAt).toBe(later.at);
	});

	it('an invalid record is never written: a javascript: link throws before the transaction', () => {
		const doc = new Y.Doc();
		expect(() => saveGroup(doc, null, { ...fields, videoLink: 'javascript:alert(1)' }, stamp)).toThrow();
		expect(readProgram(doc).groups).toEqual([]);
	});

	it('an exception cancels one session and removing it restores the session', () => {
		const doc = new Y.Doc();
		saveException(doc, { kind: 'cancelled', occurrenceId: 'evening@2026-03-09', reason: 'Holiday' }, stamp);
		const [exception] = readProgram(doc).exceptions;
		expect(exception).toMatchObject({ kind: 'cancelled', occurrenceId: 'evening@2026-03-09' });
		removeException(doc, exception!, later);
		expect(readProgram(doc).exceptions[0]?.deletedAt).toBe(later.at);
	});

	it('policy, risk rules, texts and catalog items are stored and read back', () => {
		const doc = new Y.Doc();
		savePolicy(doc, { ...DEFAULT_POLICY, lateAfterMinutes: 5 }, stamp);
		saveRiskRules(doc, structuredClone(DEFAULT_RISK_RULES), stamp);
		const info = { id: 'info', updatedAt: stamp.at, updatedBy: stamp.by, name: 'IOP', timeZone: 'America/New_York', backupPhone: '', orientation: '', techHelp: '' };
		saveProgramTexts(doc, info, { backupPhone: '+1 555 0100', orientation: 'Hello', techHelp: 'Reload' }, later);
		saveMakeupItem(doc, null, { kind: 'recap', title: 'Recap' }, stamp);
		const read = readProgram(doc);
		expect(read.policy?.lateAfterMinutes).toBe(5);
		expect(read.riskRules?.missedInARow).toEqual({ enabled: true, count: 2 });
		expect(read.info).toMatchObject({ name: 'IOP', backupPhone: '+1 555 0100', orientation: 'Hello', updatedBy: 'u-clinician' });
		expect(read.makeupCatalog).toHaveLength(1);
		expect(read.invalid).toEqual([]);
	});
});
