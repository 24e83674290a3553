/**
 * The first open of a participant-year, bundled for a browser page
 * (growth-first-open-browser.ts): zod set up as the app sets it up, then the same
 * steps as growth-first-open.ts, timed with the page's clock.
 */
import './device-zod.ts';
import * as Y from 'yjs';
import { readCare, readProgram, readSelf } from '../../../src/lib/doc/read.ts';
import { deriveParticipant } from './derive.ts';

type Stored = Record<'self' | 'care' | 'program', number[]>;

function firstOpen(stored: Stored) {
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

(globalThis as unknown as { firstOpen: typeof firstOpen }).firstOpen = firstOpen;
