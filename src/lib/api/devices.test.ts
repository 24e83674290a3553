import { afterEach, describe, expect, it, vi } from 'vitest';
import { createPairingCode, listDevices, listParticipantDevices, revokeDevice } from './devices.ts';

function answer(status: number, body: unknown) {
	const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status }));
	vi.stubGlobal('fetch', fetch);
	return fetch;
}

afterEach(() => vi.unstubAllGlobals());

const PHONE = { id: 'd-1', name: 'Chrome on Android', createdAt: '2025-01-01T10:00:00Z', lastSeenAt: '2025-01-02T10:00:00Z', current: true };

describe('devices', () => {
	it('lists this user’s devices', async () => {
		const fetch = answer(200, { devices: [PHONE] });
		expect(await listDevices()).toEqual({ ok: true, devices: [PHONE] });
		expect(fetch).toHaveBeenCalledWith('/api/devices', expect.objectContaining({ method: 'GET' }));
	});

	it('lists a participant’s devices by an escaped id', async () => {
		const fetch = answer(200, { devices: [] });
		await listParticipantDevices('a/b');
		expect(fetch).toHaveBeenCalledWith('/api/participants/a%2Fb/devices', expect.anything());
	});

	it('a device without its last-seen time is refused as an unexpected answer', async () => {
		answer(200, { devices: [{ ...PHONE, lastSeenAt: undefined }] });
		expect((await listDevices()).ok).toBe(false);
	});

	it('revoking posts to the device’s revoke path and passes on a refusal', async () => {
		const fetch = answer(403, { error: { code: 'forbidden', message: 'You cannot revoke that device.' } });
		expect(await revokeDevice('d-2')).toEqual({ ok: false, code: 'forbidden', message: 'You cannot revoke that device.' });
		expect(fetch).toHaveBeenCalledWith('/api/devices/d-2/revoke', expect.objectContaining({ method: 'POST' }));
	});

	it('a pairing code comes back with its expiry', async () => {
		answer(200, { code: 'ABCDEFGH', expiresAt: '2025-01-01T10:10:00Z' });
		expect(await createPairingCode()).toEqual({ ok: true, code: 'ABCDEFGH', expiresAt: '2025-01-01T10:10:00Z' });
	});
});
