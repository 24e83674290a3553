import { afterEach, describe, expect, it, vi } from 'vitest';
import { addStaff, auditCsvUrl, auditQuery, listAudit, listStaff, updateStaff } from './admin.ts';

function answer(status: number, body: unknown) {
	const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status }));
	vi.stubGlobal('fetch', fetch);
	return fetch;
}

afterEach(() => vi.unstubAllGlobals());

const CLINICIAN = { id: 'u-9', email: 'dana@clinic.example', displayName: 'Dana K.', role: 'clinician', programId: 'demo', active: true };

describe('audit', () => {
	it('the rows and the CSV share one query, leaving out empty filters', () => {
		const filter = { from: '2025-01-01', to: '', event: 'sign-in', userId: ' ' };
		expect(auditQuery(filter)).toBe('?from=2025-01-01&event=sign-in');
		expect(auditCsvUrl(filter)).toBe('/api/admin/audit.csv?from=2025-01-01&event=sign-in');
		expect(auditQuery({})).toBe('');
	});

	it('lists rows with nullable fields', async () => {
		const row = { id: 1, at: '2025-01-01T10:00:00Z', event: 'sign-in', userId: 'u-admin', deviceId: null, document: null, detail: null, remote: '127.0.0.1' };
		const fetch = answer(200, { rows: [row] });
		expect(await listAudit({ userId: 'u-admin' })).toEqual({ ok: true, rows: [row] });
		expect(fetch).toHaveBeenCalledWith('/api/admin/audit?userId=u-admin', expect.anything());
	});
});

describe('staff', () => {
	it('lists staff', async () => {
		answer(200, { staff: [CLINICIAN] });
		expect(await listStaff()).toEqual({ ok: true, staff: [CLINICIAN] });
	});

	it('adds a clinician with trimmed email and name', async () => {
		const fetch = answer(200, { staff: CLINICIAN });
		await addStaff({ email: ' dana@clinic.example ', displayName: 'Dana K. ', role: 'clinician', password: 'a-long-password' });
		expect(fetch).toHaveBeenCalledWith(
			'/api/admin/staff',
			expect.objectContaining({ body: JSON.stringify({ email: 'dana@clinic.example', displayName: 'Dana K.', role: 'clinician', password: 'a-long-password' }) })
		);
	});

	it('deactivating posts only the change', async () => {
		const fetch = answer(200, { staff: { ...CLINICIAN, active: false } });
		expect(await updateStaff('u-9', { active: false })).toEqual({ ok: true, staff: { ...CLINICIAN, active: false } });
		expect(fetch).toHaveBeenCalledWith('/api/admin/staff/u-9', expect.objectContaining({ body: JSON.stringify({ active: false }) }));
	});

	it('a duplicate email keeps the server’s message', async () => {
		answer(409, { error: { code: 'email-taken', message: 'Someone already uses that email.' } });
		expect(await addStaff({ email: 'x@y.z', displayName: 'X', role: 'admin', password: 'a-long-password' })).toEqual({ ok: false, code: 'email-taken', message: 'Someone already uses that email.' });
	});
});
