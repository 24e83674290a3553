import { expect, test } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { signIn } from './support/client.ts';
import { apiAs, axeViolations, inviteNewParticipant, joinWithCode } from './support/access-pages.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

const RECIPIENT = 'Dr. Rivera, primary care';

test('a participant records consent for the care team and for one outside recipient, and revokes it; disclosures follow', async ({ page }) => {
	const clinician = await signIn(server.url, 'clinician@demo.steady');
	const { participantId, code } = await inviteNewParticipant(server.url, clinician, 'Robin P.');
	const disclose = () =>
		apiAs<{ error?: { code: string } }>(server.url, clinician, '/api/disclosures', {
			participantId,
			recipient: RECIPIENT,
			purpose: 'Coordinating medication',
			what: 'Attendance summary, last 30 days'
		});

	await joinWithCode(page, server.url, code, 'Robin’s phone');
	await expect(page.getByRole('heading', { name: 'Welcome to Steady' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'What Steady records', level: 2 })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'Who sees it', level: 2 })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	await page.getByLabel(/I agree that Steady shares my records/).check();
	await page.getByRole('button', { name: 'Give consent' }).click();
	await expect(page.getByRole('heading', { name: 'This week' })).toBeVisible();

	// Back on the consent page: the care-team consent is on file.
	await page.goto(`${server.url}/welcome`);
	await expect(page.getByText('You have agreed to share your records with your care team.')).toBeVisible();
	await expect(page.getByTestId('consent')).toHaveCount(1);
	await expect(page.getByTestId('consent')).toContainText('Care team of Steady Demo IOP');
	await expect(page.getByTestId('consent')).toContainText('Treatment and attendance follow-up');

	// Without a disclosure consent, the clinician cannot share outside the care team.
	expect((await disclose()).status).toBe(403);

	await page.getByRole('button', { name: 'Record this consent' }).click();
	await expect(page.getByRole('alert')).toHaveText('Fill in both who may receive your records and why.');
	await page.getByLabel('Who may receive your records').fill(RECIPIENT);
	await page.getByLabel('Why (the purpose)').fill('Coordinating medication');
	await page.getByRole('button', { name: 'Record this consent' }).click();
	await expect(page.getByRole('main').getByRole('status')).toContainText(`may share your records with ${RECIPIENT}`);
	await expect(page.getByTestId('consent')).toHaveCount(2);
	expect(await axeViolations(page)).toEqual([]);
	expect((await disclose()).status).toBe(200);

	// Revoking it stops the next disclosure.
	const outside = page.getByTestId('consent').filter({ hasText: RECIPIENT });
	await outside.getByRole('button', { name: `Revoke consent for ${RECIPIENT}` }).click();
	await expect(outside).toContainText('Revoked');
	await expect(outside.getByRole('button')).toHaveCount(0);
	const refused = await disclose();
	expect(refused.status).toBe(403);
	expect(refused.json.error?.code).toBe('no-consent');

	// Revoking the care-team consent brings the consent question back.
	const careTeam = page.getByTestId('consent').filter({ hasText: 'Care team of' });
	await careTeam.getByRole('button', { name: /^Revoke consent for Care team of/ }).click();
	await expect(careTeam).toContainText('Revoked');
	await expect(page.getByRole('button', { name: 'Give consent' })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	// The clinicians see the same record.
	const seen = await apiAs<{ consents: Array<{ kind: string; revokedAt?: string | null }> }>(
		server.url,
		clinician,
		`/api/consents?participantId=${participantId}`
	);
	expect(seen.json.consents.map((c) => [c.kind, Boolean(c.revokedAt)]).sort()).toEqual([
		['care-team', true],
		['disclosure', true]
	]);
});
