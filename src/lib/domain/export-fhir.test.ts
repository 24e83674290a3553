import type { ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { instantRange, sessionLines } from './export-data.ts';
import { fhirBundle } from './export-fhir.ts';
import { NOW, NY, RANGE, SURVEYS, participant, program } from './export-fixture.ts';
import { r4Validator } from '../../../tests/support/fhir-schema.ts';

type Resource = { resourceType: string; id: string; [key: string]: unknown };

function bundle() {
	const prog = program();
	const sam = participant();
	return fhirBundle({
		participantId: sam.id,
		displayName: sam.displayName,
		lines: sessionLines(prog, sam, RANGE, NOW),
		surveys: SURVEYS,
		surveyRange: instantRange(RANGE, NY),
		now: NOW,
		range: RANGE
	}) as { resourceType: string; entry: Array<{ fullUrl: string; resource: Resource }> };
}

const resources = (kind: string) => bundle().entry.map((e) => e.resource).filter((r) => r.resourceType === kind);
const byOccurrence = (kind: string, occurrenceId: string) =>
	resources(kind).find((r) => (r.identifier as Array<{ value: string }>)[0]?.value === occurrenceId);

describe('FHIR R4 bundle', () => {
	let validate: ValidateFunction;
	beforeAll(() => {
		validate = r4Validator();
	}, 60_000);

	it('validates against the official R4 JSON schema', () => {
		const valid = validate(bundle());
		expect(validate.errors ?? []).toEqual([]);
		expect(valid).toBe(true);
	});

	it('the schema check is real: a wrong Appointment status is refused', () => {
		const broken = bundle();
		const appointment = broken.entry.find((e) => e.resource.resourceType === 'Appointment');
		if (!appointment) throw new Error('no appointment');
		appointment.resource.status = 'attended';
		expect(validate(broken)).toBe(false);
	});

	it('has a Patient, an Appointment per session, an Encounter per attended session and a response per survey not deleted', () => {
		expect(resources('Patient')).toHaveLength(1);
		expect(resources('Appointment')).toHaveLength(6);
		// 2, 3 and the moved 12th were attended
		expect(resources('Encounter')).toHaveLength(3);
		expect(resources('QuestionnaireResponse').map((r) => r.questionnaire)).toEqual([
			'http://loinc.org/q/44249-1',
			'http://loinc.org/q/69737-5',
			'urn:steady:questionnaire:post-session'
		]);
	});

	it('gives each session its Appointment status, with the cancellation reason when cancelled', () => {
		expect(byOccurrence('Appointment', 'evening@2026-03-02')?.status).toBe('fulfilled');
		expect(byOccurrence('Appointment', 'evening@2026-03-09')?.status).toBe('noshow');
		expect(byOccurrence('Appointment', 'evening@2026-03-10')).toMatchObject({
			status: 'cancelled',
			cancelationReason: { coding: [{ code: 'prov' }], text: 'Facilitator ill' }
		});
		expect(byOccurrence('Appointment', 'evening@2026-03-05')).toMatchObject({
			status: 'cancelled',
			cancelationReason: { coding: [{ code: 'pat' }] },
			participant: [{ status: 'declined' }]
		});
		// the moved session at its new time
		expect(byOccurrence('Appointment', 'evening@2026-03-12')).toMatchObject({ start: '2026-03-13T21:00:00.000Z', end: '2026-03-14T00:00:00.000Z' });
	});

	it('an Encounter spans the first join to the last leave, points at its Appointment and counts the minutes', () => {
		const late = byOccurrence('Encounter', 'evening@2026-03-03');
		expect(late).toMatchObject({
			status: 'finished',
			class: { code: 'VR' },
			period: { start: '2026-03-03T23:20:00.000Z', end: '2026-03-04T02:00:00.000Z' },
			length: { value: 160, code: 'min' }
		});
		const appointment = bundle().entry.find((e) => e.resource.id === byOccurrence('Appointment', 'evening@2026-03-03')?.id);
		expect((late?.appointment as Array<{ reference: string }>)[0]?.reference).toBe(appointment?.fullUrl);
	});

	it('a PHQ-9 response carries every item and the total', () => {
		const phq9 = resources('QuestionnaireResponse')[0];
		const items = phq9?.item as Array<{ linkId: string; answer: Array<{ valueInteger: number }> }>;
		expect(items).toHaveLength(10);
		expect(items.at(-1)).toMatchObject({ linkId: 'phq9-total', answer: [{ valueInteger: 7 }] });
	});

	it('the same data gives the same resource ids, so an EHR can update instead of duplicate', () => {
		const ids = (b: ReturnType<typeof bundle>) => b.entry.map((e) => e.fullUrl);
		expect(ids(bundle())).toEqual(ids(bundle()));
		expect(new Set(ids(bundle())).size).toBe(bundle().entry.length);
	});
});
