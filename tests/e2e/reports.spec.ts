import { expect, test } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { joinAs, signInAs } from './support/app.ts';
import { signIn } from './support/client.ts';
import { apiAs, axeViolations } from './support/access-pages.ts';
import { CARE_TEAM, consentAs, cspComplaints, downloadText } from './support/interchange.ts';
import { r4Validator } from '../support/fhir-schema.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
	// alex consents to the care team; blair and casey have no consent on file
	await consentAs(server.url, 'alex', 'care-team', CARE_TEAM);
});

test.afterAll(async () => {
	await server.dispose();
});

test('a clinician prints a participant’s attendance report, exports CSV and FHIR, and each export is a disclosure', async ({ page }) => {
	test.setTimeout(180_000);
	const csp = cspComplaints(page);
	await signInAs(page, server.url, 'clinician@demo.steady');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
	await expect(page.getByRole('heading', { name: 'Reports and exports' })).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	// From the keyboard: Alex, the printable report, shared with the care team.
	await page.getByLabel('Participant', { exact: true }).focus();
	await page.keyboard.press('Home');
	await expect(page.getByLabel('Participant', { exact: true })).toHaveValue('alex');
	await page.getByRole('button', { name: 'Show the report' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('heading', { name: 'Attendance report: Alex M.' })).toBeVisible();
	await expect(page.getByTestId('report-weeks').locator('tbody tr')).toHaveCount(5);
	await expect(page.getByTestId('report-sessions').locator('tbody tr').first()).toBeVisible();
	await expect(page.getByTestId('report-weeks')).toContainText('9 to 19');
	await expect(page.getByTestId('report-plan')).toHaveText('adult track, plan 9 hours a week');
	expect(Number(await page.getByTestId('billable-days').textContent())).toBeGreaterThan(0);
	expect(await axeViolations(page)).toEqual([]);

	// The print view shows the report and nothing else.
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('heading', { name: 'Attendance report: Alex M.' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Show the report' })).toBeHidden();
	await expect(page.getByRole('button', { name: 'Sign out' })).toBeHidden();
	await expect(page.getByRole('button', { name: 'Print the report' })).toBeHidden();
	await page.emulateMedia({ media: 'screen' });

	// The whole program as CSV: Alex only; the two without consent are left out, and it says so.
	await page.getByLabel('The whole program').check();
	await expect(page.getByLabel('CSV for a spreadsheet')).toBeChecked();
	const csv = await downloadText(page, () => page.getByRole('button', { name: 'Download' }).click());
	expect(csv.filename).toMatch(/^steady-attendance-program-demo-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv$/);
	const rows = csv.text.trim().split('\r\n');
	expect(rows[0]).toContain('participant_id,participant,group');
	expect(rows.slice(1).every((row) => row.startsWith('alex,Alex M.,'))).toBe(true);
	expect(rows.length).toBeGreaterThan(5);
	await expect(page.getByRole('main').getByRole('status')).toContainText('2 participants were left out');

	// FHIR to someone with no consent on file is refused, with words.
	await page.getByLabel('One participant', { exact: true }).check();
	await page.getByLabel('FHIR R4 for a health record (one participant)').check();
	await page.getByLabel('Someone else').check();
	await page.getByLabel('Recipient, as named in the participant\'s consent').fill('County probation office');
	await page.getByRole('button', { name: 'Download' }).click();
	await expect(page.getByRole('alert')).toContainText('No consent on file names "County probation office" for Alex M.');
	expect(await axeViolations(page)).toEqual([]);

	// To the care team it downloads, and validates against the official R4 schema.
	await page.getByLabel(`${CARE_TEAM} (our own use)`).check();
	const fhir = await downloadText(page, () => page.getByRole('button', { name: 'Download' }).click());
	expect(fhir.filename).toMatch(/^steady-fhir-alex-.*\.json$/);
	const bundle = JSON.parse(fhir.text) as { resourceType: string; entry: Array<{ resource: { resourceType: string } }> };
	expect(bundle.resourceType).toBe('Bundle');
	expect(bundle.entry.some((e) => e.resource.resourceType === 'Encounter')).toBe(true);
	const validate = r4Validator();
	expect(validate(bundle)).toBe(true);

	// The audit trail holds the three disclosures of alex and the refusals, with to whom, what and why.
	const admin = await signIn(server.url, 'admin@demo.steady');
	const audit = async (event: string) =>
		(await apiAs<{ rows: Array<{ detail: string }> }>(server.url, admin, `/api/admin/audit?event=${event}`)).json.rows.map(
			(r) => JSON.parse(r.detail) as { participantId: string; to: string; what: string; why: string }
		);
	const disclosures = await audit('disclosure');
	expect(disclosures.map((d) => d.what.split(',')[0])).toEqual(['attendance report', 'attendance CSV (program)', 'FHIR R4 bundle (appointments']);
	expect(disclosures.every((d) => d.participantId === 'alex' && d.to === CARE_TEAM && d.why === 'Utilization review')).toBe(true);
	const refused = await audit('disclosure-refused');
	expect(refused.map((r) => r.participantId).sort()).toEqual(['alex', 'blair', 'casey']);
	expect(csp).toEqual([]);
});

test('a participant cannot use the reports page', async ({ page }) => {
	await joinAs(page, server.url, 'casey');
	await page.goto(`${server.url}/reports`);
	await expect(page.getByText('This page is for the program\'s clinicians and admins.')).toBeVisible();
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' })).toHaveCount(0);
});
