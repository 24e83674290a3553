/**
 * One open of a participant-year from its stored bytes, timed step by step: decode
 * the three updates, validate every record, derive what the screens show. The
 * growth benchmark runs it warm; growth-first-open.ts and first-open-entry.ts run it
 * first thing in a fresh process or page. Callers import device-zod.ts first.
 */
import * as Y from 'yjs';
import { readCare, readProgram, readSelf } from '../../../src/lib/doc/read.ts';
import { deriveParticipant } from './derive.ts';

export type StoredYear = Record<'self' | 'care' | 'program', Uint8Array>;

export interface OpenSteps {
	decode: number;
	validate: number;
	derive: number;
	total: number;
}

/** A new Y.Doc holding the stored update. */
export function openStored(update: Uint8Array): Y.Doc {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return doc;
}

export function openAndDerive(stored: StoredYear): OpenSteps {
	const started = performance.now();
	const docs = { program: openStored(stored.program), self: openStored(stored.self), care: openStored(stored.care) };
	const decoded = performance.now();
	const read = { program: readProgram(docs.program), self: readSelf(docs.self), care: readCare(docs.care) };
	const validated = performance.now();
	deriveParticipant(read.program, read.self, read.care);
	const derived = performance.now();
	return { decode: decoded - started, validate: validated - decoded, derive: derived - validated, total: derived - started };
}

/** The stored year as plain arrays, for JSON and for a browser page, and back. */
export type StoredYearJson = Record<keyof StoredYear, number[]>;
export const storedToJson = (stored: StoredYear): StoredYearJson => ({ self: Array.from(stored.self), care: Array.from(stored.care), program: Array.from(stored.program) });
export const storedFromJson = (json: StoredYearJson): StoredYear => ({ self: Uint8Array.from(json.self), care: Uint8Array.from(json.care), program: Uint8Array.from(json.program) });
