/**
 * Bench: the long-offline merge (tests/convergence/support/long-offline.ts) at
 * growing sizes: presence events per session × 1, 5, 25 (a very flaky month).
 * Run: node --expose-gc --import tsx tests/bench/resilience-long-offline.ts
 */
import { longOffline } from '../convergence/support/long-offline.ts';

console.log('long offline (phone 14 days offline, one month elsewhere), merge of three documents + derive');
console.log('scale  events  merge+derive ms  heap MiB  bytes to phone  bytes from phone  same results');
for (const scale of [1, 5, 25]) {
	const runs = [1, 2, 3].map(() => longOffline(scale));
	const best = runs.reduce((a, b) => (a.mergeMs <= b.mergeMs ? a : b));
	const same = JSON.stringify(best.phone) === JSON.stringify(best.online);
	console.log(
		[String(scale).padStart(5), String(best.events).padStart(7), best.mergeMs.toFixed(0).padStart(16), best.heapDeltaMiB.toFixed(1).padStart(9), String(best.bytes.toPhone).padStart(15), String(best.bytes.fromPhone).padStart(17), String(same).padStart(13)].join(' ')
	);
	if (!same) process.exitCode = 1;
}
