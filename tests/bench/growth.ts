/**
 * Benchmark 3, document growth: `npm run bench -- growth`.
 *
 * Builds one participant-year (support/participant-year.ts) and the program
 * document of a 20-group program, then measures each document's encoded size and
 * the time to open it (decode the stored update into a new Y.Doc), read it
 * (validated) and derive what the screens show. The reference is the same records
 * as plain JSON: its size, and JSON.parse plus the same derivation.
 *
 * Measured as a device runs it: zod jitless (support/device-zod.ts, imported
 * first), and timed after warm-up runs, with the first open reported on its own
 * (docs/BENCHMARKS.md, "Document growth", says why).
 */
import './support/device-zod.ts';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as Y from 'yjs';
import { checkIn } from '../../src/lib/doc/commands.ts';
import { readCare, readProgram, readSelf } from '../../src/lib/doc/read.ts';
import { ValidationMemo } from '../../src/lib/doc/validated.ts';
import { expandSchedule } from '../../src/lib/domain/schedule.ts';
import { deriveParticipant, NOW, type CareData, type ProgramData, type SelfData } from './support/derive.ts';
import { openAndDerive, openStored, storedToJson, type OpenSteps, type StoredYear } from './support/open-and-derive.ts';
import { participantYear, programDocument, TIME_ZONE, YEAR_RANGE } from './support/participant-year.ts';
import { kB, ms, option, printTable, runWhenMain, summarize, verdict } from './support/stats.ts';

const SIZE_TARGET = 100 * 1024;
const TIME_TARGET_MS = 20;
/** fresh processes for the first open: each costs about a second (tsx loads the modules) */
const FIRST_OPENS = 5;

/**
 * The first open of the stored updates in each of `count` fresh processes
 * (growth-first-open.ts): the cold figure of an app start, which a process that built
 * the documents itself (and so ran the same code) cannot give.
 */
