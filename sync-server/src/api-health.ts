/**
 * GET /api/health: for monitoring and for devices. Public, and names nothing:
 * whether any stored update was found damaged (the audit trail says which
 * document and the log says why), and the server's clock, which devices use to
 * learn how far off their own clock is.
 */
import type { ApiCall } from './api-common.ts';
import { sendJson } from './http-util.ts';

function health({ ctx, res }: ApiCall): void {
	const damagedUpdates = ctx.store.damagedCount();
	sendJson(res, 200, { status: damagedUpdates === 0 ? 'ok' : 'degraded', damagedUpdates, now: new Date(ctx.now()).toISOString() });
}

export const healthRoutes = [{ method: 'GET', path: /^\/api\/health$/, handle: health }];
