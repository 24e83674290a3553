/**
 * Survey scoring and cadence (DESIGN §4): the PHQ-9 and GAD-7 with their standard
 * severity bands, the urgent risk answer, and which surveys are due. Scores are
 * derived on every device from the stored answers, never stored themselves.
 */
import type { Instant, OccurrenceId } from './ids.ts';
import type { ResolvedSession } from './metrics.ts';
import type { PolicyNumbers } from './policy.ts';
import type { SurveyResponse } from './records.ts';

export type Phq9Band = 'minimal' | 'mild' | 'moderate' | 'moderately-severe' | 'severe';
export type Gad7Band = 'minimal' | 'mild' | 'moderate' | 'severe';
export type ScreeningKind = 'phq9' | 'gad7';

export interface ScreeningScore {
	responseId: string;
	kind: ScreeningKind;
	at: Instant;
	score: number;
	band: Phq9Band | Gad7Band;
	/** PHQ-9 item 9 (thoughts of self-harm) answered above 0 */
	urgent: boolean;
}

type PostSession = Extract<SurveyResponse, { kind: 'post-session' }>;
type Screening = Exclude<SurveyResponse, PostSession>;

const sum = (items: readonly number[]): number => items.reduce((total, item) => total + item, 0);

/** PHQ-9: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-19 moderately severe, 20-27 severe. */
export function scorePhq9(items: readonly number[]): { score: number; band: Phq9Band } {
	const score = sum(items);
	const band = score >= 20 ? 'severe' : score >= 15 ? 'moderately-severe' : score >= 10 ? 'moderate' : score >= 5 ? 'mild' : 'minimal';
	return { score, band };
}

/** GAD-7: 0-4 minimal, 5-9 mild, 10-14 moderate, 15-21 severe. */
export function scoreGad7(items: readonly number[]): { score: number; band: Gad7Band } {
	const score = sum(items);
	const band = score >= 15 ? 'severe' : score >= 10 ? 'moderate' : score >= 5 ? 'mild' : 'minimal';
	return { score, band };
}

/** Any answer above 0 on PHQ-9 item 9 raises the urgent flag at once. */
export function isUrgent(response: SurveyResponse): boolean {
	return response.kind === 'phq9' && (response.items[8] ?? 0) > 0;
}

const isScreening = (response: SurveyResponse): response is Screening => response.kind !== 'post-session';
const live = (responses: readonly SurveyResponse[]) => responses.filter((response) => !response.deletedAt);

/** Every screening scored, oldest first: the trend both dashboards draw. */
export function screeningScores(responses: readonly SurveyResponse[]): ScreeningScore[] {
	return live(responses)
		.filter(isScreening)
		.map((response) => ({
			responseId: response.id,
			kind: response.kind,
			at: response.updatedAt,
			urgent: isUrgent(response),
			...(response.kind === 'phq9' ? scorePhq9(response.items) : scoreGad7(response.items))
		}))
		.sort((a, b) => a.at.localeCompare(b.at) || a.responseId.localeCompare(b.responseId));
}

/** The latest score of each screening, when there is one. */
export function latestScores(responses: readonly SurveyResponse[]): Partial<Record<ScreeningKind, ScreeningScore>> {
	const latest: Partial<Record<ScreeningKind, ScreeningScore>> = {};
	for (const score of screeningScores(responses)) latest[score.kind] = score;
	return latest;
}

/** Responses that signal risk, newest first. */
export function urgentScores(responses: readonly SurveyResponse[]): ScreeningScore[] {
	return screeningScores(responses)
		.filter((score) => score.urgent)
		.reverse();
}

/**
 * Which screenings are due: one whose last answer is at least the policy's cadence
 * old, or that was never answered.
 */
export function screeningsDue(responses: readonly SurveyResponse[], policy: Pick<PolicyNumbers, 'screeningCadenceDays'>, now: Instant): ScreeningKind[] {
	const latest = latestScores(responses);
	const cadenceMs = policy.screeningCadenceDays * 86_400_000;
	return (['phq9', 'gad7'] as const).filter((kind) => {
		const last = latest[kind];
		return !last || Date.parse(now) - Date.parse(last.at) >= cadenceMs;
	});
}

/** How long after a session its survey is still offered. */
export const POST_SESSION_SURVEY_DAYS = 7;

const ATTENDED = new Set(['present', 'late', 'left-early', 'partial']);

/**
 * Sessions that ended within the last week, that the participant attended at least
 * in part, and that have no post-session survey yet: newest first.
 */
export function postSessionSurveysDue(sessions: readonly ResolvedSession[], responses: readonly SurveyResponse[], now: Instant): OccurrenceId[] {
	const answered = new Set(
		live(responses)
			.filter((response): response is PostSession => response.kind === 'post-session')
			.map((response) => response.occurrenceId)
	);
	const nowMs = Date.parse(now);
	const oldest = nowMs - POST_SESSION_SURVEY_DAYS * 86_400_000;
	return sessions
		.filter(({ occurrence, result }) => {
			const end = Date.parse(occurrence.end);
			return end <= nowMs && end > oldest && !occurrence.cancelled && ATTENDED.has(result.attendance.status) && !answered.has(occurrence.id);
		})
		.sort((a, b) => b.occurrence.start.localeCompare(a.occurrence.start))
		.map(({ occurrence }) => occurrence.id);
}
