/**
 * One participant's standing for the caseload dashboard and their record page:
 * attendance over 14 days and the enrollment, hours this week against the plan,
 * make-ups, latest screening scores and risk flags, all derived from the four
 * documents' plain data. Pure and per participant, so a store can cache rows and
 * recompute only the participant whose document changed.
 */
import { groupBy } from './collections.ts';
import { resolveAttendance } from './attendance.ts';
import { countRequests, openMessages, type OpenRequestCounts } from './care-messages.ts';
import type { Instant, LocalDate } from './ids.ts';
import { openMakeupRequests } from './makeup-requests.ts';
import { makeupLedger, makeupSummary, type MakeupObligation } from './makeups.ts';
import { attendanceRate, dailyTotals, type AttendanceRate, type ResolvedSession } from './metrics.ts';
import { participantHoursPlan, type PolicyNumbers, type RiskRuleNumbers } from './policy.ts';
import type {
	AbsenceNotice,
	AssignmentWork,
	CareTeamMessage,
	Enrollment,
	Group,
	Leave,
	LevelOfCare,
	MakeupAssignment,
	MessageHandled,
	MakeupCatalogItem,
	MakeupProgress,
	MakeupRequestHandled,
	Outreach,
	PresenceEvent,
	ScheduleAdjustment,
	SessionException,
	SurveyResponse,
	Verification
} from './records.ts';
import { riskFlags, type RiskFlags } from './risk-flags.ts';
import { addDays, expandSchedule, isoWeekStart, localDateOf, participantSchedule, zonedInstant, type Occurrence } from './schedule.ts';
import { latestScores, type ScreeningKind, type ScreeningScore } from './surveys.ts';

/** What every row shares: the program's settings and its schedule, expanded once. */
export interface ProgramContext {
	timeZone: string;
	policy: PolicyNumbers;
	rules: RiskRuleNumbers;
	groups: readonly Group[];
	catalog: readonly MakeupCatalogItem[];
	/** every occurrence from `from` to the end of the current week, by start */
	occurrences: readonly Occurrence[];
	/** the first local date the occurrences cover */
	from: LocalDate;
}

export interface ProgramData {
	timeZone: string;
	policy: PolicyNumbers;
	rules: RiskRuleNumbers;
	groups: readonly Group[];
	exceptions: readonly SessionException[];
	catalog: readonly MakeupCatalogItem[];
}

/** The program's schedule from `from` (the earliest enrollment) to the end of the week holding `now`. */
export function programContext(program: ProgramData, from: LocalDate, now: Instant): ProgramContext {
	const weekEnd = addDays(isoWeekStart(localDateOf(now, program.timeZone)), 7);
	const range = { from: zonedInstant(from, '00:00', program.timeZone), to: zonedInstant(weekEnd, '00:00', program.timeZone) };
	return {
		timeZone: program.timeZone,
		policy: program.policy,
		rules: program.rules,
		groups: program.groups,
		catalog: program.catalog,
		occurrences: expandSchedule(program.groups, program.exceptions, program.timeZone, range),
		from
	};
}

export interface CareData {
	enrollment: Enrollment | null;
	adjustments: readonly ScheduleAdjustment[];
	leaves: readonly Leave[];
	verifications: readonly Verification[];
	makeups: readonly MakeupAssignment[];
	outreach: readonly Outreach[];
	levelOfCare: readonly LevelOfCare[];
	handledMessages: readonly MessageHandled[];
	handledMakeupRequests: readonly MakeupRequestHandled[];
}

export interface SelfData {
	presence: readonly PresenceEvent[];
	absences: readonly AbsenceNotice[];
	surveys: readonly SurveyResponse[];
	makeupProgress: readonly MakeupProgress[];
	assignmentWork: readonly AssignmentWork[];
	messages: readonly CareTeamMessage[];
}

export interface ParticipantData {
	id: string;
	displayName: string;
	care: CareData | null;
	self: SelfData | null;
}

export interface ParticipantStanding {
	sessions: ResolvedSession[];
	makeups: MakeupObligation[];
	flags: RiskFlags;
	scores: Partial<Record<ScreeningKind, ScreeningScore>>;
}

const EMPTY_SELF: SelfData = { presence: [], absences: [], surveys: [], makeupProgress: [], assignmentWork: [], messages: [] };


const latest = (instants: Iterable<Instant>): Instant | null => {
	let max: Instant | null = null;
	for (const at of instants) if (max === null || at > max) max = at;
	return max;
};

/** The latest thing the participant did on their own: joined, gave notice, answered, worked, wrote. */
function lastActivity(self: SelfData): Instant | null {
	return latest([
		...self.presence.map((e) => e.at),
		...self.absences.map((n) => n.givenAt),
		...[...self.surveys, ...self.makeupProgress, ...self.assignmentWork, ...self.messages].map((r) => r.updatedAt)
	]);
}

/** When each intervention was logged (DESIGN §4: outreach, schedule, leave, make-up plan, level of care). */
function interventionTimes(care: CareData): Instant[] {
	const live = <T extends { deletedAt?: string }>(records: readonly T[]) => records.filter((r) => r.deletedAt === undefined);
	return [
		...live(care.outreach).map((o) => o.at),
		...live(care.levelOfCare).map((l) => l.at),
		...[...live(care.leaves), ...live(care.adjustments), ...live(care.makeups)].map((r) => r.updatedAt)
	];
}

