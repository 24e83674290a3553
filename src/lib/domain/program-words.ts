/**
 * The program's rules and help in plain words for participants: the policy's
 * numbers as sentences, a built-in video guide when the program wrote none, and
 * the backup phone as a number a phone can dial.
 */
import type { PolicyNumbers } from './policy.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The attendance expectations and what follows a missed session, one sentence each. */
export function policySentences(policy: PolicyNumbers): string[] {
	const percent = Math.round(policy.presentFraction * 100);
	return [
		`Join each group on time. Joining more than ${plural(policy.lateAfterMinutes, 'minute', 'minutes')} after the start counts as late, and leaving more than ${plural(policy.leftEarlyBeforeMinutes, 'minute', 'minutes')} before the end counts as leaving early.`,
		`Being there for at least ${percent}% of a session counts as attending it.`,
		`If you can't come, tell your care team at least ${plural(policy.lateCancellationHours, 'hour', 'hours')} ahead. Later than that is a late cancellation.`,
		`After a missed session, you make it up within ${plural(policy.makeupDueDays, 'day', 'days')}: a recording or recap with a worksheet, or a one-to-one session.`,
		'If you miss several sessions, your care team will reach out to see how they can help.'
	];
}

/** Steps for video trouble, for a program that has not written its own. */
export const BUILT_IN_VIDEO_GUIDE: readonly string[] = Object.freeze([
	'Close the video tab and choose “Join session” again.',
	'When the browser asks, allow the camera and the microphone.',
	'Move closer to your Wi-Fi, or switch between Wi-Fi and mobile data.',
	'Close other apps and tabs that use video or the internet.',
	'Restart your phone or computer, then join again.',
	'Still stuck? Call the backup number below and join by phone.'
]);

/** The number for a `tel:` link: digits and a leading plus only; null when there is none. */
export function dialable(phone: string): string | null {
	const trimmed = phone.trim();
	const digits = trimmed.replace(/\D/g, '');
	if (digits.length < 3) return null;
	return `${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}
