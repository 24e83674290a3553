/**
 * A simulated network between peers holding Yjs documents. Every local update is
 * queued for every other peer holding that document; the test decides when and in
 * which order each message arrives, whether it arrives twice, and which peers are
 * cut off until the partition heals.
 */
import * as Y from 'yjs';

export const REMOTE = Symbol('remote');

export interface Peer<D extends string> {
	name: string;
	docs: Partial<Record<D, Y.Doc>>;
}

interface Message<D extends string> {
	from: string;
	to: string;
	doc: D;
	update: Uint8Array;
}

export class SimulatedNetwork<D extends string> {
	readonly peers = new Map<string, Peer<D>>();
	private queue: Message<D>[] = [];
	private cutOff = new Set<string>();
	delivered = 0;

	/** Adds a peer; its documents start from `base` and their local updates go to the queue. */
	add(name: string, clientId: number, kinds: readonly D[], base: Record<D, Uint8Array>): Peer<D> {
		const peer: Peer<D> = { name, docs: {} };
		kinds.forEach((kind, index) => {
			const doc = new Y.Doc();
			// seeded runs replay exactly, and concurrent map writes resolve the same way each time
			doc.clientID = clientId * 10 + index;
			Y.applyUpdate(doc, base[kind], REMOTE);
			doc.on('update', (update: Uint8Array, origin: unknown) => {
				if (origin !== REMOTE) this.broadcast(name, kind, update);
			});
			peer.docs[kind] = doc;
		});
		this.peers.set(name, peer);
		return peer;
	}

	private broadcast(from: string, doc: D, update: Uint8Array): void {
		for (const peer of this.peers.values()) {
			if (peer.name !== from && peer.docs[doc]) this.queue.push({ from, to: peer.name, doc, update });
		}
	}

	get pending(): number {
		return this.queue.length;
	}

	/** Cuts these peers off from everyone else until heal(). */
	partition(names: readonly string[]): void {
		this.cutOff = new Set(names);
	}

	heal(): void {
		this.cutOff.clear();
	}

	private deliverable(): number[] {
		const indexes: number[] = [];
		this.queue.forEach((m, i) => {
			if (this.cutOff.has(m.from) === this.cutOff.has(m.to)) indexes.push(i);
		});
		return indexes;
	}

	/**
	 * Delivers the `pick`-th deliverable message (any order: late and out of order);
	 * with `keep` it stays queued and arrives again later (duplicated).
	 */
	deliver(pick: number, keep = false): void {
		const deliverable = this.deliverable();
		if (deliverable.length === 0) return;
		const index = deliverable[pick % deliverable.length]!;
		const message = this.queue[index]!;
		if (!keep) this.queue.splice(index, 1);
		const doc = this.peers.get(message.to)!.docs[message.doc]!;
		Y.applyUpdate(doc, message.update, REMOTE);
		this.delivered++;
	}

	/** Heals and delivers everything still queued, in an order drawn from `picks`. */
	drain(picks: readonly number[]): void {
		this.heal();
		let i = 0;
		while (this.queue.length > 0) this.deliver(picks.length > 0 ? picks[i++ % picks.length]! + i : 0);
	}
}
