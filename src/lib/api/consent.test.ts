import { afterEach, describe, expect, it, vi } from 'vitest';
import { grantConsent, hasCareTeamConsent, listConsents, revokeConsent, type Consent } from './consent.ts';

function answer(status: number, body: unknown) {
	const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status }));
	vi.stubGlobal('fetch', fetch);
	return fetch;
}

afterEach(() => vi.unstubAllGlobals());

const CARE: Consent = { id: 'c-1', kind: 'care-team', recipient: 'Care team of Steady Demo IOP', purpose: 'Treatment and attendance follow-up', grantedAt: '2025-01-01T10:00:00Z' };

describe('consent', () => {
	it('lists the participant’s own consents, or a participant’s for clinicians', async () => {
		const fetch = answer(200, { consents: [CARE] });
		expect(await listConsents()).toEqual({ ok: true, consents: [CARE] });
		await listConsents('p 1');
		expect(fetch).toHaveBeenNthCalledWith(1, '/api/consents', expect.anything());
		expect(fetch).toHaveBeenNthCalledWith(2, '/api/consents?participantId=p%201', expect.anything());
	});

	it('granting posts kind, recipient and purpose', async () => {
		const fetch = answer(200, { consent: CARE });
		expect(await grantConsent({ kind: 'care-team', recipient: CARE.recipient, purpose: CARE.purpose })).toEqual({ ok: true, consent: CARE });
		expect(fetch).toHaveBeenCalledWith('/api/consents', expect.objectContaining({ method: 'POST', body: JSON.stringify({ kind: 'care-team', recipient: CARE.recipient, purpose: CARE.purpose }) }));
	});

	it('revoking posts to the consent’s revoke path', async () => {
		const fetch = answer(200, {});
		expect(await revokeConsent('c-1')).toEqual({ ok: true });
		expect(fetch).toHaveBeenCalledWith('/api/consents/c-1/revoke', expect.objectContaining({ method: 'POST' }));
	});

	it('only an unrevoked care-team consent counts as consent to the care team', () => {
		expect(hasCareTeamConsent([CARE])).toBe(true);
		expect(hasCareTeamConsent([{ ...CARE, revokedAt: '2025-01-02T10:00:00Z' }])).toBe(false);
		expect(hasCareTeamConsent([{ ...CARE, kind: 'disclosure' }])).toBe(false);
		expect(hasCareTeamConsent([{ ...CARE, revokedAt: null }])).toBe(true);
	});
});
