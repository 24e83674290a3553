import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { expect, test } from '@playwright/test';
import type { AbsenceNotice } from '../../src/lib/domain/records.ts';
import { addDays, zonedInstant } from '../../src/lib/domain/schedule.ts';
import { axeViolations } from './support/access-pages.ts';
import { joinAs, signInAs, syncStatus, waitForOfflineShell } from './support/app.ts';
import { ServerProcess } from './support/server.ts';
import { addGroup, openFromNav, serverRecords, ZONE } from './support/participant.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

const label = (start: Date, group: string) => `${format(new TZDate(start.getTime(), ZONE), 'EEEE d MMMM, h:mm a')} · ${group}`;

test('notices given and withdrawn offline reach the care team once back online, late cancellations marked', async ({ browser }) => {
	const group = 'Afternoon Skills Group';
	const { start, occurrenceId } = await addGroup(server.url, ['blair'], { groupId: 'afternoon', groupName: group, startInMinutes: 180 });
	// the same wall-clock time a week later (a daylight-saving change may fall between)
	const local = new TZDate(start.getTime(), ZONE);
	const nextWeek = new Date(zonedInstant(addDays(format(local, 'yyyy-MM-dd'), 7), format(local, 'HH:mm'), ZONE));

	const context = await browser.newContext({ timezoneId: ZONE });
	const page = await context.newPage();
	await joinAs(page, server.url, 'blair');
	await waitForOfflineShell(page);
	await openFromNav(page, "Can't come");
	const sessionField = page.getByLabel('Session');
	await expect(sessionField.locator('option', { hasText: label(start, group) })).toHaveCount(1);
	// anything opening wrote is stored first, so only the notices stay behind
	await expect(syncStatus(page)).toHaveText('All changes saved');

	await server.stop('SIGKILL');
	await expect(syncStatus(page)).toContainText('Offline');

	await sessionField.selectOption({ label: label(start, group) });
	await expect(page.getByTestId('late-note')).toHaveText('This is less than 24 hours before the start, so it counts as a late cancellation.');
	await page.getByLabel('Reason').selectOption({ label: 'I am unwell' });
	await page.getByLabel('Note for your care team (optional)').fill('Fever since last night');
	await page.getByRole('button', { name: 'Tell my care team' }).focus();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('status').filter({ hasText: 'Thank you.' })).toBeVisible();
	const soon = page.getByTestId('notice').filter({ hasText: label(start, group).split(' · ')[0] as string });
	await expect(soon).toContainText('I am unwell: Fever since last night (late cancellation)');

	await sessionField.selectOption({ label: label(nextWeek, group) });
	await expect(page.getByTestId('late-note')).toHaveText('This is in good time, not a late cancellation.');
	await page.getByLabel('Reason').selectOption({ label: 'Transportation' });
	await page.getByRole('button', { name: 'Tell my care team' }).click();
	const later = page.getByTestId('notice').filter({ hasText: label(nextWeek, group).split(' · ')[0] as string });
	await expect(later).toContainText('Transportation');
	await expect(later).not.toContainText('late cancellation');
	await later.getByRole('button', { name: 'I can come after all' }).click();
	await expect(later).toHaveCount(0);
	// withdrawn, the session can be chosen again
	await expect(sessionField.locator('option', { hasText: label(nextWeek, group) })).toHaveCount(1);
	await expect(syncStatus(page)).toHaveText('Offline · 3 changes on this device only');

	await page.reload();
	await expect(soon).toContainText('(late cancellation)');

	await server.start();
	await expect(syncStatus(page)).toHaveText('All changes saved', { timeout: 30_000 });
	// (the demo history has notices of its own)
	const notices = (await serverRecords<AbsenceNotice>(server.url, 'self:blair', 'absences')).filter((n) => n.occurrenceId.startsWith('afternoon@'));
	expect(notices).toHaveLength(2);
	const standing = notices.find((n) => n.occurrenceId === occurrenceId);
	expect(standing).toMatchObject({ reason: 'illness', note: 'Fever since last night', updatedBy: 'u-blair' });
	expect(standing?.withdrawnAt).toBeUndefined();
	expect(notices.find((n) => n.occurrenceId !== occurrenceId)?.withdrawnAt).toEqual(expect.any(String));

	// and on the clinician's device, in the participant's record
	const laptop = await browser.newContext({ timezoneId: ZONE });
	const clinician = await laptop.newPage();
	await signInAs(clinician, server.url, 'clinician@demo.steady');
	await clinician.goto(`${server.url}/record?p=blair`);
	await expect(clinician.getByText(/Absence notice for .*: illness\. Fever since last night/)).toBeVisible();
	await expect(clinician.getByText(/Absence notice for .*: transportation \(withdrawn\)/)).toBeVisible();

	// the care team answers on the standing notice itself (next week's, withdrawn, is not offered;
	// on some days the demo history has a notice of its own for a daytime session today)
	const about = clinician.getByLabel('About');
	await expect(about.locator('optgroup[label="Absence notices"] option', { hasText: group })).toHaveCount(1);
	await about.selectOption({ label: `Absence notice for ${group}, ${format(new TZDate(start.getTime(), ZONE), 'EEEE d MMMM')}` });
	await clinician.getByLabel('Note', { exact: true }).fill('Thanks for telling us. Rest up.');
	await clinician.getByLabel('Shared with the participant').check();
	await clinician.getByRole('button', { name: 'Save note' }).click();
	await expect(clinician.getByRole('status').filter({ hasText: 'The participant can read it.' })).toBeVisible();
	expect(await axeViolations(clinician)).toEqual([]);
	await laptop.close();
	await expect(soon.getByTestId('care-notes')).toContainText('Thanks for telling us. Rest up.', { timeout: 30_000 });
	expect(await axeViolations(page)).toEqual([]);
	// and, named, among the notes on the week page
	await openFromNav(page, 'This week');
	await expect(page.getByTestId('note-to-you').filter({ hasText: 'Thanks for telling us. Rest up.' })).toContainText(`About your absence notice for ${group}, `);
	await context.close();
});
