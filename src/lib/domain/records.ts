/**
 * Zod schemas for every record of the four documents (DESIGN §2).
 * A record is plain JSON kept under its id; a change replaces the whole record,
 * a removal sets `deletedAt`. These schemas are the only definition of the shapes:
 * the document layer validates with them on every read.
 */
import { z } from 'zod';
import { Id, Instant, LocalDate, LocalTime, OccurrenceId, TimeZone } from './ids.ts';

/**
 * A link people open from the app: https only. A `javascript:` URL written by any
 * staff device would otherwise run in every participant's copy of the app.
 */
const SafeLink = z.url({ protocol: /^https$/, error: 'a link must start with https://' }).max(2000);

const Versioned = {
	id: Id,
	updatedAt: Instant,
	updatedBy: Id,
	deletedAt: Instant.optional()
};

// ---- program:<programId> -------------------------------------------------

export const ProgramInfo = z.object({
	...Versioned,
	name: z.string().min(1).max(200),
	timeZone: TimeZone,
	backupPhone: z.string().max(40),
	orientation: z.string().max(20_000),
	techHelp: z.string().max(20_000)
});
export type ProgramInfo = z.infer<typeof ProgramInfo>;

export const Policy = z.object({
	...Versioned,
	/** a first join this many minutes after the start is late */
	lateAfterMinutes: z.number().int().min(0).max(240),
	/** a last leave this many minutes before the end is left early */
	leftEarlyBeforeMinutes: z.number().int().min(0).max(240),
	/** share of the session's minutes that counts as present */
	presentFraction: z.number().min(0).max(1),
	/** an open join with no leave is closed at the last heartbeat plus this */
	heartbeatGraceMinutes: z.number().int().min(0).max(60),
	/** a notice given less than this many hours ahead is a late cancellation */
	lateCancellationHours: z.number().min(0).max(168),
	/** attended minutes a day needs to count as billable */
	billableDailyMinutes: z.number().int().min(0).max(1440),
	weeklyHoursMin: z.number().min(0).max(168),
	weeklyHoursMax: z.number().min(0).max(168),
	makeupDueDays: z.number().int().min(0).max(60),
	/** a make-up counts as made up only once a clinician verifies it */
	makeupNeedsVerification: z.boolean().default(false),
	/** days between PHQ-9 and GAD-7 screenings */
	screeningCadenceDays: z.number().int().min(1).max(90).default(7)
});
export type Policy = z.infer<typeof Policy>;

/**
 * The numbers behind each risk flag (DESIGN §4). A rule with `enabled: false` never
 * raises its flag; the urgent flag from a survey's risk answer cannot be switched off.
 */
export const RiskRules = z.object({
	...Versioned,
	missedInARow: z.object({ enabled: z.boolean(), count: z.number().int().min(1).max(20) }),
	missedOfRecent: z.object({ enabled: z.boolean(), moreThan: z.number().int().min(0).max(50), ofLast: z.number().int().min(1).max(50) }),
	lowAttendance: z.object({
		enabled: z.boolean(),
		belowFraction: z.number().min(0).max(1),
		days: z.number().int().min(1).max(90),
		minSessions: z.number().int().min(1).max(50)
	}),
	unexcusedInEnrollment: z.object({ enabled: z.boolean(), count: z.number().int().min(1).max(50) }),
	lateOrLeftEarly: z.object({ enabled: z.boolean(), count: z.number().int().min(1).max(50), days: z.number().int().min(1).max(90) }),
	technicalAbsences: z.object({ enabled: z.boolean(), count: z.number().int().min(1).max(50), days: z.number().int().min(1).max(90) }),
	noActivity: z.object({ enabled: z.boolean(), days: z.number().int().min(1).max(90) }),
	makeupsOverdue: z.object({ enabled: z.boolean() }),
	hoursUnderPlan: z.object({ enabled: z.boolean() })
});
export type RiskRules = z.infer<typeof RiskRules>;

export const Weekday = z.number().int().min(1).max(7); // ISO: 1 = Monday … 7 = Sunday

export const Group = z.object({
	...Versioned,
	name: z.string().min(1).max(200),
	facilitator: z.string().max(200),
	weekdays: z.array(Weekday).min(1).max(7),
	startTime: LocalTime,
	durationMinutes: z.number().int().min(5).max(12 * 60),
	videoLink: SafeLink,
	startsOn: LocalDate,
	endsOn: LocalDate.optional()
});
export type Group = z.infer<typeof Group>;

export const SessionException = z.discriminatedUnion('kind', [
	z.object({ ...Versioned, kind: z.literal('cancelled'), occurrenceId: OccurrenceId, reason: z.string().max(500) }),
	z.object({
		...Versioned,
		kind: z.literal('moved'),
		occurrenceId: OccurrenceId,
		start: Instant,
		durationMinutes: z.number().int().min(5).max(12 * 60),
		reason: z.string().max(500)
	})
]);
export type SessionException = z.infer<typeof SessionException>;

