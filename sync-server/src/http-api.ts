/**
 * The JSON API under /api (docs/API.md is the contract). Routes live with their
 * handlers in api-*.ts; this module matches the path and method and turns every
 * failure into `{error: {code, message}}`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientAddress } from './client-address.ts';
import type { ServerContext } from './context.ts';
import { HttpError, isCrossSite, sendError } from './http-util.ts';
import { errorText } from './log.ts';
import type { ApiCall } from './api-common.ts';
import { accountRoutes } from './api-account.ts';
import { adminRoutes } from './api-admin.ts';
import { consentRoutes } from './api-consent.ts';
import { enrolRoutes } from './api-enrol.ts';
import { exportRoutes } from './api-export.ts';
import { calendarRoutes } from './api-calendar.ts';
import { healthRoutes } from './api-health.ts';

interface Route {
	method: string;
	path: RegExp;
	handle: (call: ApiCall) => void | Promise<void>;
}

const ROUTES: readonly Route[] = [
	...accountRoutes,
	...enrolRoutes,
	...consentRoutes,
	...adminRoutes,
	...exportRoutes,
	...calendarRoutes,
	...healthRoutes
];

async function route(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
	const path = url.pathname;
	const method = req.method ?? 'GET';
	const matching = ROUTES.map((r) => ({ r, match: r.path.exec(path) })).filter((m) => m.match !== null);
	if (matching.length === 0) throw new HttpError(404, 'not-found', `There is no API at ${path}.`);
	const found = matching.find((m) => m.r.method === method);
	if (!found || !found.match) {
		const allowed = matching.map((m) => m.r.method).join(' or ');
		throw new HttpError(405, 'method-not-allowed', `Use ${allowed} for ${path}.`, {}, { allow: allowed });
	}
	if (method !== 'GET') refuseCrossSite(req);
	const params = found.match.slice(1).map((p) => {
		try {
			return decodeURIComponent(p ?? '');
		} catch {
			return '';
		}
	});
	await found.r.handle({ ctx, req, res, params, query: url.searchParams, remote: clientAddress(req, ctx.config.trustProxy) });
}

/**
 * A state-changing call must come from the app itself. SameSite=Strict keeps the
 * device cookie off other sites' requests, but a cross-site form could still post
 * a redeem and bind the victim's browser to the attacker's participant. Browsers
 * send Origin on such posts; a mismatch is refused.
 */
function refuseCrossSite(req: IncomingMessage): void {
	if (isCrossSite(req)) {
		throw new HttpError(403, 'cross-site', 'This request came from another site. Open Steady itself and try again.');
	}
}

export async function handleApi(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
	try {
		await route(ctx, req, res, new URL(req.url ?? path, 'http://localhost'));
	} catch (error) {
		if (res.headersSent) return;
		if (error instanceof HttpError) {
			if (error.status === 413) res.setHeader('connection', 'close');
			sendError(res, error);
			return;
		}
		ctx.log.error(`api ${path}: ${errorText(error)}`);
		sendError(res, new HttpError(500, 'server-error', 'Something went wrong on the server. Try again in a moment.'));
	}
}
