/**
 * One document in memory: its Y.Doc, awareness and connected clients.
 *
 * The order for an incoming update is: validate, store, apply, broadcast. Because
 * every update is in the store's log before it is applied, the in-memory state is
 * always a subset of what is stored; STORED waits for the log to reach the disk
 * (storage.ts whenDurable), so the state vector it carries is safe.
 */
import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE } from '../../src/lib/protocol/frames.ts';
import type { DocumentStore } from './storage.ts';
import { errorText, type Log } from './log.ts';

/** A connection's view of one document: it receives plain y-websocket messages. */
export interface RoomClient {
	send(message: Uint8Array): void;
	/**
	 * Called before a non-empty update from this client is stored, with the
	 * document's stored size; throws (LimitError) to refuse it. Nothing is stored then.
	 */
	admit?(storedBytes: number, update: Uint8Array): void;
}

/** The client broke the protocol; the connection is closed with a reason. */
export class ProtocolError extends Error {}

export type Outcome = 'stored' | 'dropped' | 'handled';

/** A stored update that cannot be used: it has been moved aside (storage.ts quarantine). */
export interface Damage {
	document: string;
	seq: number;
	problem: string;
}

export class Room {
	readonly doc = new Y.Doc();
	readonly awareness: awarenessProtocol.Awareness;
	/** client -> awareness client ids it controls */
	readonly clients = new Map<RoomClient, Set<number>>();
	private lastSeq = 0;
	/** bytes of this document's stored updates */
	private stored = 0;
	private sinceCompaction = 0;
	private compactionQueued = false;
	private destroyed = false;

