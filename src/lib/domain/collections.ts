/** Small helpers over lists of plain records, shared by the derived views. */
import type { Instant } from './ids.ts';

/** Records by a key, each list in its original order. */
export function groupBy<T>(records: readonly T[], key: (record: T) => string): Map<string, T[]> {
	const groups = new Map<string, T[]>();
	for (const record of records) {
		const k = key(record);
		const list = groups.get(k);
		if (list) list.push(record);
		else groups.set(k, [record]);
	}
	return groups;
}

/** The newest of several versions: by updatedAt, then id, so every device picks the same. */
export function newest<T extends { id: string; updatedAt: Instant }>(records: readonly T[]): T | null {
	let best: T | null = null;
	for (const record of records) {
		if (!best || record.updatedAt > best.updatedAt || (record.updatedAt === best.updatedAt && record.id > best.id)) best = record;
	}
	return best;
}
