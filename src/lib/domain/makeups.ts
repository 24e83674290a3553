/**
 * Make-up obligations (DESIGN §4): every absence or partial session owes a make-up
 * within the policy's days, unless the participant was on leave. A make-up is a
 * recording or recap plus its worksheet, or a one-to-one session; when a clinician
 * assigns specific items, those are what is owed. The ledger is derived on every
 * device from the sessions, the clinician's assignments and the participant's steps.
 */
import { groupBy, newest } from './collections.ts';
import type { AttendanceState } from './attendance.ts';
import type { Instant, LocalDate, OccurrenceId } from './ids.ts';
import type { ResolvedSession } from './metrics.ts';
import type { PolicyNumbers } from './policy.ts';
import type { MakeupAssignment, MakeupCatalogItem, MakeupProgress } from './records.ts';
import { addDays, localDateOf, type ParticipantOccurrence } from './schedule.ts';

export type MakeupStatus =
	/** nothing done yet */
	| 'owed'
	/** some steps done */
	| 'in-progress'
	/** every step done, waiting for a clinician to verify it (when the policy asks) */
	| 'done'
	| 'made-up';

export interface MakeupStep {
	catalogItemId: string;
	/** null when the catalog no longer has the item */
	item: MakeupCatalogItem | null;
	doneAt: Instant | null;
	/** when the participant asked for it (a one-to-one needs the care team to book it) */
	requestedAt: Instant | null;
}

export interface MakeupObligation {
	occurrence: ParticipantOccurrence;
	/** why it is owed; `assigned` when a clinician asked for one anyway */
	reason: 'absent' | 'partial' | 'assigned';
	/** the care team's verification excused the absence: it still owes a make-up, but the participant should know */
	excused: boolean;
	dueOn: LocalDate;
	assignment: MakeupAssignment | null;
	/** the assignment's items, or else every catalog option for the session's group */
	steps: MakeupStep[];
	status: MakeupStatus;
	/** not finished and past its due date (in the program's zone) */
	overdue: boolean;
}

export interface MakeupInput {
	sessions: readonly ResolvedSession[];
	assignments: readonly MakeupAssignment[];
	progress: readonly MakeupProgress[];
	catalog: readonly MakeupCatalogItem[];
	policy: Pick<PolicyNumbers, 'makeupDueDays' | 'makeupNeedsVerification'>;
	timeZone: string;
	now: Instant;
}

/** Why a session owes a make-up; late and left-early sessions do not. */
function owingReason(status: AttendanceState): 'absent' | 'partial' | null {
	if (status === 'partial') return 'partial';
	return status === 'absent' || status === 'absent-notified' || status === 'absent-not-notified' ? 'absent' : null;
}



/** When a step is done or asked for: the newest version of the participant's record for it decides. */
function stepState(progress: readonly MakeupProgress[] | undefined, catalogItemId: string): Pick<MakeupStep, 'doneAt' | 'requestedAt'> {
	const latest = newest((progress ?? []).filter((step) => step.catalogItemId === catalogItemId));
	if (!latest || latest.deletedAt) return { doneAt: null, requestedAt: null };
	return { doneAt: latest.doneAt ?? null, requestedAt: latest.requestedAt ?? null };
}

/**
 * Without an assignment, either path completes it: a recording or recap with a
 * worksheet (when the catalog has one), or a one-to-one.
 */
function optionsComplete(steps: readonly MakeupStep[]): boolean {
	const done = (kinds: string[]) => steps.some((step) => step.doneAt && step.item && kinds.includes(step.item.kind));
	const hasWorksheet = steps.some((step) => step.item?.kind === 'worksheet');
	return done(['one-to-one']) || (done(['recording', 'recap']) && (!hasWorksheet || done(['worksheet'])));
}

export function makeupLedger(input: MakeupInput): MakeupObligation[] {
	const catalog = new Map(input.catalog.filter((item) => !item.deletedAt).map((item) => [item.id, item]));
	const assignments = groupBy(input.assignments, (assignment) => assignment.occurrenceId);
	const progress = groupBy(input.progress, (step) => step.occurrenceId);
	const today = localDateOf(input.now, input.timeZone);
	const ledger: MakeupObligation[] = [];

	for (const { occurrence, result } of input.sessions) {
		const latest = newest(assignments.get(occurrence.id) ?? []);
		const assignment = latest && !latest.deletedAt ? latest : null;
		const owing = owingReason(result.attendance.status);
		if (occurrence.cancelled || occurrence.onLeave || (!owing && !assignment)) continue;

		const itemIds = assignment
			? assignment.catalogItemIds
			: [...catalog.values()].filter((item) => !item.groupId || item.groupId === occurrence.groupId).map((item) => item.id);
		const sessionSteps = progress.get(occurrence.id);
		const steps = itemIds.map((catalogItemId) => ({
			catalogItemId,
			item: catalog.get(catalogItemId) ?? null,
			...stepState(sessionSteps, catalogItemId)
		}));

		const complete = assignment ? steps.length > 0 && steps.every((step) => step.doneAt) : optionsComplete(steps);
		const verified = Boolean(assignment?.verifiedAt);
		const status: MakeupStatus =
			verified || (complete && !input.policy.makeupNeedsVerification)
				? 'made-up'
				: complete
					? 'done'
					: steps.some((step) => step.doneAt)
						? 'in-progress'
						: 'owed';
		const dueOn = assignment?.dueOn ?? addDays(localDateOf(occurrence.end, input.timeZone), input.policy.makeupDueDays);

		ledger.push({
			occurrence,
			reason: owing ?? 'assigned',
			excused: owing === 'absent' && result.excused === true,
			dueOn,
			assignment,
			steps,
			status,
			overdue: (status === 'owed' || status === 'in-progress') && today > dueOn
		});
	}
	return ledger.sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.occurrence.start.localeCompare(b.occurrence.start));
}

export interface MakeupSummary {
	/** not yet made up (owed, in progress or awaiting verification) */
	pending: number;
	overdue: number;
	madeUp: number;
}

export function makeupSummary(ledger: readonly MakeupObligation[]): MakeupSummary {
	return {
		pending: ledger.filter((obligation) => obligation.status !== 'made-up').length,
		overdue: ledger.filter((obligation) => obligation.overdue).length,
		madeUp: ledger.filter((obligation) => obligation.status === 'made-up').length
	};
}

/** The obligation for one session, if it owes one. */
export function obligationFor(ledger: readonly MakeupObligation[], occurrenceId: OccurrenceId): MakeupObligation | undefined {
	return ledger.find((obligation) => obligation.occurrence.id === occurrenceId);
}
