import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { ServerProcess } from './support/server.ts';
import { signInAs } from './support/app.ts';
import { openDoc, signIn } from './support/client.ts';
import { axeViolations, signedInUserId, steadyDatabases } from './support/access-pages.ts';

/*
 * One participant's whole path: a clinician adds and invites them, their phone
 * joins by the link and consents, the phone adds a laptop with a pairing code, and
 * the clinician revokes the laptop. The steps share the devices, so they run in order.
 */
test.describe.configure({ mode: 'serial' });

const server = new ServerProcess();
const NAME = 'Dana K.';

let clinician: { context: BrowserContext; page: Page };
let phone: { context: BrowserContext; page: Page };
let laptop: { context: BrowserContext; page: Page };
let inviteLink = '';

async function device(browser: Browser) {
	const context = await browser.newContext();
	return { context, page: await context.newPage() };
}

function participantCard(page: Page) {
	return page.getByTestId('participant').filter({ has: page.getByRole('heading', { name: NAME }) });
}

test.beforeAll(async ({ browser }) => {
	await server.start();
	clinician = await device(browser);
	phone = await device(browser);
	laptop = await device(browser);
});

test.afterAll(async () => {
	for (const each of [clinician, phone, laptop]) await each?.context.close();
	await server.dispose();
});

