/**
 * Consent (42 CFR Part 2) and disclosures (docs/API.md, "Consent"). Every
 * disclosure, and every refused one, is in the audit trail: to whom, what, why.
 */
import { z } from 'zod';
import type { Session } from './auth.ts';
import { HttpError, sendJson } from './http-util.ts';
import { FORBIDDEN, NOT_FOUND, Text, audit, body, requireSession, type ApiCall } from './api-common.ts';

const NewConsent = z.object({
	kind: z.enum(['care-team', 'disclosure']),
	recipient: Text(200),
	purpose: Text(500)
});

const NewDisclosure = z.object({
	participantId: z.string().min(1).max(80),
	recipient: Text(200),
	purpose: Text(500),
	what: Text(500)
});

/** The participant the caller may see consents of: their own, or one of their program's (clinicians). */
function participantFor(call: ApiCall, session: Session, requested: string | null): string {
	const { user } = session;
	if (user.role === 'participant') {
		if (requested && requested !== user.participantId) throw NOT_FOUND('participant');
		return user.participantId as string;
	}
	if (user.role !== 'clinician') throw FORBIDDEN;
	if (!requested) {
		throw new HttpError(400, 'invalid-query', 'Say whose consents to list: add ?participantId= to the address.');
	}
	const participant = call.ctx.directory.participant(requested);
	if (!participant || participant.programId !== user.programId) throw NOT_FOUND('participant');
	return participant.id;
}

function list(call: ApiCall): void {
	const session = requireSession(call);
	const participantId = participantFor(call, session, call.query.get('participantId'));
	sendJson(call.res, 200, { consents: call.ctx.consents.list(participantId) });
}

async function record(call: ApiCall): Promise<void> {
	const session = requireSession(call, ['participant']);
	const input = await body(call, NewConsent);
	const consent = call.ctx.consents.record(session.user.participantId as string, input, session.device.id);
	audit(call, session, {
		event: 'consent-recorded',
		detail: JSON.stringify({ id: consent.id, kind: consent.kind, recipient: consent.recipient, purpose: consent.purpose })
	});
	sendJson(call.res, 200, { consent });
}

function revoke(call: ApiCall): void {
	const session = requireSession(call, ['participant']);
	const found = call.ctx.consents.get(call.params[0] ?? '');
	if (!found || found.participantId !== session.user.participantId) throw NOT_FOUND('consent');
	if (call.ctx.consents.revoke(found.consent.id)) {
		audit(call, session, {
			event: 'consent-revoked',
			detail: JSON.stringify({ id: found.consent.id, kind: found.consent.kind, recipient: found.consent.recipient })
		});
	}
	sendJson(call.res, 200, {});
}

async function disclose(call: ApiCall): Promise<void> {
	const session = requireSession(call, ['clinician']);
	const input = await body(call, NewDisclosure);
	const { ctx } = call;
	const participant = ctx.directory.participant(input.participantId);
	if (!participant || participant.programId !== session.user.programId) throw NOT_FOUND('participant');
	const detail = (extra: Record<string, string>) =>
		JSON.stringify({ participantId: participant.id, to: input.recipient, what: input.what, why: input.purpose, ...extra });
	const consent = ctx.consents.disclosureConsentFor(participant.id, input.recipient);
	if (!consent) {
		audit(call, session, { event: 'disclosure-refused', detail: detail({ reason: 'no-consent' }) });
		throw new HttpError(
			403,
			'no-consent',
			`${participant.displayName} has no consent on file for sharing with "${input.recipient}". ` +
				'Ask them to record a disclosure consent naming this recipient, then try again.'
		);
	}
	const disclosure = ctx.consents.disclose(
		{
			participantId: participant.id,
			consentId: consent.id,
			recipient: input.recipient,
			purpose: input.purpose,
			what: input.what,
			byUserId: session.user.id
		},
		session.device.id
	);
	audit(call, session, { event: 'disclosure', detail: detail({ consentId: consent.id, disclosureId: disclosure.id }) });
	sendJson(call.res, 200, { disclosure });
}

export const consentRoutes = [
	{ method: 'GET', path: /^\/api\/consents$/, handle: list },
	{ method: 'POST', path: /^\/api\/consents$/, handle: record },
	{ method: 'POST', path: /^\/api\/consents\/([^/]+)\/revoke$/, handle: revoke },
	{ method: 'POST', path: /^\/api\/disclosures$/, handle: disclose }
] as const;
