// An export worker that throws on its first job (export-runner.test.ts).
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => {
	throw new Error('boom in the export worker');
});
