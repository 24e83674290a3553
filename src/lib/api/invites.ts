/** Clinicians add participants and invite them; the invite code binds the participant's first device. */
import { z } from 'zod';
import { request, type Result } from './account.ts';

export const ParticipantSummary = z.object({ id: z.string(), displayName: z.string() });
export type ParticipantSummary = z.infer<typeof ParticipantSummary>;

export function createParticipant(displayName: string): Promise<Result<{ participant: ParticipantSummary }>> {
	return request('/api/participants', z.object({ participant: ParticipantSummary }), {
		method: 'POST',
		body: { displayName: displayName.trim() }
	});
}

export const Invite = z.object({ code: z.string().min(1), link: z.string().min(1), expiresAt: z.string() });
export type Invite = z.infer<typeof Invite>;

/** A new invite voids the participant's earlier open ones. */
export function createInvite(participantId: string): Promise<Result<Invite>> {
	return request('/api/invites', Invite, { method: 'POST', body: { participantId } });
}