export const MakeupCatalogItem = z.object({
	...Versioned,
	kind: z.enum(['recording', 'recap', 'worksheet', 'one-to-one']),
	title: z.string().min(1).max(300),
	url: SafeLink.optional(),
	groupId: Id.optional()
});
export type MakeupCatalogItem = z.infer<typeof MakeupCatalogItem>;

export const AssignmentTemplate = z.object({
	...Versioned,
	kind: z.enum(['cbt-thought-record', 'dbt-diary-card', 'mindfulness-log']),
	title: z.string().min(1).max(300),
	instructions: z.string().max(5000)
});
export type AssignmentTemplate = z.infer<typeof AssignmentTemplate>;

/**
 * How many people attended a session, as the clinicians verified it: a count and
 * nothing else, because every participant can read the program document.
 * Append-only: every version is kept, the latest (by recordedAt, then id) decides.
 */
export const SessionRecord = z.object({
	id: Id,
	occurrenceId: OccurrenceId,
	presentCount: z.number().int().min(0).max(10_000),
	recordedAt: Instant,
	recordedBy: Id
});
export type SessionRecord = z.infer<typeof SessionRecord>;

// ---- self:<participantId> ------------------------------------------------

/** Append-only. A leave written at start-up for a device closed without one is `inferred`. */
export const PresenceEvent = z.object({
	id: Id,
	occurrenceId: OccurrenceId,
	type: z.enum(['join', 'leave']),
	at: Instant,
	inferred: z.boolean().optional(),
	deviceId: z.string().max(64).optional(),
	/**
	 * The writing device's clock minus the server's, in ms, when the device had
	 * measured it (`at` is then in server time); null when it had not, so `at` rests
	 * on the device's clock alone. Absent on events from before this was recorded.
	 */
	clockSkewMs: z.number().int().nullable().optional()
});
export type PresenceEvent = z.infer<typeof PresenceEvent>;

export const AbsenceReason = z.enum([
	'scheduling-conflict',
	'illness',
	'family-emergency',
	'work-emergency',
	'technical-problem',
	'transportation',
	'other'
]);
export type AbsenceReason = z.infer<typeof AbsenceReason>;

export const AbsenceNotice = z.object({
	...Versioned,
	occurrenceId: OccurrenceId,
	reason: AbsenceReason,
	note: z.string().max(2000),
	givenAt: Instant,
	withdrawnAt: Instant.optional()
});
export type AbsenceNotice = z.infer<typeof AbsenceNotice>;

export const SurveyResponse = z.discriminatedUnion('kind', [
	z.object({
		...Versioned,
		kind: z.literal('post-session'),
		occurrenceId: OccurrenceId,
		attended: z.boolean(),
		rating: z.number().int().min(1).max(5),
		mood: z.number().int().min(1).max(5),
		helped: z.string().max(2000),
		comment: z.string().max(2000)
	}),
	z.object({ ...Versioned, kind: z.literal('phq9'), items: z.array(z.number().int().min(0).max(3)).length(9) }),
	z.object({ ...Versioned, kind: z.literal('gad7'), items: z.array(z.number().int().min(0).max(3)).length(7) })
]);
export type SurveyResponse = z.infer<typeof SurveyResponse>;

/**
 * The participant's step on a make-up for a missed session: one catalog item
 * (watched the recording, did the worksheet, asked for a one-to-one) and when it
 * was done. Keyed by session, so steps can be taken before a clinician assigns
 * anything; `makeupId` ties it to the assignment when there is one.
 */
export const MakeupProgress = z.object({
	...Versioned,
	occurrenceId: OccurrenceId,
	makeupId: Id.optional(),
	catalogItemId: Id,
	doneAt: Instant.optional(),
	/** the participant asked the care team for this step (a one-to-one) at this time */
	requestedAt: Instant.optional()
});
export type MakeupProgress = z.infer<typeof MakeupProgress>;

export const AssignmentWork = z.object({
	...Versioned,
	templateId: Id,
	kind: AssignmentTemplate.shape.kind,
	fields: z.record(z.string().max(100), z.union([z.string().max(5000), z.number(), z.boolean()])),
	submittedAt: Instant.optional()
});
export type AssignmentWork = z.infer<typeof AssignmentWork>;

export const ReminderPrefs = z.object({
	...Versioned,
	dayBefore: z.boolean(),
	hourBefore: z.boolean(),
	dailySummaryAt: LocalTime.optional(),
	quietFrom: LocalTime.optional(),
	quietTo: LocalTime.optional()
});
export type ReminderPrefs = z.infer<typeof ReminderPrefs>;

export const CareTeamMessage = z.object({
	...Versioned,
	text: z.string().min(1).max(5000),
	topic: z.enum(['general', 'phone-session-request', 'technical-trouble'])
});
export type CareTeamMessage = z.infer<typeof CareTeamMessage>;