function firstOpens(stored: StoredYear, count: number): OpenSteps[] {
	const dir = mkdtempSync(path.join(tmpdir(), 'steady-first-open-'));
	try {
		const file = path.join(dir, 'stored.json');
		writeFileSync(file, JSON.stringify(storedToJson(stored)));
		return Array.from({ length: count }, () => {
			const output = execFileSync(process.execPath, ['--import', 'tsx', 'tests/bench/growth-first-open.ts', file], { encoding: 'utf8' });
			return JSON.parse(output) as OpenSteps;
		});
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Runs `fn` once cold, then `warmup` times unmeasured, then `runs` times: the median
 * and p95 of those, and the median CPU time (on a busy machine wall time also counts
 * other processes). The warm-up matters: over its first ~15 runs V8 is still
 * compiling this code on background threads, which roughly doubles wall time and
 * counts in the CPU time.
 */
function timed(fn: () => unknown, runs: number, warmup: number): { cold: number; median: number; p95: number; cpu: number } {
	let started = performance.now();
	fn();
	const cold = performance.now() - started;
	for (let i = 0; i < warmup; i++) fn();
	const samples: number[] = [];
	const cpu: number[] = [];
	for (let i = 0; i < runs; i++) {
		const cpuBefore = process.cpuUsage();
		started = performance.now();
		fn();
		samples.push(performance.now() - started);
		const used = process.cpuUsage(cpuBefore);
		cpu.push((used.user + used.system) / 1000);
	}
	const summary = summarize(samples);
	return { cold, median: summary.p50, p95: summary.p95, cpu: summarize(cpu).p50 };
}

export async function growth(args: readonly string[]): Promise<boolean> {
	const runs = option(args, 'runs', 30);
	const warmup = option(args, 'warmup', 20);
	const year = participantYear('p-bench', 1);
	const program20 = programDocument(20);
	const stored: StoredYear = {
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

	const opens: OpenSteps[] = [];
	const steady = timed(() => opens.push(openAndDerive(stored)), runs, warmup);
	/** a step's median over the timed runs (the last `runs` opens) */
	const step = (name: keyof OpenSteps) => summarize(opens.slice(-runs).map((o) => o[name])).p50;
	const reference = timed(() => {
		const program = JSON.parse(json.program) as ProgramData;
		deriveParticipant(program, JSON.parse(json.self) as SelfData, JSON.parse(json.care) as CareData);
	}, runs, warmup);
	// what a device does on every change to an open document (read.ts `observe`, with its memo): read again and derive
	const live = { program: openStored(stored.program), self: openStored(stored.self), care: openStored(stored.care) };
	const memos = { program: new ValidationMemo(), self: new ValidationMemo(), care: new ValidationMemo() };
	const occurrenceId = data.self.presence.at(-1)?.occurrenceId ?? 'evening@2025-12-18';
	let change = 0;
	const afterChange = timed(() => {
		checkIn(live.self, { occurrenceId, at: new Date(Date.parse(NOW) + change++ * 1000).toISOString(), deviceId: 'd-bench' });
		deriveParticipant(readProgram(live.program, memos.program), readSelf(live.self, memos.self), readCare(live.care, memos.care));
	}, runs, warmup);
	const programOnly = timed(() => expandSchedule(readProgram(openStored(stored.program)).groups, data.program.exceptions, TIME_ZONE, YEAR_RANGE), runs, warmup);
	const programReference = timed(() => {
		const program = JSON.parse(json.program) as ProgramData;
		expandSchedule(program.groups, program.exceptions, TIME_ZONE, YEAR_RANGE);
	}, runs, warmup);
	const fresh = firstOpens(stored, FIRST_OPENS);
	const first = (name: keyof OpenSteps) => summarize(fresh.map((f) => f[name]));
	const derived = deriveParticipant(data.program, data.self, data.care);
	const occurrences = expandSchedule(data.program.groups, data.program.exceptions, TIME_ZONE, YEAR_RANGE).length;
	printTable(
		`Open and derive (decode, validate, derive; zod jitless as in the browser; ${runs} runs after one cold and ${warmup} warm-up)`,
		['what', 'Steady cold', 'Steady median', 'Steady p95', 'Steady CPU median', 'reference (JSON) median', 'target ≤ 20 ms'],
		[
			[`participant-year: ${derived.sessions.length} sessions, ${derived.weeks.length} weeks, ${derived.makeups.length} make-ups`, ms(steady.cold), ms(steady.median), ms(steady.p95), ms(steady.cpu), ms(reference.median), verdict(steady.median <= TIME_TARGET_MS)],
			[`program, 20 groups: a year's ${occurrences} occurrences`, ms(programOnly.cold), ms(programOnly.median), ms(programOnly.p95), ms(programOnly.cpu), ms(programReference.median), verdict(programOnly.median <= TIME_TARGET_MS)],
			['participant-year, after one check-in: read again and derive', ms(afterChange.cold), ms(afterChange.median), ms(afterChange.p95), ms(afterChange.cpu), '', '(no target)'],
			[`participant-year, first open in a fresh process (an app start), ${FIRST_OPENS} processes`, '', ms(first('total').p50), ms(first('total').max), '', '', verdict(first('total').p50 <= TIME_TARGET_MS)]
		]
	);
	printTable(
		'Where the participant-year open goes (medians)',
		['runs', 'decode 3 Yjs updates', 'validate every record (zod)', 'derive'],
		[
			['after warm-up', ms(step('decode')), ms(step('validate')), ms(step('derive'))],
			['first open in a fresh process', ms(first('decode').p50), ms(first('validate').p50), ms(first('derive').p50)]
		]
	);
	return (
		[stored.self, stored.care, stored.program].every((u) => u.byteLength <= SIZE_TARGET) &&
		steady.median <= TIME_TARGET_MS &&
		programOnly.median <= TIME_TARGET_MS &&
		first('total').p50 <= TIME_TARGET_MS
	);
}

runWhenMain(import.meta.url, growth);
