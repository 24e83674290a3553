import { expect, test } from '@playwright/test';
import { format } from 'date-fns';
import { joinAs, signInAs, syncStatus } from './support/app.ts';
import { answerPhq9, axeViolations, caseloadRow, cspViolations, markAbsent, participantReadsCare } from './support/care.ts';
import { lastEndedEveningSession } from './support/demo-schedule.ts';
import { addDays } from '../../src/lib/domain/schedule.ts';
import { addCareNote } from './support/participant.ts';
import { pastSessions } from './support/progress.ts';
import { ServerProcess } from './support/server.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('the caseload shows every participant, sorts and filters from the keyboard, and an urgent survey answer appears at the top without a reload', async ({ page }) => {
	const csp = cspViolations(page);
	await signInAs(page, server.url, 'clinician@demo.steady');
	await page.getByRole('link', { name: 'Caseload', exact: true }).click();
	await expect(page.getByRole('heading', { name: 'Caseload', level: 1 })).toBeVisible();
	for (const id of ['alex', 'blair', 'casey']) await expect(caseloadRow(page, id)).toBeVisible();
	await expect(caseloadRow(page, 'alex').getByTestId('hours')).toContainText('of 9 h');
	await expect(caseloadRow(page, 'alex').getByTestId('attendance-overall')).toContainText('% of ');
	expect(await axeViolations(page)).toEqual([]);

	// sort by name from the keyboard: ascending, then descending
	await page.getByRole('button', { name: 'Participant' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('columnheader', { name: 'Participant' })).toHaveAttribute('aria-sort', 'ascending');
	expect(await page.getByTestId('caseload-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-participant')))).toEqual(['alex', 'blair', 'casey']);
	await page.keyboard.press('Enter');
	await expect(page.getByRole('columnheader', { name: 'Participant' })).toHaveAttribute('aria-sort', 'descending');
	expect(await page.getByTestId('caseload-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-participant')))).toEqual(['casey', 'blair', 'alex']);

	// filter by group, then by clinician (the group's facilitator)
	await page.getByLabel('Group').selectOption({ label: 'Daytime Skills Group' });
	await expect(page.getByTestId('caseload-row')).toHaveCount(1);
	await expect(caseloadRow(page, 'blair')).toBeVisible();
	await page.getByLabel('Group').selectOption({ label: 'Every group' });
	await page.getByLabel('Clinician').selectOption({ label: 'Dr. Sam Okafor' });
	await expect(page.getByTestId('caseload-row')).toHaveCount(2);
	await expect(caseloadRow(page, 'blair')).toHaveCount(0);
	await page.getByLabel('Clinician').selectOption({ label: 'Every clinician' });
	await expect(page.getByTestId('caseload-row')).toHaveCount(3);

	// Alex's phone answers a PHQ-9 with a risk answer on question 9
	await expect(page.getByTestId('urgent')).toHaveCount(0);
	await answerPhq9(server.url, 'alex', [2, 2, 1, 1, 1, 1, 1, 1, 2]);
	const alert = page.getByRole('alert').filter({ hasText: 'Needs attention today' });
	await expect(alert).toContainText('Alex M.');
	await expect(caseloadRow(page, 'alex').getByTestId('flags')).toContainText('Urgent: risk answer on PHQ-9');
	await expect(caseloadRow(page, 'alex').getByTestId('scores')).toContainText('12 (moderate)');
	expect(await axeViolations(page)).toEqual([]);

	// flagged only keeps Alex; the checkbox works with the space bar
	await page.getByLabel('Flagged only').focus();
	await page.keyboard.press('Space');
	await expect(page.getByLabel('Flagged only')).toBeChecked();
	await expect(caseloadRow(page, 'alex')).toBeVisible();
	for (const row of await page.getByTestId('caseload-row').all()) await expect(row.getByTestId('flags')).not.toHaveText('None');

	// the clinician reaches Alex, logs the outreach, and the urgent flag is answered
	await alert.getByRole('link', { name: 'Alex M.' }).click();
	await expect(page.getByRole('heading', { name: 'Alex M.', level: 1 })).toBeVisible();
	await expect(page.getByRole('alert')).toContainText('Urgent: risk answer on PHQ-9');
	await page.getByLabel('Kind').selectOption('outreach');
	await page.getByLabel('Channel').selectOption('phone');
	await page.getByLabel('Outcome').selectOption('reached');
	await page.getByLabel('Note (optional)').fill('Safety plan reviewed; will attend Thursday.');
	await page.getByRole('button', { name: 'Save intervention' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Outreach logged.' })).toBeVisible();
	await expect(page.getByTestId('urgent')).toHaveCount(0);
	await expect(page.getByText('Answered by an intervention')).toBeVisible();
	await page.getByRole('link', { name: 'Caseload', exact: true }).click();
	await expect(caseloadRow(page, 'alex')).toBeVisible();
	await expect(page.getByTestId('urgent')).toHaveCount(0);
	expect(csp).toEqual([]);
});

