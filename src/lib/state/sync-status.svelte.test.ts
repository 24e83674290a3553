import { describe, expect, it } from 'vitest';
import { flushSync } from 'svelte';
import { SyncStatus } from './sync-status.svelte.ts';

const doc = (name: string, unstored: number, synced = true) => ({ name, access: 'write' as const, synced, unstored, denied: null });

describe('SyncStatus', () => {
	it('says how many changes are on this device only while offline', () => {
		const cleanup = $effect.root(() => {
			const status = new SyncStatus();
			status.update('offline', [doc('self:a', 1, false), doc('care:a', 0, false)], null);
			flushSync();
			expect(status.label).toBe('Offline · 1 change on this device only');
			expect(status.unstored).toBe(1);
		});
		cleanup();
	});

	it('says all changes are saved once every document is synced and stored', () => {
		const status = new SyncStatus();
		status.update('online', [doc('self:a', 0), doc('program:p', 0)], null);
		expect(status.label).toBe('All changes saved');
		expect(status.behind).toEqual([]);
	});

	it('lists the documents that are behind', () => {
		const status = new SyncStatus();
		status.update('online', [doc('self:a', 2), doc('program:p', 0)], null);
		expect(status.label).toBe('Sending · 2 changes on this device only');
		expect(status.behind.map((d) => d.name)).toEqual(['self:a']);
	});
});
