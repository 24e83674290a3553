/** When the demo program's evening group meets, for tests that pick a real session. */
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';

const ZONE = 'America/New_York';

/** The most recent evening group session (Mon, Tue, Thu 18:00-21:00 in New York) that has ended. */
export function lastEndedEveningSession(now = new Date()): string {
	for (let back = 0; back < 8; back++) {
		const day = new TZDate(now.getTime() - back * 86_400_000, ZONE);
		// 21:00 on that day in New York: a date-time string would be read in the process's zone
		const end = new TZDate(day.getFullYear(), day.getMonth(), day.getDate(), 21, 0, 0, ZONE);
		if ([1, 2, 4].includes(day.getDay()) && end.getTime() < now.getTime()) return `evening@${format(day, 'yyyy-MM-dd')}`;
	}
	throw new Error('no evening session in the last week');
}
