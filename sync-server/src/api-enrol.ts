/**
 * Participants join by invite (docs/API.md): a clinician creates the participant
 * and an invite; the participant redeems it on a device, which binds that device;
 * a participant's device shows a pairing code to add another one.
 */
import { throttleAddress } from './client-address.ts';
import { ulid } from 'ulid';
import { z } from 'zod';
import { deviceCookie, type Session } from './auth.ts';
import type { ServerContext } from './context.ts';
import { HttpError, sendJson } from './http-util.ts';
import { ADDRESS_FAILURES, checkThrottle } from './api-account.ts';
import { NOT_FOUND, Text, audit, body, isSecure, publicOrigin, publicUser, requireSession, type ApiCall } from './api-common.ts';
import type { IssuedCode } from './codes.ts';
import { writeTransaction } from './db.ts';

const NewParticipant = z.object({ displayName: Text(80) });
const NewInvite = z.object({ participantId: z.string().min(1).max(80) });
const Redeem = z.object({ code: z.string().min(1).max(40), deviceName: Text(80) });

const BAD_CODE = new HttpError(
	400,
	'bad-code',
	'This code is not valid. Codes work once and expire; ask your care team for a new one.'
);

/** Creates an invite for the participant; also used by the demo at start. */
export function createInvite(ctx: ServerContext, participantId: string, createdBy: Session | null, remote: string | null): IssuedCode {
	const issued = ctx.codes.issue('invite', participantId, createdBy?.user.id ?? null);
	ctx.audit.record({
		event: 'invite-created',
		userId: createdBy?.user.id ?? null,
		deviceId: createdBy?.device.id ?? null,
		detail: createdBy ? participantId : `${participantId} (demo, at start)`,
		remote
	});
	return issued;
}

async function createParticipant(call: ApiCall): Promise<void> {
	const session = requireSession(call, ['clinician']);
	const { displayName } = await body(call, NewParticipant);
	const { ctx } = call;
	const id = `p-${ulid(ctx.now()).toLowerCase()}`;
	writeTransaction(ctx.db, () => {
		ctx.directory.addParticipant({ id, programId: session.user.programId, displayName });
		ctx.directory.addUser({
			id: `u-${id}`,
			role: 'participant',
			displayName,
			programId: session.user.programId,
			participantId: id,
			passwordHash: null
		});
	})();
	audit(call, session, { event: 'participant-created', detail: id });
	sendJson(call.res, 200, { participant: { id, displayName } });
}

async function invite(call: ApiCall): Promise<void> {
	const session = requireSession(call, ['clinician']);
	const { participantId } = await body(call, NewInvite);
	const participant = call.ctx.directory.participant(participantId);
	if (!participant || participant.programId !== session.user.programId) throw NOT_FOUND('participant');
	const issued = createInvite(call.ctx, participant.id, session, call.remote);
	sendJson(call.res, 200, { ...issued, link: `${publicOrigin(call)}/join#code=${issued.code}` });
}

function pairingCode(call: ApiCall): void {
	const session = requireSession(call, ['participant']);
	const participantId = session.user.participantId as string;
	const issued = call.ctx.codes.issue('pairing', participantId, session.user.id);
	audit(call, session, { event: 'pairing-code-created' });
	sendJson(call.res, 200, issued);
}

async function redeem(call: ApiCall): Promise<void> {
	const { ctx } = call;
	const input = await body(call, Redeem);
	// a code has 31^8 values: the address's failures slow guessing down like sign-in's
	const keys = [{ key: `redeem:${throttleAddress(call.remote)}`, threshold: ADDRESS_FAILURES }];
	checkThrottle(call, keys, () => audit(call, null, { event: 'redeem-failed', detail: 'throttled' }));
	const used = ctx.codes.redeem(input.code);
	const user = used ? ctx.directory.userOfParticipant(used.participantId) : null;
	if (!used || !user || !user.active) {
		ctx.throttle.failed(keys);
		audit(call, null, { event: 'redeem-failed' });
		throw BAD_CODE;
	}
	const { device, token } = ctx.auth.bindDevice(user.id, input.deviceName);
	const session: Session = { device, user };
	audit(call, session, { event: 'invite-redeemed', detail: used.kind });
	audit(call, session, { event: 'device-bound', detail: used.kind });
	sendJson(call.res, 200, { user: publicUser(user) }, { 'set-cookie': deviceCookie(token, isSecure(call)) });
}

export const enrolRoutes = [
	{ method: 'POST', path: /^\/api\/participants$/, handle: createParticipant },
	{ method: 'POST', path: /^\/api\/invites$/, handle: invite },
	{ method: 'POST', path: /^\/api\/pairing-codes$/, handle: pairingCode },
	{ method: 'POST', path: /^\/api\/redeem$/, handle: redeem }
] as const;
