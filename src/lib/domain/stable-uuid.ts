/** Names that stay the same across exports, so a receiver can update instead of duplicate. */

/** 32 bits of FNV-1a from a seed; four of them make a 128-bit name. */
function fnv(text: string, seed: number): string {
	let h = seed >>> 0;
	for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
	return (h >>> 0).toString(16).padStart(8, '0');
}

/** A UUID (version 8 layout, "custom") that is always the same for the same name. */
export function stableUuid(name: string): string {
	const hex = [0x811c9dc5, 0x01000193, 0x5bd1e995, 0x9e3779b9].map((seed) => fnv(name, seed)).join('');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