/** Sessions, make-ups, screening scores and flags of one participant at `now`. */
export function participantStanding(program: ProgramContext, participant: ParticipantData, now: Instant): ParticipantStanding | null {
	const care = participant.care;
	const enrollment = care?.enrollment;
	if (!care || !enrollment || enrollment.deletedAt) return null;
	const self = participant.self ?? EMPTY_SELF;
	const nowMs = Date.parse(now);
	const { timeZone, policy } = program;

	const occurrences = participantSchedule(program.occurrences, { enrollment, adjustments: care.adjustments, leaves: care.leaves });
	const events = groupBy(self.presence, (e) => e.occurrenceId);
	const verifications = groupBy(care.verifications, (v) => v.occurrenceId);
	const notices = groupBy(self.absences, (n) => n.occurrenceId);
	const sessions: ResolvedSession[] = occurrences.map((occurrence) => ({
		occurrence,
		result: resolveAttendance({
			occurrence,
			events: events.get(occurrence.id) ?? [],
			verifications: verifications.get(occurrence.id) ?? [],
			notices: notices.get(occurrence.id) ?? [],
			policy,
			now
		})
	}));

	const makeups = makeupLedger({ sessions, assignments: care.makeups, progress: self.makeupProgress, catalog: program.catalog, policy, timeZone, now });
	const lastMonday = addDays(isoWeekStart(localDateOf(now, timeZone)), -7);
	const lastWeekSessions = sessions.filter((s) => s.occurrence.localDate >= lastMonday && s.occurrence.localDate < addDays(lastMonday, 7));
	const lastWeek =
		enrollment.startDate <= lastMonday
			? {
					weekStart: lastMonday,
					endsAt: zonedInstant(addDays(lastMonday, 7), '00:00', timeZone),
					attendedHours: dailyTotals(lastWeekSessions, timeZone, policy).reduce((sum, d) => sum + d.minutes, 0) / 60,
					planHours: participantHoursPlan(policy, enrollment).min,
					onLeave: lastWeekSessions.some((s) => s.occurrence.onLeave)
				}
			: null;
	const flags = riskFlags({
		sessions,
		surveys: self.surveys,
		overdueMakeups: makeups.filter((m) => m.overdue).map((m) => ({ occurrenceId: m.occurrence.id, overdueAt: zonedInstant(addDays(m.dueOn, 1), '00:00', timeZone) })),
		lastWeek: lastWeek && Date.parse(lastWeek.endsAt) <= nowMs ? lastWeek : null,
		lastActivityAt: lastActivity(self),
		enrolledAt: zonedInstant(enrollment.startDate, '00:00', timeZone),
		interventionTimes: interventionTimes(care),
		rules: program.rules,
		now,
		presentFraction: policy.presentFraction
	});
	return { sessions, makeups, flags, scores: latestScores(self.surveys) };
}

export interface CaseloadRow {
	participantId: string;
	displayName: string;
	groupIds: string[];
	/** the facilitators of the participant's groups: the clinicians who see them */
	clinicians: string[];
	attendance14: AttendanceRate;
	attendanceOverall: AttendanceRate;
	hoursThisWeek: number;
	/** the hours a week they are held to: the care team's plan for them, else their track's minimum */
	weeklyHoursTarget: number;
	makeupsOwed: number;
	makeupsOverdue: number;
	phq9: ScreeningScore | null;
	gad7: ScreeningScore | null;
	flags: RiskFlags;
	urgent: boolean;
	/** messages to the care team and one-to-one make-up requests not yet answered */
	requests: OpenRequestCounts;
}

/** The dashboard row of one participant, or null while they have no enrollment. */
export function caseloadRow(program: ProgramContext, participant: ParticipantData, now: Instant): CaseloadRow | null {
	const standing = participantStanding(program, participant, now);
	const care = participant.care;
	const enrollment = care?.enrollment;
	if (!standing || !care || !enrollment) return null;
	const { sessions, makeups, flags, scores } = standing;
	const nowMs = Date.parse(now);
	const since14 = nowMs - 14 * 86_400_000;
	const thisWeek = isoWeekStart(localDateOf(now, program.timeZone));
	const weekSessions = sessions.filter((s) => s.occurrence.localDate >= thisWeek && Date.parse(s.occurrence.start) <= nowMs);
	const summary = makeupSummary(makeups);
	const groupIds = [...new Set(sessions.map((s) => s.occurrence.groupId).concat(enrollment.groupIds))];
	return {
		participantId: participant.id,
		displayName: enrollment.displayName || participant.displayName,
		groupIds,
		clinicians: [...new Set(program.groups.filter((g) => groupIds.includes(g.id) && g.facilitator).map((g) => g.facilitator))],
		attendance14: attendanceRate(
			sessions.filter((s) => Date.parse(s.occurrence.end) > since14),
			now
		),
		attendanceOverall: attendanceRate(sessions, now),
		hoursThisWeek: dailyTotals(weekSessions, program.timeZone, program.policy).reduce((sum, d) => sum + d.minutes, 0) / 60,
		weeklyHoursTarget: participantHoursPlan(program.policy, enrollment).min,
		makeupsOwed: summary.pending,
		makeupsOverdue: summary.overdue,
		phq9: scores.phq9 ?? null,
		gad7: scores.gad7 ?? null,
		flags,
		urgent: flags.active.some((f) => f.urgent),
		requests: countRequests(openMessages((participant.self ?? EMPTY_SELF).messages, care), openMakeupRequests(makeups, care.handledMakeupRequests).length)
	};
}
