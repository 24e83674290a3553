import { afterEach, describe, expect, it, vi } from 'vitest';
import { changePassword, deviceNameFrom, formatCode, normalizeCode, passwordProblem, redeem, UNREACHABLE } from './account.ts';

function answer(status: number, body: unknown) {
	const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
	vi.stubGlobal('fetch', fetch);
	return fetch;
}

afterEach(() => vi.unstubAllGlobals());

const USER = { id: 'u-1', role: 'participant', displayName: 'Alex M.', programId: 'demo', participantId: 'p-1' };

describe('redeem', () => {
	it('sends the code without dashes or spaces, upper-cased, and the trimmed device name', async () => {
		const fetch = answer(200, { user: USER });
		const result = await redeem(' abcd-efgh ', ' Chrome on Android ');
		expect(result).toEqual({ ok: true, user: USER });
		expect(fetch).toHaveBeenCalledWith('/api/redeem', expect.objectContaining({ method: 'POST', body: JSON.stringify({ code: 'ABCDEFGH', deviceName: 'Chrome on Android' }) }));
	});

	it('passes on the server’s message for a bad code', async () => {
		const message = 'This code is not valid. Codes work once and expire; ask your care team for a new one.';
		answer(400, { error: { code: 'bad-code', message } });
		expect(await redeem('XXXX-XXXX', 'Phone')).toEqual({ ok: false, code: 'bad-code', message });
	});

	it('says the server cannot be reached when the network fails', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
		expect(await redeem('ABCD-EFGH', 'Phone')).toEqual({ ok: false, message: UNREACHABLE });
	});

	it('refuses an answer that is not the promised shape', async () => {
		answer(200, { user: { id: 1 } });
		const result = await redeem('ABCD-EFGH', 'Phone');
		expect(result.ok).toBe(false);
		if (!result.ok) expect(result.message).toMatch(/not what Steady expected/);
	});

	it('names the status when an error answer is not JSON', async () => {
		vi.stubGlobal('fetch', vi.fn(async () => new Response('Bad gateway', { status: 502 })));
		const result = await redeem('ABCD-EFGH', 'Phone');
		expect(result).toMatchObject({ ok: false });
		if (!result.ok) expect(result.message).toContain('502');
	});
});

describe('changePassword', () => {
	it('posts both passwords and succeeds on {}', async () => {
		const fetch = answer(200, {});
		expect(await changePassword('old-password-1', 'new-password-12')).toEqual({ ok: true });
		expect(fetch).toHaveBeenCalledWith('/api/password', expect.objectContaining({ body: JSON.stringify({ currentPassword: 'old-password-1', newPassword: 'new-password-12' }) }));
	});

	it('shows the server’s words for a wrong current password', async () => {
		answer(403, { error: { code: 'bad-credentials', message: 'Your current password is not right.' } });
		expect(await changePassword('wrong', 'new-password-12')).toEqual({ ok: false, code: 'bad-credentials', message: 'Your current password is not right.' });
	});
});

describe('passwordProblem', () => {
	it('a new password under 12 characters is refused with its length', () => {
		expect(passwordProblem('short', 'short')).toBe('The new password needs at least 12 characters; it has 5.');
	});
	it('two different new passwords are refused', () => {
		expect(passwordProblem('long-enough-pw', 'long-enough-px')).toMatch(/do not match/);
	});
	it('a long, matching password passes', () => {
		expect(passwordProblem('long-enough-pw', 'long-enough-pw')).toBeNull();
	});
});

describe('codes and device names', () => {
	it('codes ignore dashes, spaces and case, and show as ABCD-EFGH', () => {
		expect(normalizeCode('ab cd-ef gh')).toBe('ABCDEFGH');
		expect(formatCode('abcdefgh')).toBe('ABCD-EFGH');
	});
	it('a device is named from its browser and system', () => {
		expect(deviceNameFrom('Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36')).toBe('Chrome on Android');
		expect(deviceNameFrom('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1')).toBe('Safari on iPhone');
		expect(deviceNameFrom('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:127.0) Gecko/20100101 Firefox/127.0')).toBe('Firefox on Windows');
		expect(deviceNameFrom('Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0')).toBe('Edge on Mac');
		expect(deviceNameFrom('curl/8')).toBe('Browser');
	});
});
