/**
 * Exports (docs/API.md, "Exports"): only clinicians and admins of the program;
 * participants never; other programs' participants and groups are 404; a bad query
 * is 400 with the field named; a recipient that no unrevoked consent names is
 * 403 no-consent; every export is a disclosure (recorded and audited) and every
 * withheld participant an audited refusal.
 */
import type { ValidateFunction } from 'ajv';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addOtherProgram, apiCall, serverPool, signIn, type TestServer } from '../../sync-server/test/support.ts';
import { r4Validator } from '../support/fhir-schema.ts';

const pool = serverPool();
let server: TestServer;
let clinician: string;

const CARE_TEAM = 'Care team of Steady Demo IOP';
const call = (path: string, cookie: string, body?: unknown) => apiCall(server.url, path, cookie, body);

/** Today in New York and four weeks back: the demo's recent history. */
function range(): { from: string; to: string } {
	const day = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York' }).format(new Date(ms));
	return { from: day(Date.now() - 28 * 86_400_000), to: day(Date.now()) };
}

function exportPath(kind: 'attendance.csv' | 'report' | 'fhir', params: Record<string, string>, recipient = CARE_TEAM): string {
	const query = new URLSearchParams({ ...range(), recipient, purpose: 'utilization review', ...params });
	return `/api/exports/${kind}?${query}`;
}

async function consent(participant: string, kind: 'care-team' | 'disclosure', recipient: string): Promise<string> {
	const res = await call('/api/consents', await signIn(server.url, participant), { kind, recipient, purpose: 'treatment' });
	expect(res.status).toBe(200);
	return ((await res.json()) as { consent: { id: string } }).consent.id;
}

const auditRows = async (event: string) => {
	const res = await call(`/api/admin/audit?event=${event}`, await signIn(server.url, 'admin@demo.steady'));
	return ((await res.json()) as { rows: Array<{ detail: string; userId: string }> }).rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, string> }));
};

beforeEach(async () => {
	server = await pool.start();
	await addOtherProgram(server.context);
	clinician = await signIn(server.url, 'clinician@demo.steady');
});

describe('who may export', () => {
	it.each([
		['a participant', 'alex', 403],
		['a clinician of another program', 'clinician@other.test', 404],
		['an admin of another program', 'admin@other.test', 404]
	])("%s cannot export alex's records", async (_who, login, status) => {
		await consent('alex', 'care-team', CARE_TEAM);
		const cookie = await signIn(server.url, login);
		for (const path of [
			exportPath('attendance.csv', { scope: 'participant', id: 'alex' }),
			exportPath('report', { participantId: 'alex' }),
			exportPath('fhir', { participantId: 'alex' })
		]) {
			expect((await call(path, cookie)).status).toBe(status);
		}
	});

	it('without a device the answer is 401, and a participant cannot list the options', async () => {
		expect((await call(exportPath('report', { participantId: 'alex' }), '')).status).toBe(401);
		expect((await call('/api/exports/options', await signIn(server.url, 'alex'))).status).toBe(403);
	});

	it("another program's group, participant or program id is 404, never data", async () => {
		await consent('alex', 'care-team', CARE_TEAM);
		expect((await call(exportPath('attendance.csv', { scope: 'group', id: 'nope' }), clinician)).status).toBe(404);
		expect((await call(exportPath('attendance.csv', { scope: 'participant', id: 'dana' }), clinician)).status).toBe(404);
		expect((await call(exportPath('attendance.csv', { scope: 'program', id: 'other' }), clinician)).status).toBe(404);
		expect((await call(exportPath('fhir', { participantId: 'dana' }), clinician)).status).toBe(404);
	});

	it('an admin of the program may export', async () => {
		await consent('alex', 'care-team', CARE_TEAM);
		const res = await call(exportPath('report', { participantId: 'alex' }), await signIn(server.url, 'admin@demo.steady'));
		expect(res.status).toBe(200);
	});
});

describe('bad queries', () => {
	it.each([
		['no recipient', { scope: 'program', recipient: '' }, 'recipient'],
		['an unknown scope', { scope: 'everything' }, 'scope'],
		['a date that is not one', { scope: 'program', from: '2026-02-30x' }, 'from'],
		['"from" after "to"', { scope: 'program', from: '2026-03-10', to: '2026-03-01' }, 'to'],
		['over a year', { scope: 'program', from: '2024-01-01', to: '2026-01-01' }, 'to'],
		['an unknown field', { scope: 'program', limit: '5' }, 'limit']
	])('%s is 400 naming the field', async (_what, params, field) => {
		const query = new URLSearchParams({ ...range(), recipient: CARE_TEAM, purpose: 'review', ...params });
		const res = await call(`/api/exports/attendance.csv?${query}`, clinician);
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: { message: string } }).error.message).toContain(field);
	});
});

