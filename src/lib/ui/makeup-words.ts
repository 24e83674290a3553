/** Make-up statuses and steps in plain, kind words for participants. */
import type { MakeupObligation, MakeupStatus } from '../domain/makeups.ts';
import type { MakeupCatalogItem } from '../domain/records.ts';

export const MAKEUP_STATUS: Record<MakeupStatus, string> = {
	owed: 'To do',
	'in-progress': 'Started',
	done: 'Done, waiting for your clinician to check it',
	'made-up': 'Made up'
};

export const REASON: Record<MakeupObligation['reason'], string> = {
	absent: 'You missed this session',
	partial: 'You were at part of this session',
	assigned: 'Your clinician asked for a make-up for this session'
};

const STEP_ACTION: Record<MakeupCatalogItem['kind'], string> = {
	recording: 'Watch the recording',
	recap: 'Read the recap',
	worksheet: 'Fill in the worksheet',
	'one-to-one': 'Have a one-to-one with your clinician'
};

/** "Read the recap: coping with cravings", without repeating a title's own "Recap:". */
export function stepWords(item: MakeupCatalogItem): string {
	const title = item.title.replace(/^(recording|recap|worksheet|one-to-one)\s*:\s*/i, '');
	return `${STEP_ACTION[item.kind]}: ${title}`;
}