// ---- care:<participantId> ------------------------------------------------

/**
 * The clinician's name as written with a note or an intervention, shown as "by …":
 * other clinicians' devices have no staff list. Absent on records from before it.
 */
const Authored = { updatedByName: z.string().min(1).max(200).optional() };

export const Enrollment = z.object({
	...Versioned,
	participantId: Id,
	programId: Id,
	displayName: z.string().min(1).max(200),
	groupIds: z.array(Id).max(50),
	startDate: LocalDate,
	endDate: LocalDate.optional(),
	track: z.enum(['adult', 'adolescent']),
	plannedWeeklyHours: z.number().min(0).max(40)
});
export type Enrollment = z.infer<typeof Enrollment>;

export const AttendanceStatus = z.enum(['present', 'late', 'left-early', 'partial', 'absent']);
export type AttendanceStatus = z.infer<typeof AttendanceStatus>;

/** Append-only: every version is kept, the latest (by recordedAt, then id) decides. */
export const Verification = z.object({
	id: Id,
	occurrenceId: OccurrenceId,
	attendance: AttendanceStatus,
	/** minutes attended as the clinician judged them; required for partial */
	minutes: z.number().int().min(0).max(24 * 60).optional(),
	/** the clinician's excused decision; null while undecided */
	excused: z.boolean().nullable(),
	camera: z.boolean().optional(),
	verbal: z.boolean().optional(),
	engagement: z.number().int().min(1).max(5).optional(),
	mode: z.enum(['video', 'audio-only']).optional(),
	technicalProblems: z.string().max(2000).optional(),
	recordedAt: Instant,
	recordedBy: Id,
	/** the clinician's name as shown in the history: other clinicians' devices have no staff list */
	recordedByName: z.string().max(200).optional()
});
export type Verification = z.infer<typeof Verification>;

export const Annotation = z.object({
	...Versioned,
	...Authored,
	/** what it annotates: an occurrence id or another record's id */
	target: z.string().min(1).max(100),
	text: z.string().min(1).max(5000)
});
export type Annotation = z.infer<typeof Annotation>;

export const MakeupAssignment = z.object({
	...Versioned,
	...Authored,
	occurrenceId: OccurrenceId,
	catalogItemIds: z.array(Id).min(1).max(10),
	dueOn: LocalDate,
	verifiedAt: Instant.optional()
});
export type MakeupAssignment = z.infer<typeof MakeupAssignment>;

export const ScheduleAdjustment = z.object({
	...Versioned,
	...Authored,
	kind: z.enum(['add-group', 'drop-group', 'skip-occurrence']),
	groupId: Id.optional(),
	occurrenceId: OccurrenceId.optional(),
	from: LocalDate,
	reason: z.string().max(2000)
});
export type ScheduleAdjustment = z.infer<typeof ScheduleAdjustment>;

export const Leave = z.object({
	...Versioned,
	...Authored,
	from: LocalDate,
	to: LocalDate,
	reason: z.string().max(2000)
});
export type Leave = z.infer<typeof Leave>;

export const Outreach = z.object({
	...Versioned,
	...Authored,
	channel: z.enum(['phone', 'text', 'email', 'video', 'in-app']),
	outcome: z.enum(['reached', 'left-message', 'no-answer', 'wrong-number']),
	note: z.string().max(5000),
	at: Instant
});
export type Outreach = z.infer<typeof Outreach>;

export const LevelOfCare = z.object({
	...Versioned,
	...Authored,
	recommendation: z.enum(['step-up', 'stay', 'step-down']),
	reason: z.string().min(1).max(5000),
	at: Instant
});
export type LevelOfCare = z.infer<typeof LevelOfCare>;

/**
 * A clinician answered a participant's message (self `messages`): with a logged
 * outreach (`outreachId`) or by marking it handled. It names the message, so no
 * device clock decides whether the message is still open.
 */
export const MessageHandled = z.object({
	...Versioned,
	messageId: Id,
	outreachId: Id.optional()
});
export type MessageHandled = z.infer<typeof MessageHandled>;

/**
 * A clinician answered a participant's request for a make-up step (a one-to-one,
 * self `makeupProgress.requestedAt`): with a logged outreach, an assignment, or by
 * marking it handled. It names the request by session, item and request time.
 */
export const MakeupRequestHandled = z.object({
	...Versioned,
	occurrenceId: OccurrenceId,
	catalogItemId: Id,
	requestedAt: Instant,
	outreachId: Id.optional(),
	makeupId: Id.optional()
});
export type MakeupRequestHandled = z.infer<typeof MakeupRequestHandled>;

// ---- private:<participantId> ---------------------------------------------

export const PrivateNote = z.object({
	...Versioned,
	...Authored,
	target: z.string().max(100).optional(),
	text: z.string().min(1).max(20_000)
});
export type PrivateNote = z.infer<typeof PrivateNote>;
