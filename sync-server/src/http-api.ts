/**
 * The JSON API under /api:
 *   POST /api/sign-in  {email, password} -> 200 {user} + session cookie | 401 bad-credentials
 *   POST /api/sign-out                    -> 200 {} and the cookie cleared
 *   GET  /api/me                          -> 200 {user, participants} | 401 not-signed-in
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import { clearedSessionCookie, sessionCookie } from './auth.ts';
import type { ServerContext } from './context.ts';
import type { User } from './directory.ts';
import { HttpError, readJson, sendError, sendJson } from './http-util.ts';
import { errorText } from './log.ts';

const SignIn = z.object({
	email: z.string().min(1).max(320),
	password: z.string().min(1).max(1024)
});

const BAD_CREDENTIALS = new HttpError(401, 'bad-credentials', 'That email and password do not match. Check them and try again.');
const NOT_SIGNED_IN = new HttpError(401, 'not-signed-in', 'You are not signed in. Sign in and try again.');

function publicUser(user: User) {
	return {
		id: user.id,
		role: user.role,
		displayName: user.displayName,
		email: user.email,
		programId: user.programId,
		...(user.participantId ? { participantId: user.participantId } : {})
	};
}

function parseBody<T>(schema: z.ZodType<T>, body: unknown): T {
	const parsed = schema.safeParse(body);
	if (parsed.success) return parsed.data;
	const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');
	throw new HttpError(400, 'invalid-body', `The request body is not right (${problems}). Fix it and send it again.`);
}

async function route(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
	const remote = req.socket.remoteAddress ?? null;
	const method = req.method ?? 'GET';
	const allow = (expected: string) => {
		if (method !== expected) throw new HttpError(405, 'method-not-allowed', `Use ${expected} for ${path}.`);
	};
	switch (path) {
		case '/api/sign-in': {
			allow('POST');
			const body = parseBody(SignIn, await readJson(req));
			const result = await ctx.auth.signIn(body.email, body.password);
			if (!result) {
				ctx.audit.record({ event: 'sign-in-failed', detail: body.email.slice(0, 320).toLowerCase(), remote });
				throw BAD_CREDENTIALS;
			}
			ctx.audit.record({ event: 'sign-in', userId: result.user.id, remote });
			sendJson(res, 200, { user: publicUser(result.user) }, { 'set-cookie': sessionCookie(result.token) });
			return;
		}
		case '/api/sign-out': {
			allow('POST');
			const session = ctx.auth.authenticate(req);
			if (session) {
				ctx.auth.signOut(session.id);
				ctx.sockets.closeSession(session.id);
				ctx.audit.record({ event: 'sign-out', userId: session.user.id, remote });
			}
			sendJson(res, 200, {}, { 'set-cookie': clearedSessionCookie() });
			return;
		}
		case '/api/me': {
			allow('GET');
			const session = ctx.auth.authenticate(req);
			if (!session) throw NOT_SIGNED_IN;
			const { user } = session;
			const participants =
				user.role === 'participant'
					? []
					: ctx.directory.participantsOfProgram(user.programId).map((p) => ({ id: p.id, displayName: p.displayName }));
			sendJson(res, 200, { user: publicUser(user), participants });
			return;
		}
		default:
			throw new HttpError(404, 'not-found', `There is no API at ${path}.`);
	}
}

export async function handleApi(ctx: ServerContext, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
	try {
		await route(ctx, req, res, path);
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
