/**
 * Benchmark 3, document growth: `npm run bench -- growth`.
 *
 * Builds one participant-year (support/participant-year.ts) and the program
 * document of a 20-group program, then measures each document's encoded size and
 * the time to open it (decode the stored update into a new Y.Doc), read it
 * (validated) and derive what the screens show. The reference is the same records
 * as plain JSON: its size, and JSON.parse plus the same derivation.
 */
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { readCare, readProgram, readSelf } from '../../src/lib/doc/read.ts';
import { expandSchedule } from '../../src/lib/domain/schedule.ts';
import { deriveParticipant, type CareData, type ProgramData, type SelfData } from './support/derive.ts';
import { participantYear, programDocument, TIME_ZONE, YEAR_RANGE } from './support/participant-year.ts';
import { kB, ms, option, printTable, summarize, verdict } from './support/stats.ts';

const SIZE_TARGET = 100 * 1024;
const TIME_TARGET_MS = 20;

/** Runs `fn` once cold, then `runs` times; the median and p95 of the warm runs. */
function timed(fn: () => unknown, runs: number): { cold: number; median: number; p95: number } {
	let started = performance.now();
	fn();
	const cold = performance.now() - started;
	const samples: number[] = [];
	for (let i = 0; i < runs; i++) {
		started = performance.now();
		fn();
		samples.push(performance.now() - started);
	}
	const summary = summarize(samples);
	return { cold, median: summary.p50, p95: summary.p95 };
}

const open = (update: Uint8Array) => {
	const doc = new Y.Doc();
	Y.applyUpdate(doc, update);
	return doc;
};

export async function growth(args: readonly string[]): Promise<boolean> {
	const runs = option(args, 'runs', 30);
	const year = participantYear('p-bench', 1);
	const program20 = programDocument(20);
	const stored = {
		self: Y.encodeStateAsUpdate(year.self),
		care: Y.encodeStateAsUpdate(year.care),
		program: Y.encodeStateAsUpdate(program20)
	};
	const data = { self: readSelf(year.self), care: readCare(year.care), program: readProgram(program20) };
	const json = {
		self: JSON.stringify(data.self),
		care: JSON.stringify(data.care),
		program: JSON.stringify(data.program)
	};
	const bytes = (text: string) => Buffer.byteLength(text);

	const sizeRows = (['self', 'care', 'program'] as const).map((kind) => [
		kind === 'program' ? 'program:<id> (20 groups)' : `${kind}:<id> (one year)`,
		kB(stored[kind].byteLength),
		kB(gzipSync(stored[kind]).byteLength),
		kB(bytes(json[kind])),
		`${(stored[kind].byteLength / bytes(json[kind])).toFixed(2)}`,
		verdict(stored[kind].byteLength <= SIZE_TARGET)
	]);
	const participantTotal = stored.self.byteLength + stored.care.byteLength;
	sizeRows.push(['self + care together', kB(participantTotal), '', kB(bytes(json.self) + bytes(json.care)), '', '(no target)']);
	printTable(
		`Document growth: ${year.sessions} sessions with check-ins, surveys, make-ups, verifications (target ≤ 100 kB per document)`,
		['document', 'Yjs encoded', 'gzipped', 'reference: JSON', 'Yjs/JSON', 'target'],
		sizeRows
	);

	const steady = timed(() => {
		const program = readProgram(open(stored.program));
		deriveParticipant(program, readSelf(open(stored.self)), readCare(open(stored.care)));
	}, runs);
	const reference = timed(() => {
		const program = JSON.parse(json.program) as ProgramData;
		deriveParticipant(program, JSON.parse(json.self) as SelfData, JSON.parse(json.care) as CareData);
	}, runs);
	const programOnly = timed(() => expandSchedule(readProgram(open(stored.program)).groups, data.program.exceptions, TIME_ZONE, YEAR_RANGE), runs);
	const programReference = timed(() => {
		const program = JSON.parse(json.program) as ProgramData;
		expandSchedule(program.groups, program.exceptions, TIME_ZONE, YEAR_RANGE);
	}, runs);
	const derived = deriveParticipant(data.program, data.self, data.care);
	const occurrences = expandSchedule(data.program.groups, data.program.exceptions, TIME_ZONE, YEAR_RANGE).length;
	printTable(
		`Open and derive (decode, validate, derive; ${runs} warm runs after one cold)`,
		['what', 'Steady cold', 'Steady median', 'Steady p95', 'reference (JSON) median', 'target ≤ 20 ms'],
		[
			[`participant-year: ${derived.sessions.length} sessions, ${derived.weeks.length} weeks, ${derived.makeups.length} make-ups`, ms(steady.cold), ms(steady.median), ms(steady.p95), ms(reference.median), verdict(steady.median <= TIME_TARGET_MS)],
			[`program, 20 groups: a year's ${occurrences} occurrences`, ms(programOnly.cold), ms(programOnly.median), ms(programOnly.p95), ms(programReference.median), verdict(programOnly.median <= TIME_TARGET_MS)]
		]
	);
	return [stored.self, stored.care, stored.program].every((u) => u.byteLength <= SIZE_TARGET) && steady.median <= TIME_TARGET_MS && programOnly.median <= TIME_TARGET_MS;
}

if (import.meta.url === `file://${process.argv[1]}`) {
	growth(process.argv.slice(2)).then(
		() => undefined,
		(error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		}
	);
}
