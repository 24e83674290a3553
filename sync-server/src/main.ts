/**
 * Entry point: `tsx sync-server/src/main.ts`. Reads STEADY_* variables, starts the
 * server, prints where it listens, the demo sign-ins and a fresh invite code per
 * demo participant as a join link; SIGTERM/SIGINT stop it
 * within 2 seconds.
 */
import { createServer } from './app.ts';
import { ConfigError, loadConfig, type Config } from './config.ts';
import { createInvite } from './api-enrol.ts';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_PROGRAM } from './demo.ts';
import { errorText } from './log.ts';

const SHUTDOWN_LIMIT_MS = 2000;

async function main(): Promise<void> {
	let config: Config;
	try {
		config = loadConfig(process.env);
	} catch (error) {
		console.error(error instanceof ConfigError ? error.message : `Steady cannot start: ${errorText(error)}`);
		process.exit(1);
	}

	const server = await createServer(config);
	console.log(`Steady is listening on ${server.url}`);
	console.log(`Data: ${config.dataDir}   App: ${config.appDir}`);
	const { directory } = server.context;
	if (config.seedDemo && directory.credentialsByEmail(DEMO_ACCOUNTS[0].email)) {
		console.log(`Demo sign-ins (password for all: ${DEMO_PASSWORD}):`);
		for (const account of DEMO_ACCOUNTS) console.log(`  ${account.role.padEnd(12)} ${account.email}`);
		// a fresh one-time invite per demo participant on every start (it voids the previous one)
		console.log('Demo participants join with a one-time invite (valid 7 days, one device each):');
		for (const participant of directory.participantsOfProgram(DEMO_PROGRAM)) {
			const { code } = createInvite(server.context, participant.id, null, null);
			console.log(`  ${participant.displayName.padEnd(12)} ${server.url}/join#code=${code}`);
		}
	}

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal}: shutting down`);
		const force = setTimeout(() => {
			console.error('Shutdown took over 2 s; exiting anyway. Everything acknowledged is already stored.');
			process.exit(1);
		}, SHUTDOWN_LIMIT_MS);
		force.unref();
		server.close().then(
			() => process.exit(0),
			(error: unknown) => {
				console.error(`Shutdown failed: ${errorText(error)}`);
				process.exit(1);
			}
		);
	};
	process.on('SIGTERM', () => stop('SIGTERM'));
	process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
	console.error(`Steady cannot start: ${errorText(error)}`);
	process.exit(1);
});
