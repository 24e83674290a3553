/**
 * `npm run bench [-- <name> [options]]`: runs every benchmark, or the one named,
 * each in its own process (so one's memory and CPU do not colour the next), and
 * ends with a summary of their targets. Names and options:
 *
 *   fanout      --clients 50,500,2000 --seconds 5 --rounds 2   sync fan-out latency against the reference
 *   capacity    --clients 500 --minutes 0.75        memory per document, heap soak
 *   soak        (capacity; the full soak: `soak --minutes 10`)
 *   growth      --runs 30 --warmup 20               a participant-year and a 20-group program
 *   first-open  --runs 5                            a participant-year's first open in Chromium (an app start)
 *   caseload    --participants 200 --templates 20   first sync and dashboard recomputation
 *   client      --runs 5                            JavaScript weight, offline cold start
 *   durability  --rounds 20                         kill -9 under write load
 *   offline                                         14 days offline against a month elsewhere (issue #8)
 *   exports     --participants 100 --templates 10   the event loop during a program's year CSV (by name only)
 *
 * Exit code 0 when every benchmark ran (targets missed are reported, not failed),
 * 1 when one crashed.
 */
import { spawnSync } from 'node:child_process';
import { printTable, TARGET_MISSED } from './support/stats.ts';

const SCRIPTS: Record<string, string> = {
	fanout: 'fanout.ts',
	capacity: 'capacity.ts',
	soak: 'capacity.ts',
	growth: 'growth.ts',
	'first-open': 'growth-first-open-browser.ts',
	caseload: 'caseload.ts',
	client: 'client-weight.ts',
	durability: 'durability.ts',
	offline: 'resilience-long-offline.ts',
	exports: 'exports.ts'
};
const ALL = ['growth', 'first-open', 'caseload', 'client', 'fanout', 'capacity', 'durability', 'offline'];

const [name, ...options] = process.argv.slice(2);
if (name !== undefined && !SCRIPTS[name]) {
	console.error(`There is no benchmark "${name}". Choose one of: ${Object.keys(SCRIPTS).join(', ')}; or none for all.`);
	process.exit(1);
}
const names = name ? [name] : ALL;
const results: string[][] = [];
for (const bench of names) {
	const started = Date.now();
	console.log(`\n=== ${bench} ===`);
	const run = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', `tests/bench/${SCRIPTS[bench]}`, ...options], { stdio: 'inherit' });
	const outcome = run.status === 0 ? 'targets met' : run.status === TARGET_MISSED ? 'a target missed' : `crashed (exit ${run.status ?? run.signal})`;
	results.push([bench, outcome, `${Math.round((Date.now() - started) / 1000)} s`]);
}
printTable('Summary', ['benchmark', 'outcome', 'took'], results);
process.exitCode = results.some((r) => r[1]?.startsWith('crashed')) ? 1 : 0;
