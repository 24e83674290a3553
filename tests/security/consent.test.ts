/**
 * Consent under 42 CFR Part 2 (docs/API.md): participants record and revoke
 * consents; a disclosure outside the care team is refused 403 no-consent unless
 * an unrevoked disclosure consent names the recipient (trimmed, any case); every
 * disclosure and refusal is audited with to whom, what and why.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addOtherProgram, apiCall, signIn, startServer, type TestServer } from '../../sync-server/test/support.ts';

let server: TestServer;
let alex: string;
let clinician: string;
beforeEach(async () => {
	server = await startServer();
	await addOtherProgram(server.context);
	alex = await signIn(server.url, 'alex');
	clinician = await signIn(server.url, 'clinician@demo.steady');
});
afterEach(async () => server.close());

const call = (path: string, cookie: string, body?: unknown) => apiCall(server.url, path, cookie, body);

type Consent = { id: string; kind: string; recipient: string; purpose: string; grantedAt: string; revokedAt?: string };

async function consent(kind: 'care-team' | 'disclosure', recipient: string, purpose = 'coordinate care'): Promise<Consent> {
	const res = await call('/api/consents', alex, { kind, recipient, purpose });
	expect(res.status).toBe(200);
	return ((await res.json()) as { consent: Consent }).consent;
}

const disclose = (recipient: string, cookie = clinician) =>
	call('/api/disclosures', cookie, { participantId: 'alex', recipient, purpose: 'court-ordered update', what: 'attendance, March' });

describe('consents', () => {
	it('the participant records a care-team consent; /api/me then says so', async () => {
		const me = async () => ((await (await call('/api/me', alex)).json()) as { consent: { careTeam: boolean } }).consent.careTeam;
		expect(await me()).toBe(false);
		const recorded = await consent('care-team', 'Steady Demo IOP care team', 'treatment');
		expect(recorded).toEqual({
			id: expect.stringMatching(/^c-/),
			kind: 'care-team',
			recipient: 'Steady Demo IOP care team',
			purpose: 'treatment',
			grantedAt: expect.any(String)
		});
		expect(await me()).toBe(true);
		await call(`/api/consents/${recorded.id}/revoke`, alex, {});
		expect(await me()).toBe(false);
	});

	it('the participant and their clinicians list them; revoked ones keep their revocation time', async () => {
		const c = await consent('disclosure', 'Dr. Primary Care');
		expect((await call(`/api/consents/${c.id}/revoke`, alex, {})).status).toBe(200);
		const own = ((await (await call('/api/consents', alex)).json()) as { consents: Consent[] }).consents;
		expect(own).toEqual([{ ...c, revokedAt: expect.any(String) }]);
		const seen = (await (await call('/api/consents?participantId=alex', clinician)).json()) as { consents: Consent[] };
		expect(seen.consents).toEqual(own);
	});

	it.each([
		['a clinician of another program', 'clinician@other.test', '?participantId=alex', 404],
		['a clinician without ?participantId', 'clinician@demo.steady', '', 400],
		['an admin', 'admin@demo.steady', '?participantId=alex', 403],
		['another participant', 'blair', '?participantId=alex', 404]
	])("%s cannot list alex's consents", async (_who, login, query, status) => {
		expect((await call(`/api/consents${query}`, await signIn(server.url, login))).status).toBe(status);
	});

	it('only the participant records or revokes: staff get 403, another participant 404', async () => {
		expect((await call('/api/consents', clinician, { kind: 'disclosure', recipient: 'X', purpose: 'Y' })).status).toBe(403);
		const c = await consent('disclosure', 'Probation office');
		expect((await call(`/api/consents/${c.id}/revoke`, clinician, {})).status).toBe(403);
		expect((await call(`/api/consents/${c.id}/revoke`, await signIn(server.url, 'blair'), {})).status).toBe(404);
	});

	it('a consent of an unknown kind or without a recipient is 400', async () => {
		expect((await call('/api/consents', alex, { kind: 'everything', recipient: 'X', purpose: 'Y' })).status).toBe(400);
		expect((await call('/api/consents', alex, { kind: 'disclosure', recipient: '  ', purpose: 'Y' })).status).toBe(400);
	});

	it('recording and revoking are audited', async () => {
		const c = await consent('disclosure', 'Probation office');
		await call(`/api/consents/${c.id}/revoke`, alex, {});
		const events = server.context.audit.list().filter((e) => e.userId === 'u-alex').map((e) => e.event);
		expect(events).toEqual(expect.arrayContaining(['consent-recorded', 'consent-revoked']));
	});
});

describe('disclosures', () => {
	it('without consent: 403 no-consent with a message saying what to do, and the refusal audited', async () => {
		const res = await disclose('Probation office');
		expect(res.status).toBe(403);
		expect(await res.json()).toEqual({
			error: {
				code: 'no-consent',
				message:
					'Alex M. has no consent on file for sharing with "Probation office". Ask them to record a disclosure consent naming this recipient, then try again.'
			}
		});
		const refused = server.context.audit.list().find((e) => e.event === 'disclosure-refused');
		expect(JSON.parse(refused?.detail ?? '{}')).toMatchObject({ to: 'Probation office', reason: 'no-consent' });
	});

	it('with a consent naming the recipient (trimmed, any case): the disclosure is made and audited to whom, what, why', async () => {
		const c = await consent('disclosure', 'Probation Office');
		const res = await disclose('  probation office ');
		expect(res.status).toBe(200);
		const { disclosure } = (await res.json()) as { disclosure: Record<string, string> };
		expect(disclosure).toMatchObject({
			participantId: 'alex',
			consentId: c.id,
			recipient: 'probation office',
			purpose: 'court-ordered update',
			what: 'attendance, March',
			byUserId: 'u-clinician'
		});
		const row = server.context.audit.list().find((e) => e.event === 'disclosure');
		expect(row).toMatchObject({ userId: 'u-clinician', deviceId: expect.stringMatching(/^d-/) });
		expect(JSON.parse(row?.detail ?? '{}')).toMatchObject({
			participantId: 'alex',
			to: 'probation office',
			what: 'attendance, March',
			why: 'court-ordered update',
			consentId: c.id
		});
	});

	it('a consent for another recipient, a care-team consent, or a revoked consent does not count', async () => {
		await consent('disclosure', 'Employer');
		await consent('care-team', 'Probation office');
		const revoked = await consent('disclosure', 'Probation office');
		await call(`/api/consents/${revoked.id}/revoke`, alex, {});
		expect((await disclose('Probation office')).status).toBe(403);
	});

	it('only clinicians of the program disclose', async () => {
		await consent('disclosure', 'Probation office');
		expect((await disclose('Probation office', await signIn(server.url, 'clinician@other.test'))).status).toBe(404);
		expect((await disclose('Probation office', await signIn(server.url, 'admin@demo.steady'))).status).toBe(403);
		expect((await disclose('Probation office', alex)).status).toBe(403);
	});
});
