// An export worker that never answers (export-runner.test.ts).
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => {});
