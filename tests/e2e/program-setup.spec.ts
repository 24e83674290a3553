import { expect, test, type Page } from '@playwright/test';
import { TZDate } from '@date-fns/tz';
import { format, nextMonday, nextTuesday, nextWednesday } from 'date-fns';
import { ServerProcess } from './support/server.ts';
import { signInAs, syncStatus } from './support/app.ts';
import { axeViolations } from './support/access-pages.ts';
import { openDoc, signIn } from './support/client.ts';

const server = new ServerProcess();
const ZONE = 'America/New_York';
const today = new TZDate(Date.now(), ZONE);
const day = (date: Date) => format(date, 'yyyy-MM-dd');

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

function section(page: Page, title: string) {
	return page.getByRole('region', { name: title });
}

test('an admin sets up the program: each form names the field at fault, and the saved set-up reaches other devices', async ({ page, browser }) => {
	await signInAs(page, server.url, 'admin@demo.steady');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Program' }).click();
	await expect(page.getByRole('heading', { name: 'Program set-up' })).toBeVisible();
	const groups = section(page, 'Groups and schedules');
	await expect(groups.getByTestId('group-item')).toHaveCount(2);
	await expect(section(page, 'Make-up catalog').getByTestId('catalog-item')).toHaveCount(9);
	await expect(section(page, 'Assignment catalog').getByTestId('catalog-item')).toHaveCount(3);
	expect(await axeViolations(page)).toEqual([]);

	// a group, from the keyboard: errors first, then fixed
	await groups.getByRole('button', { name: 'Add a group' }).focus();
	await page.keyboard.press('Enter');
	const groupForm = page.getByRole('form', { name: 'New group' });
	await groupForm.getByLabel('Video link').fill('http://meet.example.org/weekend');
	await groupForm.getByRole('button', { name: 'Save group' }).press('Enter');
	await expect(groupForm.getByText('Name is required.')).toBeVisible();
	await expect(groupForm.getByText('Pick at least one weekday.')).toBeVisible();
	await expect(groupForm.getByText('Video link must be a full link starting with https://')).toBeVisible();
	await expect(groupForm.getByLabel('Name')).toHaveAttribute('aria-invalid', 'true');
	// the first field at fault takes the focus
	await expect(groupForm.getByLabel('Name')).toBeFocused();
	expect(await axeViolations(page)).toEqual([]);
	await groupForm.getByLabel('Name').fill('Weekend Check-in');
	await groupForm.getByLabel('Facilitator').fill('Jordan Lee, LCSW');
	await groupForm.getByRole('checkbox', { name: 'Saturday' }).focus();
	await page.keyboard.press('Space');
	await groupForm.getByLabel('Start time').fill('11:00');
	await groupForm.getByLabel('Duration (minutes)').fill('90');
	await groupForm.getByLabel('Video link').fill('https://meet.example.org/weekend');
	await groupForm.getByLabel('Starts on').fill(day(today));
	await groupForm.getByRole('button', { name: 'Save group' }).press('Enter');
	await expect(groups.getByRole('status')).toHaveText('Saved Weekend Check-in.');
	await expect(groups.getByTestId('group-item').filter({ hasText: 'Weekend Check-in' })).toContainText('Sat at 11:00 for 90 minutes');

	// cancel one evening session: a day the group does not meet is refused
	const exceptions = section(page, 'Cancelled and moved sessions');
	await exceptions.getByLabel('Group').selectOption({ label: 'Evening Recovery Group' });
	await exceptions.getByLabel('Session date').fill(day(nextWednesday(today)));
	await exceptions.getByLabel('Reason (participants see it)').fill('Staff training');
	await exceptions.getByRole('button', { name: 'Save change' }).click();
	await expect(exceptions.getByText('Evening Recovery Group does not meet on that day: pick one of its session dates.')).toBeVisible();
	const monday = day(nextMonday(today));
	await exceptions.getByLabel('Session date').fill(monday);
	await exceptions.getByRole('button', { name: 'Save change' }).click();
	await expect(exceptions.getByTestId('exception-item')).toContainText(`Evening Recovery Group on ${monday}:`);
	await expect(exceptions.getByTestId('exception-item')).toContainText('cancelled (Staff training)');
	// move the next Tuesday's session to the Wednesday evening
	const tuesday = day(nextTuesday(today));
	const wednesday = day(nextWednesday(nextTuesday(today)));
	await exceptions.getByLabel('Group').selectOption({ label: 'Evening Recovery Group' });
	await exceptions.getByLabel('Session date').fill(tuesday);
	await exceptions.getByRole('radio', { name: 'Move it' }).check();
	await exceptions.getByRole('button', { name: 'Save change' }).click();
	await expect(exceptions.getByText('New date: pick a date.')).toBeVisible();
	await exceptions.getByLabel('New date').fill(wednesday);
	await exceptions.getByLabel('New start time').fill('19:00');
	await exceptions.getByLabel('Duration (minutes)').fill('120');
	await exceptions.getByLabel('Reason (participants see it)').fill('Room change');
	await exceptions.getByRole('button', { name: 'Save change' }).click();
	const moved = exceptions.getByTestId('exception-item').filter({ hasText: tuesday });
	await expect(moved).toContainText(`moved to ${format(new Date(`${wednesday}T12:00:00`), 'EEE d MMM yyyy')}, 19:00 for 120 minutes (Room change)`);

	// policy numbers
	const policy = section(page, 'Attendance policy');
	await policy.getByLabel('Late after (minutes from the start)').fill('5');
	await policy.getByLabel('Weekly hours, minimum').fill('20');
	await policy.getByRole('button', { name: 'Save policy' }).click();
	await expect(policy.getByText('The weekly maximum must be at least the minimum.')).toBeVisible();
	await policy.getByLabel('Weekly hours, minimum').fill('9');
	await policy.getByRole('button', { name: 'Save policy' }).click();
	await expect(policy.getByRole('status')).toHaveText('Attendance policy saved.');

	// risk rules
	const risk = section(page, 'Risk rules');
	await risk.getByLabel('Missed in a row').fill('3');
	await risk.getByRole('group', { name: 'No activity at all' }).getByLabel('On').uncheck();
	await risk.getByRole('button', { name: 'Save risk rules' }).click();
	await expect(risk.getByRole('status')).toHaveText('Risk rules saved.');

	// the catalogs
	const makeups = section(page, 'Make-up catalog');
	await makeups.getByRole('button', { name: 'Add a make-up item' }).click();
	await makeups.getByLabel('Kind').selectOption('recording');
	await makeups.getByLabel('Title').fill('Recording: weekend check-in');
	await makeups.getByLabel('Link (optional)').fill('ftp://media.example.org/weekend');
	await makeups.getByRole('button', { name: 'Save make-up item' }).click();
	await expect(makeups.getByText('Link must be a full link starting with https://, or empty.')).toBeVisible();
	await makeups.getByLabel('Link (optional)').fill('https://media.example.org/weekend');
	await makeups.getByLabel('For').selectOption({ label: 'Weekend Check-in' });
	await makeups.getByRole('button', { name: 'Save make-up item' }).click();
	await expect(makeups.getByTestId('catalog-item')).toHaveCount(10);
	const assignments = section(page, 'Assignment catalog');
	await assignments.getByRole('button', { name: 'Edit Mindfulness practice log' }).click();
	await assignments.getByLabel('Instructions').fill('Practise ten minutes a day and note what you noticed.');
	await assignments.getByRole('button', { name: 'Save assignment' }).click();
	await expect(assignments.getByRole('status')).toHaveText('Saved Mindfulness practice log.');

	// the texts
	const texts = section(page, 'Orientation, tech help and backup phone');
	await texts.getByLabel('Backup phone').fill('call us');
	await texts.getByRole('button', { name: 'Save texts' }).click();
	await expect(texts.getByText('Backup phone: use digits, spaces, brackets or dashes, with an optional + in front (7 to 30 characters).')).toBeVisible();
	await texts.getByLabel('Backup phone').fill('+1 555 0199');
	await texts.getByLabel('Orientation').fill('Welcome! Groups meet by video.');
	await texts.getByRole('button', { name: 'Save texts' }).click();
	await expect(texts.getByRole('status')).toHaveText('Orientation, tech help and backup phone saved.');
	await expect(syncStatus(page)).toHaveText('All changes saved');
	expect(await axeViolations(page)).toEqual([]);

	// the server holds it all
	const program = await openDoc(server.url, await signIn(server.url, 'clinician@demo.steady'), 'program:demo');
	await program.synced;
	const weekend = [...program.doc.getMap<{ name: string; weekdays: number[]; durationMinutes: number }>('groups').values()].find((g) => g.name === 'Weekend Check-in');
	expect(weekend).toMatchObject({ weekdays: [6], durationMinutes: 90, startTime: '11:00' });
	const settings = program.doc.getMap<Record<string, unknown>>('settings');
	expect(settings.get('policy')).toMatchObject({ lateAfterMinutes: 5, weeklyHoursMin: 9, updatedBy: 'u-admin' });
	expect(settings.get('riskRules')).toMatchObject({ missedInARow: { enabled: true, count: 3 }, noActivity: { enabled: false, days: 7 } });
	expect(settings.get('info')).toMatchObject({ backupPhone: '+1 555 0199', orientation: 'Welcome! Groups meet by video.', name: 'Steady Demo IOP' });
	const stored = [...program.doc.getMap<{ occurrenceId: string; kind: string }>('exceptions').values()];
	const [y, m, d] = wednesday.split('-').map(Number) as [number, number, number];
	expect(stored).toHaveLength(2);
	expect(stored).toEqual(
		expect.arrayContaining([
			expect.objectContaining({ occurrenceId: `evening@${monday}`, kind: 'cancelled', reason: 'Staff training' }),
			expect.objectContaining({
				occurrenceId: `evening@${tuesday}`,
				kind: 'moved',
				durationMinutes: 120,
				start: new Date(new TZDate(y, m - 1, d, 19, 0, ZONE).getTime()).toISOString()
			})
		])
	);
	program.destroy();

	// and a clinician's device shows the same set-up (clinicians may change it too)
	const other = await browser.newContext();
	const clinician = await other.newPage();
	await signInAs(clinician, server.url, 'cohost@demo.steady');
	await clinician.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Program' }).click();
	await expect(section(clinician, 'Groups and schedules').getByTestId('group-item').filter({ hasText: 'Weekend Check-in' })).toBeVisible();
	await expect(section(clinician, 'Attendance policy').getByLabel('Late after (minutes from the start)')).toHaveValue('5');
	await expect(section(clinician, 'Orientation, tech help and backup phone').getByLabel('Backup phone')).toHaveValue('+1 555 0199');
	await other.close();
});