test('on the record page a clinician assigns and verifies a make-up, records a leave, and writes shared and private notes', async ({ page, browser }) => {
	const missed = lastEndedEveningSession();
	await markAbsent(server.url, 'alex', missed);
	await signInAs(page, server.url, 'clinician@demo.steady');
	await page.goto(`${server.url}/record?p=alex`);
	await expect(page.getByRole('heading', { name: 'Alex M.', level: 1 })).toBeVisible();
	await expect(page.getByText('Evening Recovery Group · since')).toContainText('· plan 9 hours a week');

	// the session the co-host marked absent owes a make-up
	const makeup = page.locator(`[data-testid="makeup"][data-occurrence="${missed}"]`);
	await expect(makeup.getByTestId('makeup-status')).toHaveText('Owed');
	await makeup.getByText('Assign items').click();
	await makeup.getByRole('button', { name: 'Assign make-up' }).click();
	await expect(makeup.getByRole('alert')).toHaveText('Choose at least one make-up item (a recording, recap, worksheet or one-to-one).');
	await makeup.getByLabel('Recap: coping with cravings (recap)').check();
	await makeup.getByLabel('Worksheet: my triggers and plans (worksheet)').check();
	await makeup.getByRole('button', { name: 'Assign make-up' }).click();
	await makeup.getByRole('button', { name: /^Verify make-up for / }).click();
	await expect(makeup).toHaveCount(0);
	await expect(page.getByTestId('timeline-entry').filter({ hasText: 'Make-up: made up' })).toHaveCount(1);
	expect(await axeViolations(page)).toEqual([]);

	// the form says that the participant's device receives what it saves
	await expect(page.getByTestId('intervention-visibility')).toContainText("The participant's app receives what you save here");

	// a leave that ends before it begins is refused with words that say how to fix it
	// (months ahead of today, so Alex's week page lists it below)
	const leaveFrom = addDays(new Date().toISOString().slice(0, 10), 160);
	const leaveTo = addDays(leaveFrom, 14);
	await page.getByLabel('Kind').selectOption('leave');
	await page.getByLabel('First day').fill(leaveFrom);
	await page.getByLabel('Last day').fill(addDays(leaveFrom, -7));
	await page.getByLabel('Reason').fill('Surgery and recovery');
	await page.getByRole('button', { name: 'Save intervention' }).click();
	await expect(page.getByRole('alert')).toHaveText('The leave must end on or after its first day.');
	await page.getByLabel('Last day').fill(leaveTo);
	await page.getByRole('button', { name: 'Save intervention' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Leave recorded.' })).toBeVisible();
	await expect(page.getByTestId('timeline-entry').filter({ hasText: `Leave from ${leaveFrom} to ${leaveTo}` })).toHaveCount(1);

	// notes: one shared with Alex, one for the care team only, each clearly marked
	// from the keyboard alone: type, Tab to the choice, arrow to "shared", Tab to save, Enter
	await page.getByLabel('Note', { exact: true }).focus();
	await page.keyboard.type('You did great work on your plan this week.');
	await page.keyboard.press('Tab');
	await expect(page.getByLabel('Care team only (private)')).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(page.getByLabel('Shared with the participant')).toBeChecked();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Save note' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'The participant can read it.' })).toBeVisible();
	await page.getByLabel('Note', { exact: true }).fill('Ask about sleep and the new job next time.');
	await page.getByLabel('Care team only (private)').check();
	await page.getByRole('button', { name: 'Save note' }).click();
	await expect(page.getByRole('status').filter({ hasText: 'Only the care team can read it.' })).toBeVisible();
	await expect(page.locator('[data-testid="note"][data-visibility="shared"]')).toContainText('Shared with participant You did great work');
	await expect(page.locator('[data-testid="note"][data-visibility="private"]')).toContainText('Private: care team only Ask about sleep');
	expect(await axeViolations(page)).toEqual([]);

	// Alex's own device reads the shared note in the care document, never the private one
	await expect.poll(async () => (await participantReadsCare(server.url, 'alex')).annotations, { timeout: 20_000 }).toEqual(['You did great work on your plan this week.']);

	// Alex reads it on the week page with who wrote it; the private note is nowhere there.
	// A note about a session weeks ago is listed there too, named; three newer notes put
	// both behind "Earlier notes", opened from the keyboard.
	const weeksAgo = (await pastSessions(server.url, 'evening', 21)).at(-1);
	if (!weeksAgo) throw new Error('the demo has no session three weeks back');
	await addCareNote(server.url, 'alex', weeksAgo.id, 'Well done staying to the end.');
	for (const text of ['See you Thursday.', 'Your sleep log helped.', 'Keep the plan on the fridge.']) await addCareNote(server.url, 'alex', 'general', text);
	const phone = await browser.newContext();
	const alex = await phone.newPage();
	await joinAs(alex, server.url, 'alex');
	const fromCareTeam = alex.getByTestId('notes-from-care-team');
	await expect(fromCareTeam.getByRole('heading', { name: 'Notes from your care team' })).toBeVisible();
	await expect(fromCareTeam.getByTestId('note-to-you').first()).toContainText('Keep the plan on the fridge.');
	const great = fromCareTeam.getByTestId('note-to-you').filter({ hasText: 'You did great work on your plan this week.' });
	await expect(great).toBeHidden();
	await fromCareTeam.getByText('Earlier notes (2)').focus();
	await alex.keyboard.press('Enter');
	await expect(great).toBeVisible();
	await expect(great.getByTestId('byline')).toContainText('Dr. Sam Okafor, ');
	const day = format(new Date(`${weeksAgo.localDate}T12:00:00`), 'EEEE d MMMM');
	await expect(fromCareTeam.getByTestId('note-to-you').filter({ hasText: 'Well done staying to the end.' })).toContainText(`About Evening Recovery Group, ${day}:`);
	await expect(alex.getByText('Ask about sleep')).toHaveCount(0);
	// and the leave recorded above, with its dates and reason
	const longDay = (date: string) => format(new Date(`${date}T12:00:00`), 'EEEE d MMMM yyyy');
	await expect(alex.getByTestId('schedule-change')).toHaveText(`On leave from ${longDay(leaveFrom)} to ${longDay(leaveTo)}: Surgery and recovery`);
	expect(await axeViolations(alex)).toEqual([]);
	await phone.close();

	// the co-host's device has no staff list, yet names who wrote each note and intervention
	const tablet = await browser.newContext();
	const cohost = await tablet.newPage();
	await signInAs(cohost, server.url, 'cohost@demo.steady');
	await cohost.goto(`${server.url}/record?p=alex`);
	for (const visibility of ['shared', 'private']) {
		await expect(cohost.locator(`[data-testid="note"][data-visibility="${visibility}"]`).getByTestId('author')).toHaveText('by Dr. Sam Okafor', { timeout: 30_000 });
	}
	const leave = cohost.getByTestId('timeline-entry').filter({ hasText: `Leave from ${leaveFrom} to ${leaveTo}` });
	await expect(leave.getByTestId('author')).toHaveText('by Dr. Sam Okafor');
	expect(await axeViolations(cohost)).toEqual([]);
	await tablet.close();
});

test('an outreach logged on a clinician’s device while offline answers the urgent flag on another clinician’s caseload once it syncs', async ({ browser }) => {
	await answerPhq9(server.url, 'casey', [1, 1, 1, 1, 1, 1, 1, 1, 1]);

	const laptop = await browser.newContext();
	const caseload = await laptop.newPage();
	await signInAs(caseload, server.url, 'clinician@demo.steady');
	await caseload.goto(`${server.url}/caseload`);
	const alert = caseload.getByRole('alert').filter({ hasText: 'Needs attention today' });
	await expect(alert).toContainText('Casey R.');

	const tablet = await browser.newContext();
	const record = await tablet.newPage();
	await signInAs(record, server.url, 'cohost@demo.steady');
	await record.goto(`${server.url}/record?p=casey`);
	await expect(record.getByTestId('urgent')).toContainText('Urgent: risk answer on PHQ-9');

	await server.stop('SIGKILL');
	await expect(syncStatus(record)).toContainText('Offline');
	await record.getByLabel('Kind').selectOption('outreach');
	await record.getByLabel('Channel').selectOption('video');
	await record.getByLabel('Outcome').selectOption('reached');
	await record.getByRole('button', { name: 'Save intervention' }).click();
	await expect(record.getByTestId('urgent')).toHaveCount(0);
	await expect(syncStatus(record)).toHaveText('Offline · 1 change on this device only');
	await expect(alert).toContainText('Casey R.');

	await server.start();
	await expect(syncStatus(record)).toHaveText('All changes saved', { timeout: 30_000 });
	await expect(caseload.getByTestId('urgent')).toHaveCount(0, { timeout: 30_000 });
	await expect(caseloadRow(caseload, 'casey').getByTestId('flags')).not.toContainText('Urgent');

	await laptop.close();
	await tablet.close();
});