test('a clinician adds a participant, enrols them in a group and creates an invite', async () => {
	const { page } = clinician;
	await signInAs(page, server.url, 'clinician@demo.steady');
	await page.goto(`${server.url}/participants`);
	await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible();
	await expect(page.getByLabel('Evening Recovery Group')).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);

	await page.getByRole('button', { name: 'Add participant' }).click();
	await expect(page.getByRole('alert')).toContainText('Enter the participant’s name');

	await page.getByLabel('Name on rosters').fill(NAME);
	await page.getByLabel('Evening Recovery Group').check();
	await page.getByLabel('Planned weekly hours').fill('12');
	await page.getByRole('button', { name: 'Add participant' }).click();
	await expect(page.getByRole('main').getByRole('status').filter({ hasText: `${NAME} is enrolled` })).toBeVisible();

	const card = participantCard(page);
	await card.getByRole('button', { name: `Create invite for ${NAME}` }).click();
	await expect(card.getByTestId('code')).toHaveText(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
	await expect(card.getByText(/Expires in 7 days/)).toBeVisible();
	inviteLink = (await card.getByTestId('invite-link').getAttribute('href')) ?? '';
	expect(inviteLink).toMatch(/\/join[#?]code=/);
	expect(await axeViolations(page)).toEqual([]);
});

test('the participant’s phone joins by the link, consents and sees their week', async () => {
	const { page } = phone;
	await page.goto(inviteLink.replace(/^https?:\/\/[^/]+/, server.url));
	await expect(page.getByRole('heading', { name: 'Join Steady' })).toBeVisible();
	await expect(page.getByLabel('Code')).toHaveValue(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
	await expect(page.getByLabel('Name for this device')).toHaveValue(/ on /);
	expect(await axeViolations(page)).toEqual([]);

	await page.getByLabel('Name for this device').fill('Dana’s phone');
	await page.getByRole('button', { name: 'Join' }).click();

	await expect(page.getByRole('heading', { name: 'Welcome to Steady' })).toBeVisible();
	await expect(page.getByText('care team of Steady Demo IOP')).toBeVisible();
	expect(await axeViolations(page)).toEqual([]);
	await page.getByRole('button', { name: 'Give consent' }).click();
	await expect(page.getByRole('alert')).toContainText('Tick the box');
	await page.getByLabel(/I agree that Steady shares my records/).check();
	await page.getByRole('button', { name: 'Give consent' }).click();

	await expect(page.getByRole('heading', { name: 'This week' })).toBeVisible();
	await expect(page.getByText('Opening your schedule…')).toHaveCount(0);
	await expect(page.getByText('has not reached this device yet')).toHaveCount(0);

	// The enrolment the clinician's device wrote is on the server, in the participant's care document.
	const participantId = await page.evaluate(() => (JSON.parse(localStorage.getItem('steady:me') ?? '{}') as { user?: { participantId?: string } }).user?.participantId);
	const care = await openDoc(server.url, await signIn(server.url, 'clinician@demo.steady'), `care:${participantId}`);
	await care.synced;
	expect(care.doc.getMap('settings').get('enrollment')).toMatchObject({ displayName: NAME, groupIds: ['evening'], plannedWeeklyHours: 12, track: 'adult' });
	care.destroy();
});

test('a used invite code is refused with words that say what to do', async ({ browser }) => {
	const stranger = await device(browser);
	await stranger.page.goto(inviteLink.replace(/^https?:\/\/[^/]+/, server.url));
	await stranger.page.getByRole('button', { name: 'Join' }).click();
	await expect(stranger.page.getByRole('alert')).toHaveText(
		'This code is not valid. Codes work once and expire; ask your care team for a new one.'
	);
	expect(await axeViolations(stranger.page)).toEqual([]);
	await stranger.context.close();
});

test('the phone adds a laptop with a pairing code, and both are listed', async () => {
	await phone.page.goto(`${server.url}/devices`);
	await expect(phone.page.getByTestId('device')).toHaveCount(1);
	await phone.page.getByRole('button', { name: 'Get a code' }).click();
	const code = await phone.page.getByTestId('code').textContent();
	expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}$/);
	await expect(phone.page.getByText(/Expires in 10 minutes/)).toBeVisible();
	expect(await axeViolations(phone.page)).toEqual([]);

	await laptop.page.goto(`${server.url}/join`);
	await laptop.page.getByLabel('Code').fill(code!.toLowerCase());
	await laptop.page.getByLabel('Name for this device').fill('Dana’s laptop');
	await laptop.page.getByRole('button', { name: 'Join' }).click();
	// Consent is already on file: the laptop goes straight to the week.
	await expect(laptop.page.getByRole('heading', { name: 'This week' })).toBeVisible();

	await phone.page.getByRole('button', { name: 'Refresh the list' }).click();
	const listed = phone.page.getByTestId('device');
	await expect(listed).toHaveCount(2);
	await expect(listed.filter({ hasText: 'Dana’s phone' })).toContainText('this device');
	await expect(listed.filter({ hasText: 'Dana’s laptop' })).toContainText(/last seen .* ago/);
	expect(await axeViolations(phone.page)).toEqual([]);
});

test('the clinician revokes the laptop: it is signed out and its local documents are removed', async () => {
	const userId = await signedInUserId(laptop.page);
	await expect.poll(() => steadyDatabases(laptop.page)).toContain(`steady:${userId}:program:demo`);

	const { page } = clinician;
	await page.goto(`${server.url}/participants`);
	const card = participantCard(page);
	await card.getByRole('button', { name: `Devices of ${NAME}` }).click();
	const laptopRow = card.getByTestId('device').filter({ hasText: 'Dana’s laptop' });
	await laptopRow.getByRole('button', { name: 'Remove Dana’s laptop' }).click();
	expect(await axeViolations(page)).toEqual([]);
	await laptopRow.getByRole('button', { name: 'Yes, remove Dana’s laptop' }).click();
	await expect(card.getByTestId('device')).toHaveCount(1);
	await expect(card.getByTestId('device')).toContainText('Dana’s phone');

	// The server closes the laptop's socket; its app learns it was revoked and cleans up.
	await expect.poll(() => steadyDatabases(laptop.page), { timeout: 30_000 }).toEqual([]);
	await expect.poll(() => laptop.page.evaluate(() => localStorage.getItem('steady:me'))).toBeNull();
	await expect(laptop.page.getByRole('button', { name: 'Sign out' })).toHaveCount(0);

	// The phone is untouched.
	await phone.page.reload();
	await expect(phone.page.getByTestId('device')).toHaveCount(1);
	await expect(phone.page.getByTestId('device')).toContainText('Dana’s phone');
});
