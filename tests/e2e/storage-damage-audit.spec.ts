import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from '@playwright/test';
import { DB_FILE } from '../../sync-server/src/db.ts';
import { axeViolations } from './support/access-pages.ts';
import { signInAs } from './support/app.ts';
import { openDoc, signIn } from './support/client.ts';
import { ServerProcess } from './support/server.ts';

const server = new ServerProcess();

test.beforeAll(async () => {
	await server.start();
});

test.afterAll(async () => {
	await server.dispose();
});

test('a stored update found damaged shows on the admin’s audit trail in plain words, as the system’s; a clinician sees no audit trail', async ({ browser }) => {
	// one byte of a stored update of Casey's care document changes while the server is down
	await server.stop('SIGTERM');
	const db = new Database(path.join(server.dataDir, DB_FILE));
	const row = db.prepare<[], { seq: number; data: Buffer }>("SELECT seq, data FROM updates WHERE doc = 'care:casey' ORDER BY seq LIMIT 1").get();
	if (!row) throw new Error('the demo stored nothing for care:casey');
	const changed = Buffer.from(row.data);
	changed.writeUInt8(changed.readUInt8(changed.length - 1) ^ 0xff, changed.length - 1);
	db.prepare('UPDATE updates SET data = ? WHERE seq = ?').run(changed, row.seq);
	db.close();
	await server.start();

	// a clinician's device opens the document: the server finds the damage as it loads it
	const reader = await openDoc(server.url, await signIn(server.url, 'clinician@demo.steady'), 'care:casey');
	await reader.synced;
	reader.destroy();

	const context = await browser.newContext();
	const admin = await context.newPage();
	await signInAs(admin, server.url, 'admin@demo.steady');
	await admin.goto(`${server.url}/admin/audit`);
	await admin.getByLabel('Event').fill('storage-damaged');
	await admin.getByRole('button', { name: 'Show rows' }).click();
	const rows = admin.getByTestId('audit-rows').locator('tbody tr');
	await expect(rows).toHaveCount(1);
	await expect(rows.getByTestId('audit-event')).toHaveText('Stored data damaged; moved aside; the rest is served (storage-damaged)');
	await expect(rows.getByTestId('audit-user')).toHaveText('System');
	await expect(rows).toContainText('care:casey');
	await expect(rows).toContainText(`update #${row.seq}`);
	expect(await axeViolations(admin)).toEqual([]);
	await context.close();

	// the audit trail is the admins': a clinician's page says so and the server refuses
	const other = await browser.newContext();
	const clinician = await other.newPage();
	await signInAs(clinician, server.url, 'clinician@demo.steady');
	await clinician.goto(`${server.url}/admin/audit`);
	await expect(clinician.getByText('This page is for the program\'s admins.')).toBeVisible();
	await expect(clinician.getByTestId('audit-rows')).toHaveCount(0);
	expect((await clinician.request.get(`${server.url}/api/admin/audit?event=storage-damaged`)).status()).toBe(403);
	await other.close();
});
