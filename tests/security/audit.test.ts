/**
 * The audit trail (docs/API.md): append-only, hash-chained; `npm run
 * audit:verify` finds an edited, deleted or inserted row (an attacker with the
 * file can drop the triggers, so the tests do too); admins read and export
 * their program's rows, and the export is itself audited.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE, migrate, openDatabase } from '../../sync-server/src/db.ts';
import { verifyChain } from '../../sync-server/src/audit-chain.ts';
import { runAuditVerify } from '../../sync-server/src/audit-verify.ts';
import { csvCell } from '../../sync-server/src/api-admin.ts';
import { addOtherProgram, signIn, startServer, tempDir, type TestServer } from '../../sync-server/test/support.ts';

const running: TestServer[] = [];
afterEach(async () => {
	for (const s of running.splice(0)) await s.close();
});

async function start() {
	const server = await startServer();
	running.push(server);
	return server;
}

/** A server that wrote some audit rows, closed, and its database opened raw with the triggers dropped. */
async function tamperable(): Promise<{ dataDir: string; db: Database.Database; count: number }> {
	const server = await start();
	await signIn(server.url, 'clinician@demo.steady');
	await signIn(server.url, 'alex');
	await fetch(`${server.url}/api/sign-in`, { method: 'POST', body: JSON.stringify({ email: 'x@y.z', password: 'nope' }) });
	await server.close();
	const db = new Database(path.join(server.dataDir, DB_FILE));
	db.exec('DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;');
	const count = (db.prepare('SELECT count(*) AS n FROM audit').get() as { n: number }).n;
	expect(count).toBeGreaterThan(5);
	return { dataDir: server.dataDir, db, count };
}

const verify = (dataDir: string) => {
	const lines: string[] = [];
	const code = runAuditVerify(dataDir, (line) => lines.push(line));
	return { code, output: lines.join('\n') };
};

