/**
 * The one check before any byte of a document is sent: is the name a document,
 * and may this user read or write it? Every outcome goes to the audit trail.
 */
import { parseDocumentName } from '../../src/lib/domain/document-names.ts';
import { accessFor, type DenialReason } from './access.ts';
import type { Session } from './auth.ts';
import type { ServerContext } from './context.ts';

export type GateResult = { ok: true; access: 'read' | 'write' } | { ok: false; reason: DenialReason };

export function openDocument(ctx: ServerContext, session: Session, name: string, remote: string | null): GateResult {
	const parsed = parseDocumentName(name);
	const result: GateResult = (() => {
		if (!parsed) return { ok: false, reason: 'unknown-document' };
		const programId = parsed.kind === 'program' ? null : (ctx.directory.participant(parsed.id)?.programId ?? null);
		const access = accessFor(session.user, parsed, programId);
		return access === 'none' ? { ok: false, reason: 'forbidden' } : { ok: true, access };
	})();
	ctx.audit.record({
		event: result.ok ? (result.access === 'write' ? 'document-open-write' : 'document-open-read') : 'document-denied',
		userId: session.user.id,
		deviceId: session.device.id,
		// an unparseable name is attacker-controlled text: keep only a bounded prefix
		document: parsed ? name : name.slice(0, 80),
		detail: result.ok ? null : result.reason,
		remote
	});
	return result;
}
