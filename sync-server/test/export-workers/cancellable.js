// An export worker whose every job runs until the main thread cancels it through
// the shared slot, as export-worker.ts does between participants (export-runner.test.ts).
import { parentPort, workerData } from 'node:worker_threads';

const cancel = new Int32Array(workerData.cancel);
parentPort?.on('message', ({ jobId }) => {
	while (Atomics.load(cancel, 0) !== jobId) Atomics.wait(cancel, 0, Atomics.load(cancel, 0), 10);
	parentPort?.postMessage({ jobId, outcome: { ok: false, reason: 'cancelled', message: 'the request went away' } });
});
