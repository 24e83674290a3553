/** The care team's pages in words: rates, hours, scores and flag names, in one place. */
import type { AttendanceRate } from '../domain/metrics.ts';
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

export function scoreWords(score: ScreeningScore | null): string {
	return score ? `${score.score} (${BAND[score.band] ?? score.band})` : 'Not answered';
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
