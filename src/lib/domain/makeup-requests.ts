/**
 * A participant's request for a make-up step (a one-to-one the care team books) is
 * an open request until it is answered: a care-document record names it (a
 * follow-up, an assignment made while it was open, or "mark handled"), the
 * participant ticks the step done, or the session no longer owes that step (made up,
 * or an assignment without it). Pure over the make-up ledger, so every device that
 * holds the documents computes the same answer, whatever its clock says.
 */
import type { Instant } from './ids.ts';
import type { MakeupObligation } from './makeups.ts';
import type { MakeupCatalogItem, MakeupRequestHandled } from './records.ts';
import type { ParticipantOccurrence } from './schedule.ts';

export interface MakeupRequest {
	occurrence: ParticipantOccurrence;
	catalogItemId: string;
	/** null when the catalog no longer has the item */
	item: MakeupCatalogItem | null;
	requestedAt: Instant;
	dueOn: string;
	/** the clinician's assignment for the session, when there is one */
	makeupId: string | null;
}

/** What names one request: the session, the item, and when it was asked for. */
export type MakeupRequestRef = Pick<MakeupRequestHandled, 'occurrenceId' | 'catalogItemId' | 'requestedAt'>;

const key = (ref: MakeupRequestRef) => `${ref.occurrenceId} ${ref.catalogItemId} ${ref.requestedAt}`;

export const requestRef = (request: MakeupRequest): MakeupRequestRef => ({
	occurrenceId: request.occurrence.id,
	catalogItemId: request.catalogItemId,
	requestedAt: request.requestedAt
});

/** Every step the participant asked for and has not had yet, in sessions not yet made up, answered or not. */
export function makeupRequests(ledger: readonly MakeupObligation[]): MakeupRequest[] {
	return ledger.flatMap((obligation) =>
		obligation.status === 'made-up'
			? []
			: obligation.steps.flatMap((step) =>
					step.requestedAt && !step.doneAt
						? [
								{
									occurrence: obligation.occurrence,
									catalogItemId: step.catalogItemId,
									item: step.item,
									requestedAt: step.requestedAt,
									dueOn: obligation.dueOn,
									makeupId: obligation.assignment?.id ?? null
								}
							]
						: []
				)
	);
}

/** The requests no clinician has answered yet, oldest first. */
export function openMakeupRequests(ledger: readonly MakeupObligation[], handled: readonly MakeupRequestHandled[]): MakeupRequest[] {
	const named = new Set(handled.filter((h) => h.deletedAt === undefined).map(key));
	return makeupRequests(ledger)
		.filter((request) => !named.has(key(requestRef(request))))
		.sort((a, b) => a.requestedAt.localeCompare(b.requestedAt) || a.occurrence.start.localeCompare(b.occurrence.start) || a.catalogItemId.localeCompare(b.catalogItemId));
}
