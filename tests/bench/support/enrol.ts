/**
 * Real identities for benchmark clients, over the HTTP API only (the path the app
 * takes): a clinician adds participants and invites them, each invite is redeemed
 * on its own device; staff devices sign in with the demo password; every socket
 * gets its own single-use ticket.
 */
import { redeemCode, staffCookie, ticket } from '../../../sync-server/test/demo-invite.ts';

export const CLINICIAN = 'clinician@demo.steady';

async function postJson<T>(url: string, body: unknown, cookie: string): Promise<T> {
	const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(body) });
	if (res.status !== 200) throw new Error(`POST ${url} failed with ${res.status}: ${await res.text()}`);
	return (await res.json()) as T;
}

export interface EnrolledParticipant {
	participantId: string;
	/** the `steady_device=…` cookie of the participant's one device */
	cookie: string;
}

/** Adds `count` participants to the demo program, each with one bound device. */
export async function enrolParticipants(baseUrl: string, count: number): Promise<EnrolledParticipant[]> {
	const clinician = await staffCookie(baseUrl, CLINICIAN, undefined, 'Bench enrolment');
	return inBatches(Array.from({ length: count }, (_, i) => i), 8, async (i) => {
		const { participant } = await postJson<{ participant: { id: string } }>(`${baseUrl}/api/participants`, { displayName: `Bench ${i}` }, clinician);
		const { code } = await postJson<{ code: string }>(`${baseUrl}/api/invites`, { participantId: participant.id }, clinician);
		return { participantId: participant.id, cookie: await redeemCode(baseUrl, code, `Bench phone ${i}`) };
	});
}

/** `count` devices of the demo clinician (each sign-in binds a new device). */
export function clinicianDevices(baseUrl: string, count: number): Promise<string[]> {
	return inBatches(Array.from({ length: count }, (_, i) => i), 2, (i) => staffCookie(baseUrl, CLINICIAN, undefined, `Bench device ${i}`));
}

/** One fresh ticket per cookie given (a cookie may repeat: one ticket per socket). */
export function ticketsFor(baseUrl: string, cookies: readonly string[]): Promise<string[]> {
	return inBatches(cookies, 16, (cookie) => ticket(baseUrl, cookie));
}

/** Maps with at most `width` calls in flight, keeping the order. */
export async function inBatches<T, R>(items: readonly T[], width: number, fn: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array<R>(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const index = next++;
			results[index] = await fn(items[index] as T);
		}
	};
	await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
	return results;
}
