import { untrack } from 'svelte';

/**
 * A set-up form's fields, filled from the stored record and filled again whenever a new
 * version of it arrives (from any device); edits in between stay. Call it while the
 * component initialises.
 */
export function versionedForm<F>(version: () => string | null, fill: () => F): { fields: F } {
	let fields = $state(fill());
	let shown = version();
	$effect(() => {
		const next = version();
		if (next === shown) return;
		shown = next;
		fields = untrack(fill);
	});
	return {
		get fields() {
			return fields;
		}
	};
}
