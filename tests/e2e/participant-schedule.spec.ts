import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
import { expect, test } from '@playwright/test';
import { addDays, localDateOf, zonedInstant } from '../../src/lib/domain/schedule.ts';
import { weekOf } from '../../src/lib/domain/session-views.ts';
import { axeViolations } from './support/access-pages.ts';
import { joinAs } from './support/app.ts';
import { ServerProcess } from './support/server.ts';
import { addCareNote, writeAsClinician, ZONE } from './support/participant.ts';

const server = new ServerProcess();
const DEVICE_ZONE = 'America/Los_Angeles';

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

const shown = (instant: string) => format(new TZDate(instant, DEVICE_ZONE), 'EEE d MMM, h:mm a');

test('the agenda shows upcoming sessions in the device’s zone, with changes, leave and the care team’s notes', async ({ browser }) => {
	// the demo's evening group meets Mon, Tue and Thu at 6 pm New York time
	const monday = localDateOf(weekOf(new Date().toISOString(), ZONE).to, ZONE);
	const tuesday = addDays(monday, 1);
	const thursday = addDays(monday, 3);
	const mondayAfter = addDays(monday, 7);
	const movedStart = zonedInstant(thursday, '19:00', ZONE);
	await writeAsClinician(server.url, 'program:demo', (doc, updatedAt) => {
		const exceptions = doc.getMap('exceptions');
		exceptions.set('x-cancel', { id: 'x-cancel', updatedAt, updatedBy: 'u-clinician', kind: 'cancelled', occurrenceId: `evening@${tuesday}`, reason: 'Facilitator away' });
		exceptions.set('x-move', {
			id: 'x-move',
			updatedAt,
			updatedBy: 'u-clinician',
			kind: 'moved',
			occurrenceId: `evening@${thursday}`,
			start: movedStart,
			durationMinutes: 180,
			reason: 'Holiday'
		});
	});
	await writeAsClinician(server.url, 'care:alex', (doc, updatedAt) => {
		doc.getMap('leaves').set('leave-1', { id: 'leave-1', updatedAt, updatedBy: 'u-clinician', from: mondayAfter, to: mondayAfter, reason: 'Approved' });
		doc.getMap('adjustments').set('adjust-1', { id: 'adjust-1', updatedAt, updatedBy: 'u-clinician', kind: 'drop-group', groupId: 'daytime', from: mondayAfter, reason: 'Evenings suit work better' });
	});
	await addCareNote(server.url, 'alex', `evening@${monday}`, 'Bring your worksheet from last week.');

	const context = await browser.newContext({ timezoneId: DEVICE_ZONE });
	const page = await context.newPage();
	await joinAs(page, server.url, 'alex');
	await expect(page.getByRole('heading', { name: 'This week' })).toBeVisible();
	await expect(page.getByTestId('zone-note')).toHaveText(/^Times are shown in your time zone \(Pacific (Standard|Daylight) Time\)\.$/);

	const item = (start: string) => page.getByTestId('agenda-item').filter({ hasText: shown(start) });
	const mondayItem = item(zonedInstant(monday, '18:00', ZONE));
	await expect(mondayItem).toContainText('Evening Recovery Group · with Dr. Sam Okafor');
	await expect(mondayItem).toContainText('3:00 PM'); // 6 pm in New York
	await expect(mondayItem).toContainText('Video: meet.example.org/evening');
	await expect(mondayItem.getByTestId('care-notes')).toContainText('Bring your worksheet from last week.');
	await expect(item(zonedInstant(tuesday, '18:00', ZONE))).toContainText('Cancelled: Facilitator away');
	await expect(item(movedStart)).toContainText('Moved to this time: Holiday');
	await expect(item(movedStart)).toContainText('4:00 PM');
	await expect(item(zonedInstant(mondayAfter, '18:00', ZONE))).toContainText('You are on leave');
	// the moved session is no longer at its old time
	await expect(item(zonedInstant(thursday, '18:00', ZONE))).toHaveCount(0);
	// the note about Monday's session is on its card, not again in the notes list
	await expect(page.getByTestId('note-to-you')).toHaveCount(0);
	// the care team's changes in words, soonest first (on one day, in the order of their ids);
	// Alex is not in the daytime group, so only the words are checked here
	const day = format(new Date(`${mondayAfter}T12:00:00`), 'EEEE d MMMM yyyy');
	await expect(page.getByTestId('schedule-change')).toHaveText([`From ${day} you no longer attend Daytime Skills Group: Evenings suit work better`, `On leave from ${day} to ${day}: Approved`]);

	expect(await axeViolations(page)).toEqual([]);
	await context.close();
});
