/**
 * A participant's record as one timeline, newest first: sessions with their three
 * facts (attendance, excused, billable) and make-up, absence notices, surveys,
 * submitted work with its answers, messages to the care team (open or answered), annotations
 * (shared or private, never confused) and interventions.
 */
import { answersOf, type Answer } from './assignment-forms.ts';
import { answeredMessageIds } from './care-messages.ts';
import type { Instant } from './ids.ts';
import type { MakeupObligation } from './makeups.ts';
import { dailyTotals, type ResolvedSession } from './metrics.ts';
import type { PolicyNumbers } from './policy.ts';
import type {
	AbsenceNotice,
	Annotation,
	AssignmentWork,
	CareTeamMessage,
	Leave,
	LevelOfCare,
	MessageHandled,
	Outreach,
	PrivateNote,
	ScheduleAdjustment,
	SurveyResponse
} from './records.ts';
import { localDateOf } from './schedule.ts';
import { scoreGad7, scorePhq9 } from './surveys.ts';

export interface Note {
	id: string;
	text: string;
	at: Instant;
	by: string;
	/** the author's name as written with the note; null on notes from before names were kept */
	byName: string | null;
	/** shared: in the care document, the participant reads it; private: clinicians only */
	visibility: 'shared' | 'private';
}

export type Intervention =
	| { type: 'outreach'; record: Outreach }
	| { type: 'leave'; record: Leave }
	| { type: 'adjustment'; record: ScheduleAdjustment }
	| { type: 'level-of-care'; record: LevelOfCare };

export type TimelineEntry =
	| { kind: 'session'; at: Instant; session: ResolvedSession; billable: boolean; makeup: MakeupObligation | null; notes: Note[] }
	| { kind: 'notice'; at: Instant; notice: AbsenceNotice }
	| { kind: 'survey'; at: Instant; survey: SurveyResponse; score: { score: number; band: string } | null; urgent: boolean }
	| { kind: 'work'; at: Instant; work: AssignmentWork; answers: Answer[] }
	| { kind: 'message'; at: Instant; message: CareTeamMessage; answered: boolean }
	| { kind: 'note'; at: Instant; note: Note; notice: AbsenceNotice | null }
	| { kind: 'intervention'; at: Instant; intervention: Intervention };

export interface TimelineInput {
	sessions: readonly ResolvedSession[];
	makeups: readonly MakeupObligation[];
	notices: readonly AbsenceNotice[];
	surveys: readonly SurveyResponse[];
	work: readonly AssignmentWork[];
	annotations: readonly Annotation[];
	privateNotes: readonly PrivateNote[];
	outreach: readonly Outreach[];
	leaves: readonly Leave[];
	adjustments: readonly ScheduleAdjustment[];
	levelOfCare: readonly LevelOfCare[];
	messages: readonly CareTeamMessage[];
	handledMessages: readonly MessageHandled[];
	timeZone: string;
	policy: PolicyNumbers;
	now: Instant;
}

const live = <T extends { deletedAt?: string }>(records: readonly T[]) => records.filter((r) => r.deletedAt === undefined);

function surveyScore(survey: SurveyResponse): { score: number; band: string } | null {
	if (survey.kind === 'phq9') return scorePhq9(survey.items);
	if (survey.kind === 'gad7') return scoreGad7(survey.items);
	return null;
}

export function recordTimeline(input: TimelineInput): TimelineEntry[] {
	const nowMs = Date.parse(input.now);
	const billableDays = new Set(dailyTotals(input.sessions, input.timeZone, input.policy).filter((d) => d.billable).map((d) => d.localDate));
	const notes: Array<Note & { target: string }> = [
		...live(input.annotations).map((a) => ({ id: a.id, target: a.target, text: a.text, at: a.updatedAt, by: a.updatedBy, byName: a.updatedByName ?? null, visibility: 'shared' as const })),
		...live(input.privateNotes).map((n) => ({ id: n.id, target: n.target ?? '', text: n.text, at: n.updatedAt, by: n.updatedBy, byName: n.updatedByName ?? null, visibility: 'private' as const }))
	].sort((a, b) => a.at.localeCompare(b.at));
	const sessionIds = new Set(input.sessions.map((s) => s.occurrence.id));
	const makeups = new Map(input.makeups.map((m) => [m.occurrence.id, m]));
	const answered = answeredMessageIds(input.messages, input);
	const notices = new Map(input.notices.map((n) => [n.id, n]));
	const plain = ({ id, text, at, by, byName, visibility }: Note & { target: string }): Note => ({ id, text, at, by, byName, visibility });

	const entries: TimelineEntry[] = [
		...input.sessions
			.filter((s) => Date.parse(s.occurrence.start) <= nowMs)
			.map((session) => ({
				kind: 'session' as const,
				at: session.occurrence.start,
				session,
				billable: billableDays.has(localDateOf(session.occurrence.start, input.timeZone)),
				makeup: makeups.get(session.occurrence.id) ?? null,
				notes: notes.filter((n) => n.target === session.occurrence.id).map(plain)
			})),
		...live(input.notices).map((notice) => ({ kind: 'notice' as const, at: notice.givenAt, notice })),
		...live(input.surveys).map((survey) => ({
			kind: 'survey' as const,
			at: survey.updatedAt,
			survey,
			score: surveyScore(survey),
			urgent: survey.kind === 'phq9' && (survey.items[8] ?? 0) > 0
		})),
		...live(input.work)
			.filter((w) => w.submittedAt)
			.map((work) => ({ kind: 'work' as const, at: work.submittedAt ?? work.updatedAt, work, answers: answersOf(work.kind, work.fields) })),
		...live(input.messages).map((message) => ({ kind: 'message' as const, at: message.updatedAt, message, answered: answered.has(message.id) })),
		...notes.filter((n) => !sessionIds.has(n.target)).map((n) => ({ kind: 'note' as const, at: n.at, note: plain(n), notice: notices.get(n.target) ?? null })),
		...live(input.outreach).map((record) => ({ kind: 'intervention' as const, at: record.at, intervention: { type: 'outreach' as const, record } })),
		...live(input.leaves).map((record) => ({ kind: 'intervention' as const, at: record.updatedAt, intervention: { type: 'leave' as const, record } })),
		...live(input.adjustments).map((record) => ({ kind: 'intervention' as const, at: record.updatedAt, intervention: { type: 'adjustment' as const, record } })),
		...live(input.levelOfCare).map((record) => ({ kind: 'intervention' as const, at: record.at, intervention: { type: 'level-of-care' as const, record } }))
	];
	return entries.sort((a, b) => b.at.localeCompare(a.at));
}
