/**
 * Signing a demo participant in, over HTTP only, for tests against any running
 * server (in-process or `npm run server`, e.g. from Playwright):
 *
 *   const code = await demoInviteCode(baseUrl, 'alex');           // as clinician@demo.steady
 *   const cookie = await redeemCode(baseUrl, code, 'Test phone');  // "steady_device=…"
 *
 * Participants have no password; this is the same path a clinician and a
 * participant take in the app (POST /api/sign-in, POST /api/invites, POST /api/redeem).
 * In a browser, open `${baseUrl}/join#code=${code}` or type the code on the sign-in page.
 */
export const DEMO_STAFF_PASSWORD = 'steady-demo';

async function post(url: string, body: unknown, cookie?: string): Promise<Response> {
	return fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
		body: JSON.stringify(body)
	});
}

/** Signs staff in with email and password; returns the `steady_device=…` cookie pair. */
export async function staffCookie(baseUrl: string, email: string, password = DEMO_STAFF_PASSWORD, deviceName?: string): Promise<string> {
	const res = await post(`${baseUrl}/api/sign-in`, { email, password, ...(deviceName ? { deviceName } : {}) });
	if (res.status !== 200) throw new Error(`sign-in of ${email} failed with ${res.status}: ${await res.text()}`);
	return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** A fresh one-time invite code (ABCD-EFGH) for the participant, made by the clinician. */
export async function demoInviteCode(baseUrl: string, participantId: string, clinicianEmail = 'clinician@demo.steady'): Promise<string> {
	const cookie = await staffCookie(baseUrl, clinicianEmail, DEMO_STAFF_PASSWORD, 'Test helper');
	const res = await post(`${baseUrl}/api/invites`, { participantId }, cookie);
	if (res.status !== 200) throw new Error(`invite for ${participantId} failed with ${res.status}: ${await res.text()}`);
	// the helper's own device is not needed any more
	await post(`${baseUrl}/api/sign-out`, {}, cookie);
	return ((await res.json()) as { code: string }).code;
}

/** Redeems an invite or pairing code; returns the new device's `steady_device=…` cookie pair. */
export async function redeemCode(baseUrl: string, code: string, deviceName = 'Test device'): Promise<string> {
	const res = await post(`${baseUrl}/api/redeem`, { code, deviceName });
	if (res.status !== 200) throw new Error(`redeeming ${code} failed with ${res.status}: ${await res.text()}`);
	return (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

/** A fresh single-use WebSocket ticket for the device (`/sync?ticket=…`). */
export async function ticket(baseUrl: string, cookie: string): Promise<string> {
	const res = await fetch(`${baseUrl}/api/tickets`, { method: 'POST', headers: { cookie } });
	if (res.status !== 200) throw new Error(`ticket failed with ${res.status}: ${await res.text()}`);
	return ((await res.json()) as { ticket: string }).ticket;
}