	constructor(
		readonly name: string,
		private readonly store: DocumentStore,
		private readonly compactEvery: number,
		private readonly log: Log,
		private readonly onDamage: (damage: Damage) => void = () => {}
	) {
		this.load();
		this.awareness = new awarenessProtocol.Awareness(this.doc);
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.onAwareness);
		this.doc.on('update', this.onUpdate);
	}

	/**
	 * Loads every stored update. A damaged row (checksum mismatch, or bytes that do
	 * not apply) is moved aside and reported; the rest is served. What it held comes
	 * back when a device with a full copy syncs (the server asks with its step 1).
	 */
	private load(): void {
		const rows = this.store.load(this.name);
		let intact = 0;
		for (const row of rows) {
			this.lastSeq = Math.max(this.lastSeq, row.seq);
			const problem = row.damage ?? applyOrProblem(this.doc, row.update);
			if (problem !== null) {
				this.damaged(row.seq, problem);
				continue;
			}
			intact++;
			this.stored += row.update.byteLength;
		}
		this.sinceCompaction = intact > 1 ? intact : 0;
		if (this.sinceCompaction >= this.compactEvery) this.queueCompaction();
	}

	add(client: RoomClient): void {
		if (!this.clients.has(client)) this.clients.set(client, new Set());
	}

	/** Sends the server's sync step 1 and the current awareness states. */
	greet(client: RoomClient): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE.sync);
		syncProtocol.writeSyncStep1(encoder, this.doc);
		client.send(encoding.toUint8Array(encoder));
		if (this.awareness.getStates().size > 0) client.send(this.awarenessMessage(Array.from(this.awareness.getStates().keys())));
	}

	remove(client: RoomClient): void {
		const controlled = this.clients.get(client);
		if (!controlled) return;
		this.clients.delete(client);
		awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(controlled), null);
	}

	get idle(): boolean {
		return this.clients.size === 0;
	}

	get storedBytes(): number {
		return this.stored;
	}

	stateVector(): Uint8Array {
		return Y.encodeStateVector(this.doc);
	}

	/**
	 * Handles one y-websocket message from a client. Updates from a read-only client
	 * are dropped: neither stored, applied nor forwarded. Throws ProtocolError.
	 */
	receive(client: RoomClient, message: Uint8Array, canWrite: boolean): Outcome {
		const decoder = decoding.createDecoder(message);
		const type = read(() => decoding.readVarUint(decoder));
		switch (type) {
			case MESSAGE.sync:
				return this.receiveSync(client, decoder, canWrite);
			case MESSAGE.awareness: {
				const update = read(() => decoding.readVarUint8Array(decoder));
				// Awareness is presence ("checked in now"): only a writer of the document may
				// claim it, or a reader could show a participant as live (docs/DECISIONS.md).
				if (canWrite) read(() => awarenessProtocol.applyAwarenessUpdate(this.awareness, update, client));
				return canWrite ? 'handled' : 'dropped';
			}
			case MESSAGE.queryAwareness:
				client.send(this.awarenessMessage(Array.from(this.awareness.getStates().keys())));
				return 'handled';
			default:
				throw new ProtocolError(`unknown message type ${type}`);
		}
	}

	private receiveSync(client: RoomClient, decoder: decoding.Decoder, canWrite: boolean): Outcome {
		const subtype = read(() => decoding.readVarUint(decoder));
		if (subtype === syncProtocol.messageYjsSyncStep1) {
			const stateVector = read(() => decoding.readVarUint8Array(decoder));
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE.sync);
			read(() => syncProtocol.writeSyncStep2(encoder, this.doc, stateVector));
			client.send(encoding.toUint8Array(encoder));
			return 'handled';
		}
		if (subtype !== syncProtocol.messageYjsSyncStep2 && subtype !== syncProtocol.messageYjsUpdate) {
			throw new ProtocolError(`unknown sync message ${subtype}`);
		}
		if (!canWrite) return 'dropped';
		const update = read(() => decoding.readVarUint8Array(decoder));
		const decoded = read(() => Y.decodeUpdate(update));
		if (decoded.structs.length === 0 && decoded.ds.clients.size === 0) return 'stored';
		client.admit?.(this.stored, update);
		this.lastSeq = this.store.append(this.name, update);
		const problem = applyOrProblem(this.doc, update, client);
		if (problem !== null) {
			this.damaged(this.lastSeq, `it was sent but does not apply (${problem})`);
			throw new ProtocolError('update does not apply');
		}
		this.stored += update.byteLength;
		this.sinceCompaction++;
		if (this.sinceCompaction >= this.compactEvery) this.queueCompaction();
		return 'stored';
	}

	private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE.sync);
		syncProtocol.writeUpdate(encoder, update);
		const message = encoding.toUint8Array(encoder);
		for (const client of this.clients.keys()) if (client !== origin) client.send(message);
	};

	private readonly onAwareness = (
		{ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
		origin: unknown
	): void => {
		const controlled = this.clients.get(origin as RoomClient);
		if (controlled) {
			for (const id of added) controlled.add(id);
			for (const id of removed) controlled.delete(id);
		}
		const message = this.awarenessMessage([...added, ...updated, ...removed]);
		for (const client of this.clients.keys()) client.send(message);
	};

	private awarenessMessage(clientIds: number[]): Uint8Array {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE.awareness);
		encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds));
		return encoding.toUint8Array(encoder);
	}

	private damaged(seq: number, problem: string): void {
		try {
			this.store.quarantine(this.name, seq, problem);
		} catch (error) {
			this.log.error(`document ${this.name}: update #${seq} could not be moved aside (${errorText(error)})`);
		}
		this.log.error(`document ${this.name}: stored update #${seq} is damaged (${problem}); it was moved to damaged_updates and the rest is served`);
		this.onDamage({ document: this.name, seq, problem });
	}

	private queueCompaction(): void {
		if (this.compactionQueued) return;
		this.compactionQueued = true;
		setImmediate(() => {
			this.compactionQueued = false;
			this.compact();
		});
	}

	/**
	 * Replaces the stored log by one merged update. Safe because every stored row up
	 * to lastSeq has been applied to this doc or moved aside (the process is the only
	 * writer), and the merged update keeps structs still waiting for a missing one.
	 */
	compact(): void {
		if (this.destroyed || this.sinceCompaction === 0) return;
		try {
			const merged = Y.encodeStateAsUpdate(this.doc);
			this.store.compact(this.name, merged, this.lastSeq);
			this.stored = merged.byteLength;
			this.sinceCompaction = 0;
		} catch (error) {
			this.log.error(`document ${this.name}: compaction failed (${errorText(error)}); the stored updates are unchanged`);
		}
	}

	destroy(): void {
		this.destroyed = true;
		this.awareness.destroy();
		this.doc.destroy();
	}
}

/** Applies the update; returns why it failed, or null. */
function applyOrProblem(doc: Y.Doc, update: Uint8Array, origin?: unknown): string | null {
	try {
		Y.applyUpdate(doc, update, origin);
		return null;
	} catch (error) {
		return `it does not apply: ${errorText(error)}`;
	}
}

function read<T>(fn: () => T): T {
	try {
		return fn();
	} catch (error) {
		if (error instanceof ProtocolError) throw error;
		throw new ProtocolError(`malformed message (${errorText(error)})`);
	}
}
