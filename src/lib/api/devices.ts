/** This user's devices, a participant's devices (for clinicians), revoking one, pairing codes. */
import { z } from 'zod';
import { request, type Result } from './account.ts';

export const DeviceInfo = z.object({
	id: z.string(),
	name: z.string(),
	createdAt: z.string(),
	lastSeenAt: z.string(),
	current: z.boolean()
});
export type DeviceInfo = z.infer<typeof DeviceInfo>;

const Devices = z.object({ devices: z.array(DeviceInfo) });

export function listDevices(): Promise<Result<{ devices: DeviceInfo[] }>> {
	return request('/api/devices', Devices);
}

export function listParticipantDevices(participantId: string): Promise<Result<{ devices: DeviceInfo[] }>> {
	return request(`/api/participants/${encodeURIComponent(participantId)}/devices`, Devices);
}

export function revokeDevice(deviceId: string): Promise<Result<object>> {
	return request(`/api/devices/${encodeURIComponent(deviceId)}/revoke`, z.object({}), { method: 'POST' });
}

export const PairingCode = z.object({ code: z.string().min(1), expiresAt: z.string() });
export type PairingCode = z.infer<typeof PairingCode>;

/** A one-time code (10 minutes) another device of this participant can redeem on /join. */
export function createPairingCode(): Promise<Result<PairingCode>> {
	return request('/api/pairing-codes', PairingCode, { method: 'POST' });
}
