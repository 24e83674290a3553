/**
 * Fires due reminders while the app is open: every half minute it asks what is due
 * (domain/reminders.ts) and shows each once through the service worker, so the
 * notification appears like any other on the phone. Which were shown is kept on
 * the device, so a reload or a second tab does not repeat them.
 */
import { z } from 'zod';
import { dueReminders, type Reminder } from '../domain/reminders.ts';

export interface ReminderSchedulerOptions {
	/** the reminders planned around `now` */
	plan: (now: string) => Reminder[];
	/** shows one reminder; resolves false when it could not be shown (no permission) */
	show: (reminder: Reminder) => Promise<boolean>;
	storageKey: string;
	storage?: Pick<Storage, 'getItem' | 'setItem'>;
	now?: () => Date;
	everyMs?: number;
}

/** Enough to cover a few days of reminders; older keys are long stale. */
const KEEP_KEYS = 200;

export class ReminderScheduler {
	#options: Required<ReminderSchedulerOptions>;
	#timer: ReturnType<typeof setInterval> | null = null;
	#checking = false;

	constructor(options: ReminderSchedulerOptions) {
		this.#options = { storage: globalThis.localStorage, now: () => new Date(), everyMs: 30_000, ...options };
	}

	start(): void {
		void this.check();
		this.#timer = setInterval(() => void this.check(), this.#options.everyMs);
	}

	stop(): void {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}

	/** Shows what is due now; returns the reminders shown. */
	async check(): Promise<Reminder[]> {
		if (this.#checking) return [];
		this.#checking = true;
		try {
			const shown = this.#readShown();
			const due = dueReminders(this.#options.plan(this.#options.now().toISOString()), this.#options.now().toISOString(), new Set(shown));
			const done: Reminder[] = [];
			for (const reminder of due) if (await this.#options.show(reminder)) done.push(reminder);
			if (done.length > 0) this.#options.storage.setItem(this.#options.storageKey, JSON.stringify([...shown, ...done.map((r) => r.key)].slice(-KEEP_KEYS)));
			return done;
		} finally {
			this.#checking = false;
		}
	}

	#readShown(): string[] {
		try {
			const parsed = z.array(z.string()).safeParse(JSON.parse(this.#options.storage.getItem(this.#options.storageKey) ?? '[]'));
			return parsed.success ? parsed.data : [];
		} catch {
			return [];
		}
	}
}

/** Through the service worker where there is one: a page's own `new Notification` is refused on Android. */
export async function showThroughServiceWorker(reminder: Reminder): Promise<boolean> {
	if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !('serviceWorker' in navigator)) return false;
	const registration = await navigator.serviceWorker.getRegistration();
	if (!registration) return false;
	await registration.showNotification(reminder.title, { body: reminder.body, tag: reminder.key, icon: '/icon-192.png' });
	return true;
}