describe('consent and disclosure', () => {
	it('a recipient no consent names is 403 no-consent, audited as a refusal with to whom, what and why', async () => {
		const res = await call(exportPath('fhir', { participantId: 'alex' }, 'County probation office'), clinician);
		expect(res.status).toBe(403);
		const body = (await res.json()) as { error: { code: string; message: string } };
		expect(body.error.code).toBe('no-consent');
		expect(body.error.message).toContain('County probation office');
		const [refusal] = await auditRows('disclosure-refused');
		expect(refusal?.detail).toMatchObject({ participantId: 'alex', to: 'County probation office', why: 'utilization review', reason: 'no-consent' });
		expect(refusal?.detail.what).toContain('FHIR');
	});

	it('a revoked consent no longer covers the recipient', async () => {
		const id = await consent('alex', 'disclosure', 'Dr. Primary Care');
		expect((await call(exportPath('fhir', { participantId: 'alex' }, 'dr. primary care '), clinician)).status).toBe(200);
		await call(`/api/consents/${id}/revoke`, await signIn(server.url, 'alex'), {});
		expect((await call(exportPath('fhir', { participantId: 'alex' }, 'Dr. Primary Care'), clinician)).status).toBe(403);
	});

	it('a program CSV leaves out participants without consent, says how many, and logs a disclosure for each one in it', async () => {
		await consent('alex', 'care-team', CARE_TEAM);
		await consent('casey', 'care-team', CARE_TEAM);
		const res = await call(exportPath('attendance.csv', { scope: 'program' }), clinician);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('x-steady-withheld')).toBe('1');
		const text = await res.text();
		expect(text).toContain('Alex M.');
		expect(text).toContain('Casey R.');
		expect(text).not.toContain('Blair T.');
		const disclosures = await auditRows('disclosure');
		expect(disclosures.map((d) => d.detail.participantId).sort()).toEqual(['alex', 'casey']);
		expect(disclosures[0]?.detail).toMatchObject({ to: CARE_TEAM, why: 'utilization review', what: expect.stringContaining('attendance CSV (program)') });
		expect(disclosures[0]?.userId).toBe('u-clinician');
		expect((await auditRows('disclosure-refused')).map((r) => r.detail.participantId)).toEqual(['blair']);
	});

	it('a group CSV holds only that group’s sessions and discloses nothing of people outside it', async () => {
		for (const p of ['alex', 'blair', 'casey']) await consent(p, 'care-team', CARE_TEAM);
		const res = await call(exportPath('attendance.csv', { scope: 'group', id: 'daytime' }), clinician);
		const rows = (await res.text()).trim().split('\r\n').slice(1);
		expect(rows.length).toBeGreaterThan(0);
		expect(rows.every((row) => row.startsWith('blair,'))).toBe(true);
		expect((await auditRows('disclosure')).map((d) => d.detail.participantId)).toEqual(['blair']);
	});

	it('every export is stored as a disclosure row: recipient, purpose, what, by whom', async () => {
		await consent('alex', 'care-team', CARE_TEAM);
		expect((await call(exportPath('report', { participantId: 'alex' }), clinician)).status).toBe(200);
		const rows = server.context.db.prepare('SELECT recipient, purpose, what, by_user FROM disclosures WHERE participant_id = ?').all('alex');
		expect(rows).toEqual([{ recipient: CARE_TEAM, purpose: 'utilization review', what: expect.stringContaining('attendance report'), by_user: 'u-clinician' }]);
	});
});

describe('what the exports hold', () => {
	let validate: ValidateFunction;
	beforeAll(() => {
		validate = r4Validator();
	}, 60_000);

	it('the FHIR export of a demo participant validates against the R4 schema', async () => {
		await consent('alex', 'care-team', CARE_TEAM);
		const res = await call(exportPath('fhir', { participantId: 'alex' }), clinician);
		expect(res.headers.get('content-type')).toBe('application/fhir+json; charset=utf-8');
		const bundle = (await res.json()) as { entry: Array<{ resource: { resourceType: string } }> };
		expect(validate(bundle)).toBe(true);
		expect(bundle.entry.filter((e) => e.resource.resourceType === 'Appointment').length).toBeGreaterThan(5);
		expect(bundle.entry.some((e) => e.resource.resourceType === 'Encounter')).toBe(true);
	});

	it('the report carries weeks against the plan and billable days', async () => {
		await consent('alex', 'care-team', CARE_TEAM);
		const res = await call(exportPath('report', { participantId: 'alex' }), clinician);
		const { report, programName } = (await res.json()) as { programName: string; report: { weeks: Array<{ planMin: number }>; lines: unknown[]; billableDays: number } };
		expect(programName).toBe('Steady Demo IOP');
		expect(report.weeks.length).toBeGreaterThanOrEqual(4);
		expect(report.weeks[0]?.planMin).toBe(9);
		expect(report.lines.length).toBeGreaterThan(5);
		expect(report.billableDays).toBeGreaterThan(0);
	});

	it('the options list the program’s groups and participants only', async () => {
		const res = await call('/api/exports/options', clinician);
		const body = (await res.json()) as { groups: Array<{ id: string }>; participants: Array<{ id: string }> };
		expect(body.groups.map((g) => g.id).sort()).toEqual(['daytime', 'evening']);
		expect(body.participants.map((p) => p.id).sort()).toEqual(['alex', 'blair', 'casey']);
	});
});
