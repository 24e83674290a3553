/**
 * Read adapters: a whole document as validated plain data, with every invalid
 * record reported (never thrown), so a view can show what is intact.
 */
import type * as Y from 'yjs';
import { readCollection, readSingleton, type InvalidRecord } from './codec.ts';

export function readProgram(doc: Y.Doc) {
	const info = readSingleton(doc, 'program', 'info');
	const policy = readSingleton(doc, 'program', 'policy');
	const groups = readCollection(doc, 'program', 'groups');
	const exceptions = readCollection(doc, 'program', 'exceptions');
	const makeupCatalog = readCollection(doc, 'program', 'makeupCatalog');
	const assignmentCatalog = readCollection(doc, 'program', 'assignmentCatalog');
	return {
		info: info.value,
		policy: policy.value,
		groups: groups.records,
		exceptions: exceptions.records,
		makeupCatalog: makeupCatalog.records,
		assignmentCatalog: assignmentCatalog.records,
		invalid: [info, policy, groups, exceptions, makeupCatalog, assignmentCatalog].flatMap((r) => r.invalid)
	};
}
export type ProgramData = ReturnType<typeof readProgram>;

export function readSelf(doc: Y.Doc) {
	const presence = readCollection(doc, 'self', 'presence');
	const absences = readCollection(doc, 'self', 'absences');
	const surveys = readCollection(doc, 'self', 'surveys');
	const makeupProgress = readCollection(doc, 'self', 'makeupProgress');
	const assignmentWork = readCollection(doc, 'self', 'assignmentWork');
	const messages = readCollection(doc, 'self', 'messages');
	const reminders = readSingleton(doc, 'self', 'reminders');
	return {
		presence: presence.records,
		absences: absences.records,
		surveys: surveys.records,
		makeupProgress: makeupProgress.records,
		assignmentWork: assignmentWork.records,
		messages: messages.records,
		reminders: reminders.value,
		invalid: [presence, absences, surveys, makeupProgress, assignmentWork, messages, reminders].flatMap((r) => r.invalid)
	};
}
export type SelfData = ReturnType<typeof readSelf>;

export function readCare(doc: Y.Doc) {
	const enrollment = readSingleton(doc, 'care', 'enrollment');
	const verifications = readCollection(doc, 'care', 'verifications');
	const annotations = readCollection(doc, 'care', 'annotations');
	const makeups = readCollection(doc, 'care', 'makeups');
	const adjustments = readCollection(doc, 'care', 'adjustments');
	const leaves = readCollection(doc, 'care', 'leaves');
	const outreach = readCollection(doc, 'care', 'outreach');
	const levelOfCare = readCollection(doc, 'care', 'levelOfCare');
	return {
		enrollment: enrollment.value,
		verifications: verifications.records,
		annotations: annotations.records,
		makeups: makeups.records,
		adjustments: adjustments.records,
		leaves: leaves.records,
		outreach: outreach.records,
		levelOfCare: levelOfCare.records,
		invalid: [enrollment, verifications, annotations, makeups, adjustments, leaves, outreach, levelOfCare].flatMap(
			(r) => r.invalid
		)
	};
}
export type CareData = ReturnType<typeof readCare>;

/** Calls back with fresh data after every change, local or remote; returns the unsubscribe. */
export function observe<T>(doc: Y.Doc, read: (doc: Y.Doc) => T, callback: (value: T) => void): () => void {
	const onUpdate = () => callback(read(doc));
	doc.on('update', onUpdate);
	callback(read(doc));
	return () => doc.off('update', onUpdate);
}

export type { InvalidRecord };
