import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { versionedForm } from './versioned-form.svelte.ts';

describe('versionedForm', () => {
	it('keeps edits while the stored version stays, and refills from the record when a new version arrives', () => {
		let version = $state<string | null>('v1');
		let stored = { phone: '555-0100' };
		const cleanup = $effect.root(() => {
			const draft = versionedForm(() => version, () => ({ ...stored }));
			expect(draft.fields).toEqual({ phone: '555-0100' });

			draft.fields.phone = '555-0199';
			stored = { phone: '555-0123' };
			flushSync();
			expect(draft.fields.phone).toBe('555-0199');

			version = 'v2';
			flushSync();
			expect(draft.fields).toEqual({ phone: '555-0123' });
		});
		cleanup();
	});
});
