import { afterEach, describe, expect, it, vi } from 'vitest';
import { createInvite, createParticipant } from './invites.ts';

function answer(status: number, body: unknown) {
	const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status }));
	vi.stubGlobal('fetch', fetch);
	return fetch;
}

afterEach(() => vi.unstubAllGlobals());

describe('invites', () => {
	it('adding a participant sends the trimmed name and returns their id', async () => {
		const fetch = answer(200, { participant: { id: 'p-9', displayName: 'Dana K.' } });
		expect(await createParticipant('  Dana K. ')).toEqual({ ok: true, participant: { id: 'p-9', displayName: 'Dana K.' } });
		expect(fetch).toHaveBeenCalledWith('/api/participants', expect.objectContaining({ body: JSON.stringify({ displayName: 'Dana K.' }) }));
	});

	it('an invite returns its code, link and expiry', async () => {
		const invite = { code: 'ABCDEFGH', link: 'http://localhost/join?code=ABCDEFGH', expiresAt: '2025-01-08T10:00:00Z' };
		const fetch = answer(200, invite);
		expect(await createInvite('p-9')).toEqual({ ok: true, ...invite });
		expect(fetch).toHaveBeenCalledWith('/api/invites', expect.objectContaining({ body: JSON.stringify({ participantId: 'p-9' }) }));
	});

	it('a refusal keeps the server’s message', async () => {
		answer(403, { error: { code: 'forbidden', message: 'Only clinicians of this program can invite.' } });
		expect(await createInvite('p-9')).toEqual({ ok: false, code: 'forbidden', message: 'Only clinicians of this program can invite.' });
	});
});
