// An export worker that answers each job after 50 ms with the job's kind as text (export-runner.test.ts).
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', ({ jobId, job }) =>
	setTimeout(() => parentPort?.postMessage({ jobId, outcome: { ok: true, built: { text: job.kind, disclosed: [], withheld: [] } } }), 50)
);
