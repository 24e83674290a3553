/**
 * `npm run audit:verify`: checks the audit trail's hash chain in the database of
 * STEADY_DATA_DIR (default ./data). Prints "OK" with the row count and exits 0,
 * or names the first bad row and exits 1 (2 when there is no database to check).
 * Opens the file read-only: it never migrates or writes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { verifyChain } from './audit-chain.ts';
import { DB_FILE } from './db.ts';
import { errorText } from './log.ts';

export function runAuditVerify(dataDir: string, out: (line: string) => void = console.log): number {
	const file = path.join(dataDir, DB_FILE);
	if (!fs.existsSync(file)) {
		out(`No database at ${file}. Set STEADY_DATA_DIR to the server's data folder and run again.`);
		return 2;
	}
	let db: Database.Database | null = null;
	try {
		db = new Database(file, { readonly: true, fileMustExist: true });
		const result = verifyChain(db);
		if (result.ok) {
			out(`OK: the audit trail's hash chain holds (${result.rows} rows) in ${file}`);
			return 0;
		}
		out(
			`BROKEN: audit row ${result.badRowId} does not fit the chain: ${result.problem}. ` +
				`Rows before it are intact. Keep a copy of ${file} and report this to your privacy officer.`
		);
		return 1;
	} catch (error) {
		out(`Cannot check ${file}: ${errorText(error)}`);
		return 2;
	} finally {
		db?.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
	process.exitCode = runAuditVerify(path.resolve(process.env.STEADY_DATA_DIR ?? './data'));
}
