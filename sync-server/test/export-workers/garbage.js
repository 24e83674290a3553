// An export worker that answers with something that is not an outcome (export-runner.test.ts).
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', ({ jobId }) => parentPort?.postMessage({ jobId, outcome: { ok: true, built: { text: 42 } } }));
