/**
 * One open of a participant-year from its stored bytes, timed step by step: decode
 * the three updates, validate every record, derive what the screens show. The
 * caller runs it first thing in a fresh process or page (growth-first-open.ts,
 * first-open-entry.ts), after importing device-zod.ts.
 */
import * as Y from 'yjs';
import { readCare, readProgram, readSelf } from '../../../src/lib/doc/read.ts';
import { deriveParticipant } from './derive.ts';

export type StoredYear = Record<'self' | 'care' | 'program', number[]>;

export interface FirstOpen {
	decode: number;
	validate: number;
	derive: number;
	total: number;
}

export function firstOpen(stored: StoredYear): FirstOpen {
	const bytes = { self: Uint8Array.from(stored.self), care: Uint8Array.from(stored.care), program: Uint8Array.from(stored.program) };
	const open = (update: Uint8Array) => {
		const doc = new Y.Doc();
		Y.applyUpdate(doc, update);
		return doc;
	};
	const started = performance.now();
	const docs = { program: open(bytes.program), self: open(bytes.self), care: open(bytes.care) };
	const decoded = performance.now();
	const read = { program: readProgram(docs.program), self: readSelf(docs.self), care: readCare(docs.care) };
	const validated = performance.now();
	deriveParticipant(read.program, read.self, read.care);
	const derived = performance.now();
	return { decode: decoded - started, validate: validated - decoded, derive: derived - validated, total: derived - started };
}
