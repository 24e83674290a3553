/** The care team's pages in words: rates, hours, scores and flag names, in one place. */
import type { RequestTopic, OpenRequestCounts } from '../domain/care-messages.ts';
import type { AttendanceRate } from '../domain/metrics.ts';
import type { Outreach } from '../domain/records.ts';
import type { RiskFlagKind } from '../domain/risk-flags.ts';
import type { ScreeningScore } from '../domain/surveys.ts';

export function rateWords(rate: AttendanceRate): string {
	if (rate.rate === null) return 'No sessions yet';
	return `${Math.round(rate.rate * 100)}% of ${rate.sessions === 1 ? '1 session' : `${rate.sessions} sessions`}`;
}

export const hoursWords = (hours: number): string => `${Math.round(hours * 10) / 10} h`;

const BAND: Record<string, string> = {
	minimal: 'minimal',
	mild: 'mild',
	moderate: 'moderate',
	'moderately-severe': 'moderately severe',
	severe: 'severe'
};

export const bandWords = (band: string): string => BAND[band] ?? band;

export function scoreWords(score: ScreeningScore | null): string {
	return score ? `${score.score} (${bandWords(score.band)})` : 'Not answered';
}

export const FLAG_TITLE: Record<RiskFlagKind, string> = {
	'urgent-survey': 'Urgent: risk answer on PHQ-9',
	'missed-in-a-row': 'Missed sessions in a row',
	'missed-of-recent': 'Missed recent sessions',
	'low-attendance': 'Low attendance',
	'unexcused-absences': 'Unexcused absences',
	'late-or-left-early': 'Late or left early',
	'technical-absences': 'Technical problems',
	'no-activity': 'No activity',
	'makeups-overdue': 'Make-ups overdue',
	'hours-under-plan': 'Hours under the plan'
};

export const TOPIC_TITLE: Record<RequestTopic, string> = {
	'phone-session-request': 'Phone session requested',
	'one-to-one': 'One-to-one make-up requested',
	'technical-trouble': 'Technical trouble',
	general: 'Message'
};

/** A caseload cell: "Phone session requested, Technical trouble (2)", or "None". */
export function requestWords(counts: OpenRequestCounts): string {
	const topics: RequestTopic[] = ['phone-session-request', 'one-to-one', 'technical-trouble', 'general'];
	const named = topics.filter((t) => counts[t] > 0).map((t) => (counts[t] > 1 ? `${TOPIC_TITLE[t]} (${counts[t]})` : TOPIC_TITLE[t]));
	return named.join(', ') || 'None';
}

export const OUTREACH_CHANNEL_CHOICES: ReadonlyArray<[Outreach['channel'], string]> = [
	['phone', 'Phone'],
	['text', 'Text message'],
	['email', 'Email'],
	['video', 'Video'],
	['in-app', 'In the app']
];

export const OUTREACH_OUTCOME_CHOICES: ReadonlyArray<[Outreach['outcome'], string]> = [
	['reached', 'Reached them'],
	['left-message', 'Left a message'],
	['no-answer', 'No answer'],
	['wrong-number', 'Wrong number']
];
