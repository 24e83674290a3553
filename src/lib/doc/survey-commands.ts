/** The participant's survey answers (self document, `surveys`): one record per response. */
import type * as Y from 'yjs';
import { ulid } from 'ulid';
import type { Instant, OccurrenceId } from '../domain/ids.ts';
import type { SurveyResponse } from '../domain/records.ts';
import type { ScreeningKind } from '../domain/surveys.ts';
import { putRecord, stampSchemaVersion } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';

function put(self: Y.Doc, response: SurveyResponse): SurveyResponse {
	self.transact(() => {
		stampSchemaVersion(self);
		putRecord(self, 'self', 'surveys', response);
	}, LOCAL_ORIGIN);
	return response;
}

export interface PostSessionAnswers {
	occurrenceId: OccurrenceId;
	attended: boolean;
	rating: number;
	mood: number;
	helped: string;
	comment: string;
}

/** The short survey after a session, tied to that session. */
export function savePostSessionSurvey(self: Y.Doc, answers: PostSessionAnswers, by: string, at: Instant): SurveyResponse {
	return put(self, { id: ulid(), kind: 'post-session', ...answers, updatedAt: at, updatedBy: by });
}

/**
 * A PHQ-9 or GAD-7, every item answered 0-3. The saved response is what raises the
 * care team's urgent flag when PHQ-9 item 9 is above 0 (surveys.ts `isUrgent`).
 */
export function saveScreening(self: Y.Doc, kind: ScreeningKind, items: number[], by: string, at: Instant): SurveyResponse {
	return put(self, { id: ulid(), kind, items, updatedAt: at, updatedBy: by } as SurveyResponse);
}