describe('hash chain', () => {
	it('an untouched trail verifies: OK with the row count', async () => {
		const { dataDir, db, count } = await tamperable();
		db.close();
		expect(verify(dataDir)).toEqual({ code: 0, output: expect.stringContaining(`OK: the audit trail's hash chain holds (${count} rows)`) });
	});

	it('an edited row is named', async () => {
		const { dataDir, db } = await tamperable();
		db.prepare("UPDATE audit SET user_id = 'u-someone-else' WHERE id = 3").run();
		db.close();
		const result = verify(dataDir);
		expect(result.code).toBe(1);
		expect(result.output).toMatch(/^BROKEN: audit row 3 does not fit the chain: its hash does not match its fields \(the row was edited\)/);
	});

	it('an edited row whose hash was recomputed breaks the link of the next row', async () => {
		const { dataDir, db } = await tamperable();
		db.prepare("UPDATE audit SET detail = 'nothing to see', hash = ? WHERE id = 2").run('f'.repeat(64));
		db.close();
		expect(verify(dataDir).output).toMatch(/audit row 2 .*edited/);
	});

	it('a deleted row is named by the gap it leaves', async () => {
		const { dataDir, db } = await tamperable();
		db.prepare('DELETE FROM audit WHERE id = 4').run();
		db.close();
		const result = verify(dataDir);
		expect(result.code).toBe(1);
		expect(result.output).toContain('audit row 5 does not fit the chain: row 4 is missing (deleted)');
	});

	it('a deleted row with the later ids renumbered still breaks the chain', async () => {
		const { dataDir, db, count } = await tamperable();
		db.prepare('DELETE FROM audit WHERE id = 4').run();
		for (let id = 5; id <= count; id++) db.prepare('UPDATE audit SET id = ? WHERE id = ?').run(id - 1, id);
		db.close();
		expect(verify(dataDir).output).toMatch(/audit row 4 .*previous hash does not match/);
	});

	it('an inserted row is named', async () => {
		const { dataDir, db, count } = await tamperable();
		const last = db.prepare('SELECT hash FROM audit WHERE id = ?').get(count) as { hash: string };
		db.prepare(
			"INSERT INTO audit (id, at, event, user_id, detail, prev_hash, hash) VALUES (?, '2020-01-01T00:00:00.000Z', 'sign-in', 'u-admin', NULL, ?, ?)"
		).run(count + 1, last.hash, 'a'.repeat(64));
		db.close();
		expect(verify(dataDir).output).toContain(`audit row ${count + 1} does not fit the chain: its hash does not match its fields`);
	});

	it('a row slipped in between with a free id is named', async () => {
		const { dataDir, db } = await tamperable();
		db.prepare("INSERT INTO audit (id, at, event, prev_hash, hash) VALUES (0, '2020-01-01T00:00:00.000Z', 'sign-in', ?, ?)").run(
			'0'.repeat(64),
			'b'.repeat(64)
		);
		db.close();
		expect(verify(dataDir).output).toContain('audit row 0 does not fit the chain');
	});

	it('the running server refuses UPDATE and DELETE on the trail', async () => {
		const server = await start();
		await signIn(server.url, 'admin@demo.steady');
		expect(() => server.context.db.prepare("UPDATE audit SET event = 'x'").run()).toThrow(/append-only/);
		expect(() => server.context.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
	});

	it('a database from before the chain is chained by its migration', () => {
		const dataDir = tempDir();
		const raw = new Database(path.join(dataDir, DB_FILE));
		migrate(raw, 1);
		raw.exec(`
			INSERT INTO programs VALUES ('p', 'P', 'UTC');
			INSERT INTO participants VALUES ('x', 'p', 'X');
			INSERT INTO users VALUES ('u-x', 'x@p.test', 'scrypt$old', 'participant', 'X', 'p', 'x');
			INSERT INTO users VALUES ('u-c', 'c@p.test', 'scrypt$old', 'clinician', 'C', 'p', NULL);
			INSERT INTO sessions VALUES ('h', 'u-c', 0, 1);
			INSERT INTO audit (at, event, user_id) VALUES ('2026-01-01T00:00:00.000Z', 'sign-in', 'u-c');
			INSERT INTO audit (at, event, user_id, document) VALUES ('2026-01-01T00:00:01.000Z', 'document-open-read', 'u-x', 'care:x');
		`);
		raw.close();
		const db = openDatabase(dataDir);
		expect(verifyChain(db)).toEqual({ ok: true, rows: 2 });
		expect(db.prepare("SELECT password_hash FROM users WHERE id = 'u-x'").get()).toEqual({ password_hash: null });
		expect(db.prepare("SELECT password_hash FROM users WHERE id = 'u-c'").get()).toEqual({ password_hash: 'scrypt$old' });
		db.close();
	});
});

describe('npm run audit:verify', () => {
	const run = (dataDir: string) =>
		spawnSync('npm', ['run', '--silent', 'audit:verify'], { env: { ...process.env, STEADY_DATA_DIR: dataDir }, encoding: 'utf8' });

	it('exits 0 on an intact trail and 1 naming the row on a broken one', async () => {
		const { dataDir, db } = await tamperable();
		db.close();
		const ok = run(dataDir);
		expect(ok.status).toBe(0);
		expect(ok.stdout).toMatch(/^OK: the audit trail's hash chain holds \(\d+ rows\)/);
		const raw = new Database(path.join(dataDir, DB_FILE));
		raw.prepare("UPDATE audit SET remote = '10.0.0.1' WHERE id = 2").run();
		raw.close();
		const broken = run(dataDir);
		expect(broken.status).toBe(1);
		expect(broken.stdout).toContain('BROKEN: audit row 2 does not fit the chain');
	}, 30_000);

	it('exits 2 and says what to set when there is no database', () => {
		const result = run(path.join(tempDir(), 'nothing-here'));
		expect(result.status).toBe(2);
		expect(result.stdout).toContain('Set STEADY_DATA_DIR');
	}, 30_000);
});

describe('admin audit endpoints', () => {
	type Row = { id: number; at: string; event: string; userId: string | null; deviceId: string | null; document: string | null; detail: string | null };
	const rows = async (server: TestServer, cookie: string, query = '') =>
		((await (await fetch(`${server.url}/api/admin/audit${query}`, { headers: { cookie } })).json()) as { rows: Row[] }).rows;

	it("lists the program's users' rows only, oldest first, with every field", async () => {
		const server = await start();
		await addOtherProgram(server.context);
		await signIn(server.url, 'clinician@other.test');
		await signIn(server.url, 'alex');
		const admin = await signIn(server.url, 'admin@demo.steady');
		const all = await rows(server, admin);
		expect(all.length).toBeGreaterThan(3);
		expect(all.some((r) => r.userId === 'o-clin')).toBe(false);
		expect(all.some((r) => r.userId === 'u-alex' && r.event === 'invite-redeemed')).toBe(true);
		expect(all.map((r) => r.id)).toEqual([...all.map((r) => r.id)].sort((a, b) => a - b));
		expect(Object.keys(all[0] ?? {}).sort()).toEqual(['at', 'detail', 'deviceId', 'document', 'event', 'id', 'remote', 'userId']);
	});

	it("shows the server's own rows (stored data damaged) about the program's documents, never another program's", async () => {
		const server = await start();
		await addOtherProgram(server.context);
		const damaged = (document: string) => server.context.audit.record({ event: 'storage-damaged', document, detail: 'update #7: checksum does not match' });
		for (const document of ['care:alex', 'program:demo', 'self:casey', 'care:dana', 'program:other', 'private:nobody', 'alex']) damaged(document);
		const demo = await rows(server, await signIn(server.url, 'admin@demo.steady'), '?event=storage-damaged');
		expect(demo.map((r) => [r.document, r.userId])).toEqual([
			['care:alex', null],
			['program:demo', null],
			['self:casey', null]
		]);
		const other = await rows(server, await signIn(server.url, 'admin@other.test'), '?event=storage-damaged');
		expect(other.map((r) => r.document)).toEqual(['care:dana', 'program:other']);
		// a user filter means that user's rows only
		expect(await rows(server, await signIn(server.url, 'admin@demo.steady'), '?event=storage-damaged&userId=u-admin')).toEqual([]);
		// the rows are chained like every other
		expect(verifyChain(server.context.db)).toMatchObject({ ok: true });
	});

	it('filters by event, user, time and limit', async () => {
		const server = await start();
		await signIn(server.url, 'alex');
		await signIn(server.url, 'cohost@demo.steady');
		const admin = await signIn(server.url, 'admin@demo.steady');
		expect((await rows(server, admin, '?event=sign-in')).map((r) => r.userId).sort()).toEqual(['u-admin', 'u-clinician', 'u-cohost']);
		expect((await rows(server, admin, '?userId=u-alex')).every((r) => r.userId === 'u-alex')).toBe(true);
		expect(await rows(server, admin, '?limit=2')).toHaveLength(2);
		expect(await rows(server, admin, '?to=2000-01-01')).toEqual([]);
		expect((await rows(server, admin, `?from=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`)).length).toBeGreaterThan(0);
		const bad = await fetch(`${server.url}/api/admin/audit?from=yesterday-ish`, { headers: { cookie: admin } });
		expect(bad.status).toBe(400);
		expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('from');
	});

	it('is for admins only', async () => {
		const server = await start();
		for (const login of ['clinician@demo.steady', 'alex']) {
			expect((await fetch(`${server.url}/api/admin/audit`, { headers: { cookie: await signIn(server.url, login) } })).status).toBe(403);
			expect((await fetch(`${server.url}/api/admin/audit.csv`, { headers: { cookie: await signIn(server.url, login) } })).status).toBe(403);
		}
		expect((await fetch(`${server.url}/api/admin/audit`)).status).toBe(401);
	});

	it('exports CSV with a header, proper quoting, and the export audited', async () => {
		const server = await start();
		// a failed sign-in of a known staff email puts attacker-chosen text in no field but detail
		await fetch(`${server.url}/api/sign-in`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ email: 'cohost@demo.steady', password: 'x' })
		});
		const admin = await signIn(server.url, 'admin@demo.steady');
		const res = await fetch(`${server.url}/api/admin/audit.csv?event=sign-in`, { headers: { cookie: admin } });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
		expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="steady-audit-\d{4}-\d{2}-\d{2}\.csv"$/);
		const lines = (await res.text()).trimEnd().split('\r\n');
		expect(lines[0]).toBe('id,at,event,userId,deviceId,document,detail,remote');
		expect(lines.slice(1).every((l) => l.split(',')[2] === 'sign-in')).toBe(true);
		const exported = server.context.audit.list().filter((e) => e.event === 'audit-exported');
		expect(exported).toHaveLength(1);
		expect(exported[0]).toMatchObject({ userId: 'u-admin' });
		expect(JSON.parse(exported[0]?.detail ?? '{}')).toMatchObject({ event: 'sign-in', rows: lines.length - 1 });
	});

	it.each([
		['plain', 'plain'],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['line\nbreak', '"line\nbreak"'],
		['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
		['+1', "'+1"],
		['@cmd', "'@cmd"],
		[null, ''],
		[42, '42']
	])('CSV cell %j is written %s', (value, written) => {
		expect(csvCell(value)).toBe(written);
	});
});
