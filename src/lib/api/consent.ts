/** 42 CFR Part 2 consents: the participant records and revokes them; clinicians read them. */
import { z } from 'zod';
import { request, type Result } from './account.ts';

export const ConsentKind = z.enum(['care-team', 'disclosure']);
export type ConsentKind = z.infer<typeof ConsentKind>;

export const Consent = z.object({
	id: z.string(),
	kind: ConsentKind,
	recipient: z.string(),
	purpose: z.string(),
	grantedAt: z.string(),
	revokedAt: z.string().nullish()
});
export type Consent = z.infer<typeof Consent>;

export function listConsents(participantId?: string): Promise<Result<{ consents: Consent[] }>> {
	const query = participantId ? `?participantId=${encodeURIComponent(participantId)}` : '';
	return request(`/api/consents${query}`, z.object({ consents: z.array(Consent) }));
}

export interface ConsentInput {
	kind: ConsentKind;
	recipient: string;
	purpose: string;
}

export function grantConsent(input: ConsentInput): Promise<Result<{ consent: Consent }>> {
	return request('/api/consents', z.object({ consent: Consent }), {
		method: 'POST',
		body: { kind: input.kind, recipient: input.recipient.trim(), purpose: input.purpose.trim() }
	});
}

export function revokeConsent(id: string): Promise<Result<object>> {
	return request(`/api/consents/${encodeURIComponent(id)}/revoke`, z.object({}), { method: 'POST' });
}

/** True when a care-team consent is on file and not revoked. */
export function hasCareTeamConsent(consents: Consent[]): boolean {
	return consents.some((consent) => consent.kind === 'care-team' && !consent.revokedAt);
}

export const CARE_TEAM_PURPOSE = 'Treatment and attendance follow-up';

export function careTeamRecipient(programName: string): string {
	return `Care team of ${programName}`;
}
