// An export worker that takes memory until its heap limit stops it (export-runner.test.ts).
import { parentPort } from 'node:worker_threads';

parentPort?.on('message', () => {
	const kept = [];
	for (;;) kept.push(new Array(100_000).fill(kept.length));
});
