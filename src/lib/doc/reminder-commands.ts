/** A participant's reminder settings (self document singleton `reminders`). */
import type * as Y from 'yjs';
import type { Instant } from '../domain/ids.ts';
import type { ReminderSettings } from '../domain/reminders.ts';
import { putSingleton, stampSchemaVersion } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';

export function saveReminderSettings(self: Y.Doc, settings: ReminderSettings, at: Instant, by: string): void {
	const value = {
		id: 'reminders',
		updatedAt: at,
		updatedBy: by,
		dayBefore: settings.dayBefore,
		hourBefore: settings.hourBefore,
		// absent keys, not undefined values: Yjs stores plain JSON
		...(settings.dailySummaryAt ? { dailySummaryAt: settings.dailySummaryAt } : {}),
		...(settings.quietFrom && settings.quietTo ? { quietFrom: settings.quietFrom, quietTo: settings.quietTo } : {})
	};
	self.transact(() => {
		stampSchemaVersion(self);
		putSingleton(self, 'self', 'reminders', value);
	}, LOCAL_ORIGIN);
}
