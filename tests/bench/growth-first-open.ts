/**
 * The first open of a participant-year in a process that has never opened one: what
 * a device does once per app start. Run by growth.ts in a fresh process (the
 * modules imported, nothing run yet); prints one JSON line of step times in ms.
 * Usage: growth-first-open.ts <file of the stored updates, JSON {self, care, program}: number[]>
 */
import './support/device-zod.ts';
import { readFileSync } from 'node:fs';
import { openAndDerive, storedFromJson, type StoredYearJson } from './support/open-and-derive.ts';

const file = process.argv[2];
if (!file) throw new Error('usage: growth-first-open.ts <stored updates, JSON>');
const stored = storedFromJson(JSON.parse(readFileSync(file, 'utf8')) as StoredYearJson);
console.log(JSON.stringify(openAndDerive(stored)));
