/** Percentiles and plain-text tables for benchmark output. */

/** The p-th percentile (0-100) by nearest rank; NaN for no samples. */
export function percentile(sorted: readonly number[], p: number): number {
	if (sorted.length === 0) return NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export interface Summary {
	count: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
}

export function summarize(samples: readonly number[]): Summary {
	const sorted = [...samples].sort((a, b) => a - b);
	return {
		count: sorted.length,
		p50: percentile(sorted, 50),
		p95: percentile(sorted, 95),
		p99: percentile(sorted, 99),
		max: sorted.at(-1) ?? NaN
	};
}

export const ms = (value: number, digits = 1): string => (Number.isFinite(value) ? `${value.toFixed(digits)} ms` : '-');
export const kB = (bytes: number, digits = 1): string => `${(bytes / 1024).toFixed(digits)} kB`;
export const MB = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Prints a title, then rows as aligned columns under a header. */
export function printTable(title: string, header: readonly string[], rows: readonly (readonly string[])[]): void {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
	const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
	console.log(`\n${title}`);
	console.log(line(header));
	console.log(widths.map((w) => '-'.repeat(w)).join('  '));
	for (const row of rows) console.log(line(row));
}

/** A pass/miss mark for a figure against its target. */
export const verdict = (ok: boolean): string => (ok ? 'meets target' : 'MISSES target');

/** A command-line option `--name value`, or the fallback. */
export function option(args: readonly string[], name: string, fallback: number): number {
	const index = args.indexOf(`--${name}`);
	if (index < 0) return fallback;
	const value = Number(args[index + 1]);
	if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} needs a positive number, e.g. --${name} ${fallback}`);
	return value;
}

/** A benchmark's exit code when it ran but missed a target (1 is a crash). */
export const TARGET_MISSED = 3;

/**
 * Runs a benchmark when its own file is the script node was started with: the exit
 * code is TARGET_MISSED when it ran and missed a target, 1 when it crashed.
 */
export function runWhenMain(moduleUrl: string, bench: (args: readonly string[]) => Promise<boolean>): void {
	if (moduleUrl !== `file://${process.argv[1]}`) return;
	bench(process.argv.slice(2)).then(
		(met) => {
			if (!met) process.exitCode = TARGET_MISSED;
		},
		(error: unknown) => {
			console.error(error);
			process.exitCode = 1;
		}
	);
}
