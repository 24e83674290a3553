/**
 * The Yjs shape of each document kind: which root types hold which records.
 * Only `src/lib/doc` knows this shape; everything else sees validated plain data.
 *
 * - `map` collections are a Y.Map from record id to a plain JSON record.
 * - `log` collections are an append-only Y.Array of plain JSON records.
 * - `settings` holds singletons (program info, policy, enrollment, reminder prefs)
 *   under fixed keys in one Y.Map.
 */
import type { z } from 'zod';
import * as R from '../domain/records.ts';
import type { DocumentKind } from '../domain/document-names.ts';

export const SCHEMA_VERSION = 1;
export const META = 'meta';
export const SETTINGS = 'settings';

export interface Collection<S extends z.ZodType = z.ZodType> {
	shape: 'map' | 'log';
	schema: S;
}

const map = <S extends z.ZodType>(schema: S): Collection<S> => ({ shape: 'map', schema });
const log = <S extends z.ZodType>(schema: S): Collection<S> => ({ shape: 'log', schema });

export const COLLECTIONS = {
	program: {
		groups: map(R.Group),
		exceptions: map(R.SessionException),
		makeupCatalog: map(R.MakeupCatalogItem),
		assignmentCatalog: map(R.AssignmentTemplate),
		sessionRecords: log(R.SessionRecord)
	},
	self: {
		presence: log(R.PresenceEvent),
		absences: map(R.AbsenceNotice),
		surveys: map(R.SurveyResponse),
		makeupProgress: map(R.MakeupProgress),
		assignmentWork: map(R.AssignmentWork),
		messages: map(R.CareTeamMessage)
	},
	care: {
		verifications: log(R.Verification),
		annotations: map(R.Annotation),
		makeups: map(R.MakeupAssignment),
		adjustments: map(R.ScheduleAdjustment),
		leaves: map(R.Leave),
		outreach: map(R.Outreach),
		levelOfCare: map(R.LevelOfCare),
		handledMessages: map(R.MessageHandled),
		handledMakeupRequests: map(R.MakeupRequestHandled)
	},
	private: {
		notes: map(R.PrivateNote)
	}
} as const satisfies Record<DocumentKind, Record<string, Collection>>;

export const SINGLETONS = {
	program: { info: R.ProgramInfo, policy: R.Policy, riskRules: R.RiskRules },
	self: { reminders: R.ReminderPrefs },
	care: { enrollment: R.Enrollment },
	private: {}
} as const satisfies Record<DocumentKind, Record<string, z.ZodType>>;
