/**
 * A participant's sessions and surveys as a FHIR R4 Bundle (type `collection`) for
 * an EHR: a Patient, an Appointment per session (status, and the cancellation
 * reason when cancelled), an Encounter with its period per attended session, and a
 * QuestionnaireResponse per PHQ-9, GAD-7 and post-session survey. Every resource
 * has a stable `urn:uuid:` derived from Steady's ids, so exporting twice gives the
 * same identities and an EHR can update instead of duplicate.
 */
import type { Instant } from './ids.ts';
import type { DateRange, SessionLine } from './export-data.ts';
import type { SurveyResponse } from './records.ts';
import { stableUuid } from './stable-uuid.ts';

type Json = Record<string, unknown>;

const CANCELLATION = 'http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const UCUM = 'http://unitsofmeasure.org';
/** LOINC panels: PHQ-9 and GAD-7 */
const QUESTIONNAIRE = {
	phq9: 'http://loinc.org/q/44249-1',
	gad7: 'http://loinc.org/q/69737-5',
	'post-session': 'urn:steady:questionnaire:post-session'
} as const;
const STEADY = { participant: 'urn:steady:participant', occurrence: 'urn:steady:occurrence', survey: 'urn:steady:survey' } as const;

const ref = (kind: string, name: string) => `urn:uuid:${stableUuid(`${kind}:${name}`)}`;

interface Cancellation {
	code: 'pat' | 'prov';
	display: string;
	text: string;
}

function appointmentStatus(line: SessionLine): { status: string; cancellation?: Cancellation; declined?: boolean } {
	if (line.occurrence.cancelled) {
		return { status: 'cancelled', cancellation: { code: 'prov', display: 'Provider', text: line.occurrence.reason || 'Cancelled by the program' } };
	}
	switch (line.attendance) {
		case 'absent-notified':
			return { status: 'cancelled', declined: true, cancellation: { code: 'pat', display: 'Patient', text: 'The participant gave notice of absence' } };
		case 'on-leave':
			return { status: 'cancelled', declined: true, cancellation: { code: 'pat', display: 'Patient', text: 'The participant was on approved leave' } };
		case 'absent':
		case 'absent-not-notified':
			return { status: 'noshow' };
		case 'upcoming':
			return { status: 'booked' };
		case 'live':
			return { status: 'arrived' };
		default:
			return { status: 'fulfilled' };
	}
}

function appointment(line: SessionLine, patient: string, patientName: string): Json {
	const { status, cancellation, declined } = appointmentStatus(line);
	return {
		resourceType: 'Appointment',
		id: stableUuid(`Appointment:${line.participantId}/${line.occurrence.id}`),
		identifier: [{ system: STEADY.occurrence, value: line.occurrence.id }],
		status,
		...(cancellation
			? { cancelationReason: { coding: [{ system: CANCELLATION, code: cancellation.code, display: cancellation.display }], text: cancellation.text } }
			: {}),
		description: line.occurrence.groupName,
		start: line.occurrence.start,
		end: line.occurrence.end,
		minutesDuration: line.occurrence.durationMinutes,
		participant: [{ actor: { reference: patient, display: patientName }, status: declined ? 'declined' : 'accepted' }]
	};
}

/** Only for sessions the participant was in: the period runs from the first join to the last leave. */
function encounter(line: SessionLine, patient: string): Json | null {
	if (line.timeIn === null || line.minutes === 0) return null;
	return {
		resourceType: 'Encounter',
		id: stableUuid(`Encounter:${line.participantId}/${line.occurrence.id}`),
		identifier: [{ system: STEADY.occurrence, value: line.occurrence.id }],
		status: line.attendance === 'live' ? 'in-progress' : 'finished',
		class: { system: ACT_CODE, code: 'VR', display: 'virtual' },
		subject: { reference: patient },
		appointment: [{ reference: ref('Appointment', `${line.participantId}/${line.occurrence.id}`) }],
		period: { start: line.timeIn, ...(line.timeOut ? { end: line.timeOut } : {}) },
		length: { value: line.minutes, unit: 'min', system: UCUM, code: 'min' }
	};
}

const integerItem = (linkId: string, text: string, value: number): Json => ({ linkId, text, answer: [{ valueInteger: value }] });

function surveyItems(survey: SurveyResponse): Json[] {
	if (survey.kind === 'post-session') {
		const items: Json[] = [
			{ linkId: 'occurrence', text: 'Session', answer: [{ valueString: survey.occurrenceId }] },
			{ linkId: 'attended', text: 'I attended', answer: [{ valueBoolean: survey.attended }] },
			integerItem('rating', 'Rating (1-5)', survey.rating),
			integerItem('mood', 'Mood (1-5)', survey.mood)
		];
		// a FHIR string is never empty: empty answers are left out
		if (survey.helped.trim()) items.push({ linkId: 'helped', text: 'What helped', answer: [{ valueString: survey.helped }] });
		if (survey.comment.trim()) items.push({ linkId: 'comment', text: 'Comment', answer: [{ valueString: survey.comment }] });
		return items;
	}
	const total = survey.items.reduce((sum, value) => sum + value, 0);
	return [...survey.items.map((value, i) => integerItem(`${survey.kind}-${i + 1}`, `Item ${i + 1}`, value)), integerItem(`${survey.kind}-total`, 'Total score', total)];
}

function questionnaireResponse(survey: SurveyResponse, participantId: string, patient: string): Json {
	return {
		resourceType: 'QuestionnaireResponse',
		id: stableUuid(`QuestionnaireResponse:${participantId}/${survey.id}`),
		identifier: { system: STEADY.survey, value: survey.id },
		questionnaire: QUESTIONNAIRE[survey.kind],
		status: 'completed',
		subject: { reference: patient },
		authored: survey.updatedAt,
		item: surveyItems(survey)
	};
}

export interface FhirExportInput {
	participantId: string;
	displayName: string;
	lines: readonly SessionLine[];
	/** surveys of the participant; those not deleted and answered in `surveyRange` are exported */
	surveys: readonly SurveyResponse[];
	surveyRange: { from: Instant; to: Instant };
	now: Instant;
	range: DateRange;
}

const entry = (resource: Json) => ({ fullUrl: `urn:uuid:${resource.id as string}`, resource });

export function fhirBundle(input: FhirExportInput): Json {
	const patient = ref('Patient', input.participantId);
	const surveys = input.surveys
		.filter((s) => s.deletedAt === undefined && s.updatedAt >= input.surveyRange.from && s.updatedAt < input.surveyRange.to)
		.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
	const resources: Json[] = [
		{
			resourceType: 'Patient',
			id: stableUuid(`Patient:${input.participantId}`),
			identifier: [{ system: STEADY.participant, value: input.participantId }],
			name: [{ text: input.displayName }]
		},
		...input.lines.map((line) => appointment(line, patient, input.displayName)),
		...input.lines.map((line) => encounter(line, patient)).filter((e): e is Json => e !== null),
		...surveys.map((survey) => questionnaireResponse(survey, input.participantId, patient))
	];
	return {
		resourceType: 'Bundle',
		id: stableUuid(`Bundle:${input.participantId}/${input.range.from}/${input.range.to}/${input.now}`),
		meta: { lastUpdated: input.now },
		type: 'collection',
		timestamp: input.now,
		entry: resources.map(entry)
	};
}
