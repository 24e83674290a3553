import { describe, expect, it } from 'vitest';
import { plannedReminders } from '../domain/reminders.ts';
import { memoryStorage } from './memory-storage.test-support.ts';
import { ReminderScheduler } from './reminder-scheduler.ts';

const session = { id: 'evening@2026-03-10', start: '2026-03-10T22:00:00.000Z', skip: false };
const plan = () => plannedReminders([session], { dayBefore: true, hourBefore: true }, 'America/New_York', { from: '2026-03-08T00:00:00.000Z', to: '2026-03-12T00:00:00.000Z' });

describe('the reminder scheduler', () => {
	it('shows a due reminder once, across restarts of the app', async () => {
		const storage = memoryStorage();
		const shown: string[] = [];
		const options = {
			plan,
			show: async (r: { body: string }) => (shown.push(r.body), true),
			storageKey: 'k',
			storage,
			now: () => new Date('2026-03-10T21:10:00.000Z')
		};
		expect((await new ReminderScheduler(options).check()).length).toBe(1);
		expect(await new ReminderScheduler(options).check()).toEqual([]);
		expect(shown).toEqual(['Your group starts at 6 pm.']);
	});

	it('a reminder that could not be shown (no permission yet) is tried again later', async () => {
		const storage = memoryStorage();
		let allowed = false;
		const scheduler = new ReminderScheduler({ plan, show: async () => allowed, storageKey: 'k', storage, now: () => new Date('2026-03-10T21:10:00.000Z') });
		expect(await scheduler.check()).toEqual([]);
		allowed = true;
		expect((await scheduler.check()).map((r) => r.kind)).toEqual(['hour-before']);
	});
});
