import { expect, test } from '@playwright/test';
import { joinAs, signInAs } from './support/app.ts';
import { axeViolations, caseloadRow } from './support/care.ts';
import { ServerProcess } from './support/server.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('a phone-session request from the help page reaches the caseload live, and the clinician answers it from the record page', async ({ browser }) => {
	const laptop = await browser.newContext();
	const clinician = await laptop.newPage();
	await signInAs(clinician, server.url, 'clinician@demo.steady');
	await clinician.getByRole('link', { name: 'Caseload', exact: true }).click();
	await expect(caseloadRow(clinician, 'blair').getByTestId('requests')).toHaveText('None');

	// Blair's phone asks for a phone session through the help page
	const phone = await browser.newContext();
	const blair = await phone.newPage();
	await joinAs(blair, server.url, 'blair');
	await blair.goto(`${server.url}/help`);
	await blair.getByLabel('Anything they should know, like a good time to call (optional)').fill('Mornings are best');
	await blair.getByRole('button', { name: 'Ask for a phone session' }).click();
	await expect(blair.getByRole('status').filter({ hasText: 'Your request is sent.' })).toBeVisible();

	// the caseload shows it without a reload; sorting and the filter put it first, from the keyboard
	await expect(caseloadRow(clinician, 'blair').getByTestId('requests')).toHaveText('Phone session requested', { timeout: 30_000 });
	await expect(caseloadRow(clinician, 'alex').getByTestId('requests')).toHaveText('None');
	await clinician.getByRole('button', { name: 'Open requests' }).focus();
	await clinician.keyboard.press('Enter');
	await expect(clinician.getByRole('columnheader', { name: 'Open requests' })).toHaveAttribute('aria-sort', 'descending');
	await expect(clinician.getByTestId('caseload-row').first()).toHaveAttribute('data-participant', 'blair');
	await clinician.getByLabel('Open requests only').focus();
	await clinician.keyboard.press('Space');
	await expect(clinician.getByTestId('caseload-row')).toHaveCount(1);
	expect(await axeViolations(clinician)).toEqual([]);

	// the record page lists it at the top and in the timeline
	await caseloadRow(clinician, 'blair').getByRole('link', { name: 'Blair' }).click();
	const requests = clinician.getByTestId('open-requests');
	await expect(requests.getByTestId('open-request')).toHaveCount(1);
	await expect(requests.getByTestId('open-request')).toContainText('I would like a phone session instead of video. Mornings are best');
	const message = clinician.locator('[data-testid="timeline-entry"][data-kind="message"]');
	await expect(message).toContainText('(open)');
	expect(await axeViolations(clinician)).toEqual([]);

	// the follow-up from the keyboard: type what was agreed, Tab to save, Enter
	await requests.getByLabel('What you agreed (optional)').focus();
	await clinician.keyboard.type('Booked a call Thursday 9 am');
	await clinician.keyboard.press('Tab');
	await expect(requests.getByRole('button', { name: 'Save follow-up for Phone session requested' })).toBeFocused();
	await clinician.keyboard.press('Enter');
	await expect(requests.getByRole('status')).toHaveText('Follow-up logged. The request is answered.');
	await expect(requests.getByTestId('open-request')).toHaveCount(0);
	await expect(requests).toContainText('No open requests.');
	await expect(message).toContainText('(answered)');
	await expect(clinician.getByTestId('timeline-entry').filter({ hasText: 'Outreach by phone: reached. Booked a call Thursday 9 am' })).toHaveCount(1);
	// Blair's help page, still open, says the request was seen
	const asked = blair.getByTestId('phone-request');
	await expect(asked).toHaveCount(1);
	await expect(asked).toContainText('Your care team has seen your request.', { timeout: 30_000 });

	// a second request arrives while the record is open; this one is only marked handled
	await blair.getByRole('button', { name: 'Ask for a phone session' }).click();
	await expect(asked.nth(1)).toContainText('Your care team will call you to arrange it.');
	expect(await axeViolations(blair)).toEqual([]);
	await expect(requests.getByTestId('open-request')).toHaveCount(1, { timeout: 30_000 });
	await requests.getByRole('button', { name: 'Mark handled for Phone session requested' }).click();
	await expect(requests.getByRole('status')).toHaveText('Marked handled.');
	await expect(requests.getByTestId('open-request')).toHaveCount(0);
	await expect(asked.nth(1)).toContainText('Your care team has seen your request.', { timeout: 30_000 });
	expect(await axeViolations(clinician)).toEqual([]);

	// back on the caseload, nothing is open
	await clinician.getByRole('link', { name: 'Back to the caseload' }).click();
	await expect(clinician.getByTestId('caseload-row').first()).toBeVisible();
	await expect(caseloadRow(clinician, 'blair').getByTestId('requests')).toHaveText('None');
	expect(await axeViolations(clinician)).toEqual([]);

	await laptop.close();
	await phone.close();
});
