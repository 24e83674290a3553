/** Staff management by admins (docs/API.md, "Staff"). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addOtherProgram, apiCall, signIn, startServer, type TestServer } from '../../sync-server/test/support.ts';

let server: TestServer;
let admin: string;
beforeEach(async () => {
	server = await startServer();
	await addOtherProgram(server.context);
	admin = await signIn(server.url, 'admin@demo.steady');
});
afterEach(async () => server.close());

const call = (path: string, cookie: string, body?: unknown) => apiCall(server.url, path, cookie, body);

type Staff = { id: string; email: string; displayName: string; role: string; programId: string; active: boolean };
const NEW = { email: 'New.Person@demo.steady', displayName: 'Pat Doe', role: 'clinician', password: 'a long enough password' };

describe('staff', () => {
	it("lists the program's admins and clinicians, not participants or other programs", async () => {
		const { staff } = (await (await call('/api/admin/staff', admin)).json()) as { staff: Staff[] };
		expect(staff.map((s) => s.id).sort()).toEqual(['u-admin', 'u-clinician', 'u-cohost']);
		expect(staff.find((s) => s.id === 'u-cohost')).toEqual({
			id: 'u-cohost',
			email: 'cohost@demo.steady',
			displayName: 'Jordan Lee, LCSW',
			role: 'clinician',
			programId: 'demo',
			active: true
		});
	});

	it('creates a clinician in the admin\'s program who can then sign in; the email is taken after that', async () => {
		const res = await call('/api/admin/staff', admin, NEW);
		expect(res.status).toBe(200);
		const { staff } = (await res.json()) as { staff: Staff };
		expect(staff).toMatchObject({ email: 'new.person@demo.steady', role: 'clinician', programId: 'demo', active: true });
		expect(await signIn(server.url, 'new.person@demo.steady', NEW.password)).toMatch(/^steady_device=/);
		const again = await call('/api/admin/staff', admin, NEW);
		expect(again.status).toBe(409);
		expect(((await again.json()) as { error: { code: string } }).error.code).toBe('email-taken');
		expect(server.context.audit.list().some((e) => e.event === 'staff-created' && e.userId === 'u-admin')).toBe(true);
	});

	it.each([
		[{ ...NEW, password: 'short' }, 'password'],
		[{ ...NEW, email: 'not an email' }, 'email'],
		[{ ...NEW, role: 'participant' }, 'role']
	])('refuses a bad new staff member (%#) naming the field', async (input, field) => {
		const res = await call('/api/admin/staff', admin, input);
		expect(res.status).toBe(400);
		expect(((await res.json()) as { error: { message: string } }).error.message).toContain(field);
	});

	it('renames and reactivates; every change is audited', async () => {
		expect(((await (await call('/api/admin/staff/u-cohost', admin, { displayName: 'Jordan Lee' })).json()) as { staff: Staff }).staff.displayName).toBe(
			'Jordan Lee'
		);
		expect((await call('/api/admin/staff/u-cohost', admin, { active: false })).status).toBe(200);
		expect((await call('/api/admin/staff/u-cohost', admin, { active: true })).status).toBe(200);
		const changes = server.context.audit.list().filter((e) => e.event === 'staff-changed');
		expect(changes).toHaveLength(3);
	});

	it('never sends anyone into another program: that would hand them its records on one admin’s word', async () => {
		for (const [id, programId] of [
			['u-cohost', 'other'],
			['u-admin', 'other'],
			['u-cohost', 'nope']
		] as const) {
			const res = await call(`/api/admin/staff/${id}`, admin, { programId });
			expect(res.status).toBe(403);
			expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({
				code: 'program-move-not-allowed',
				message: expect.stringContaining('only that program’s admin')
			});
		}
		expect(server.context.directory.userById('u-cohost')?.programId).toBe('demo');
		expect(server.context.directory.userById('u-admin')?.programId).toBe('demo');
	});

	it('refuses deactivating oneself, unknown fields and other programs\' staff', async () => {
		expect(((await (await call('/api/admin/staff/u-admin', admin, { active: false })).json()) as { error: { code: string } }).error.code).toBe(
			'cannot-deactivate-self'
		);
		expect((await call('/api/admin/staff/u-cohost', admin, { role: 'admin' })).status).toBe(400);
		expect((await call('/api/admin/staff/o-clin', admin, { active: false })).status).toBe(404);
		expect((await call('/api/admin/staff/u-alex', admin, { active: false })).status).toBe(404);
	});

	it('is for admins only', async () => {
		const clinician = await signIn(server.url, 'clinician@demo.steady');
		expect((await call('/api/admin/staff', clinician)).status).toBe(403);
		expect((await call('/api/admin/staff', clinician, NEW)).status).toBe(403);
		expect((await call('/api/admin/staff/u-cohost', clinician, { active: false })).status).toBe(403);
	});
});
