/**
 * The first open of a participant-year in a process that has never opened one: what
 * a device does once per app start. Run by growth.ts in a fresh process (the
 * modules imported, nothing run yet); prints one JSON line of step times in ms.
 * Usage: growth-first-open.ts <file of the stored updates, JSON {self, care, program}: number[]>
 */
import './support/device-zod.ts';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as Y from 'yjs';
import { readCare, readProgram, readSelf } from '../../src/lib/doc/read.ts';
import { deriveParticipant } from './support/derive.ts';

export interface FirstOpen {
	decode: number;
	validate: number;
	derive: number;
	total: number;
}

const file = process.argv[2];
if (!file) throw new Error('usage: growth-first-open.ts <stored updates, JSON>');
const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<'self' | 'care' | 'program', number[]>;
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
const result: FirstOpen = { decode: decoded - started, validate: validated - decoded, derive: derived - validated, total: derived - started };
console.log(JSON.stringify(result));
