// An export worker that exits on its first job (export-runner.test.ts).
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => process.exit(7));
