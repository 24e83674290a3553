import { expect, test } from '@playwright/test';
import { format } from 'date-fns';
import { joinAs, signInAs } from './support/app.ts';
import { axeViolations, caseloadRow, markAbsent } from './support/care.ts';
import { lastEndedEveningSession } from './support/demo-schedule.ts';
import { pastSessions, PHONE } from './support/progress.ts';
import { ServerProcess } from './support/server.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('a one-to-one make-up asked for on the phone is an open request on the caseload until the clinician answers it on the record (a logged follow-up, or assigning the make-up)', async ({ browser }) => {
	const missed = lastEndedEveningSession();
	await markAbsent(server.url, 'casey', missed);
	const past = await pastSessions(server.url, 'evening');
	/** as the page names a session: by the day it starts in the device's zone */
	const sessionName = (id: string) => {
		const session = past.find((o) => o.id === id);
		if (!session) throw new Error(`${id} is not among the demo's past sessions`);
		return `Evening Recovery Group, ${format(new Date(session.start), 'EEEE d MMMM')}`;
	};

	const laptop = await browser.newContext();
	const clinician = await laptop.newPage();
	await signInAs(clinician, server.url, 'clinician@demo.steady');
	await clinician.getByRole('link', { name: 'Caseload', exact: true }).click();
	await expect(caseloadRow(clinician, 'casey').getByTestId('requests')).toHaveText('None');

	// Casey's phone asks for a one-to-one for the missed session
	const phone = await browser.newContext({ viewport: PHONE });
	const casey = await phone.newPage();
	await joinAs(casey, server.url, 'casey');
	await casey.getByRole('link', { name: 'Make-ups' }).click();
	const makeup = casey.getByRole('article', { name: sessionName(missed) });
	await makeup.getByRole('button', { name: 'Ask for a one-to-one' }).click();
	await expect(makeup.getByTestId('asked')).toContainText('Your care team will be in touch.');

	// the caseload shows it without a reload, and the filter finds it
	await expect(caseloadRow(clinician, 'casey').getByTestId('requests')).toHaveText('One-to-one make-up requested', { timeout: 30_000 });
	await clinician.getByLabel('Open requests only').check();
	await expect(clinician.getByTestId('caseload-row')).toHaveCount(1);
	await expect(clinician.getByTestId('caseload-row')).toHaveAttribute('data-participant', 'casey');
	expect(await axeViolations(clinician)).toEqual([]);

	// the record lists it with the session it makes up, and the make-up says it was asked for
	await caseloadRow(clinician, 'casey').getByRole('link', { name: 'Casey' }).click();
	const requests = clinician.getByTestId('open-requests');
	const request = requests.getByTestId('open-request');
	await expect(request).toHaveCount(1);
	await expect(request).toHaveAttribute('data-topic', 'one-to-one');
	await expect(request).toContainText('One-to-one make-up requested');
	await expect(request).toContainText('asked for “One-to-one catch-up with your clinician (30 minutes)” to make up Evening Recovery Group');
	await expect(clinician.locator(`[data-testid="makeup"][data-occurrence="${missed}"]`).getByTestId('makeup-asked')).toContainText('Asked for One-to-one catch-up');
	expect(await axeViolations(clinician)).toEqual([]);

	// the clinician books it by phone and logs that, from the keyboard
	await request.getByLabel('What you agreed (optional)').focus();
	await clinician.keyboard.type('Booked the one-to-one for Friday 10 am');
	await clinician.keyboard.press('Tab');
	await expect(request.getByRole('button', { name: /^Save follow-up for One-to-one make-up requested, Evening Recovery Group/ })).toBeFocused();
	await clinician.keyboard.press('Enter');
	await expect(requests.getByRole('status')).toHaveText('Follow-up logged. The request is answered.');
	await expect(request).toHaveCount(0);
	await expect(requests).toContainText('No open requests.');
	await expect(clinician.getByTestId('timeline-entry').filter({ hasText: 'Outreach by phone: reached. Booked the one-to-one for Friday 10 am' })).toHaveCount(1);
	expect(await axeViolations(clinician)).toEqual([]);
	// Casey's phone learns that the request was seen
	await expect(makeup.getByTestId('asked')).toContainText('Your care team has seen your request.', { timeout: 30_000 });
	expect(await axeViolations(casey)).toEqual([]);

	// back on the caseload, nothing is open; the filter now shows no one
	await clinician.getByRole('link', { name: 'Back to the caseload' }).click();
	await expect(caseloadRow(clinician, 'casey').getByTestId('requests')).toHaveText('None');
	await clinician.getByLabel('Open requests only').check();
	await expect(clinician.getByTestId('caseload-row')).toHaveCount(0);
	expect(await axeViolations(clinician)).toEqual([]);

	// a second request is answered by assigning the session's make-up with the one-to-one in it
	const earlier = past.find((o) => o.id !== missed);
	if (!earlier) throw new Error('the demo has too few past sessions');
	await markAbsent(server.url, 'casey', earlier.id);
	const second = casey.getByRole('article', { name: sessionName(earlier.id) });
	await second.getByRole('button', { name: 'Ask for a one-to-one' }).click();
	await expect(second.getByText('You asked for this on')).toBeVisible();
	await clinician.getByLabel('Open requests only').uncheck();
	await expect(caseloadRow(clinician, 'casey').getByTestId('requests')).toHaveText('One-to-one make-up requested', { timeout: 30_000 });
	await caseloadRow(clinician, 'casey').getByRole('link', { name: 'Casey' }).click();
	await expect(request).toHaveCount(1);
	const makeup2 = clinician.locator(`[data-testid="makeup"][data-occurrence="${earlier.id}"]`);
	await makeup2.getByText('Assign items').click();
	await makeup2.getByLabel('One-to-one catch-up with your clinician (30 minutes) (one-to-one)').check();
	await makeup2.getByRole('button', { name: 'Assign make-up' }).click();
	await expect(request).toHaveCount(0);
	await expect(requests).toContainText('No open requests.');
	await clinician.getByRole('link', { name: 'Back to the caseload' }).click();
	await expect(caseloadRow(clinician, 'casey').getByTestId('requests')).toHaveText('None');
	// Casey still sees the one-to-one to have, now as the clinician's plan
	await expect(second.getByText('Your clinician asked you to do all of these:')).toBeVisible({ timeout: 30_000 });

	await laptop.close();
	await phone.close();
});
