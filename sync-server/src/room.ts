/**
 * One document in memory: its stored state, awareness and connected clients.
 *
 * A room starts from its stored bytes alone: the rows merged into one update
 * (Y.mergeUpdates) and that update's state vector. Sync step 1 is answered from
 * those bytes (Y.diffUpdate), so a device that only reads never makes the server
 * build a Y.Doc. The Y.Doc is built from the store on the first update a writer
 * sends, and kept until the room is unloaded (docs/DECISIONS.md "Rooms serve
 * stored bytes until a write arrives").
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

const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

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
	/** the document, once a write has arrived; until then `state` answers sync */
	private live: Y.Doc | null = null;
	/** every intact stored update merged into one, and its state vector (no Y.Doc yet) */
	private state: { update: Uint8Array; stateVector: Uint8Array } | null = null;
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
		this.loadBytes();
		// awareness needs a Y.Doc only for its own client id: a small empty one does
		this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.onAwareness);
	}

	/**
	 * Loads every stored update as bytes. A row whose checksum does not match is moved
	 * aside and reported; the rest is served. If the intact rows cannot be merged
	 * (bytes that do not decode), the room loads them one by one into a Y.Doc instead,
	 * which finds and moves aside the rows that do not apply. What a moved row held
	 * comes back when a device with a full copy syncs (the server asks with its step 1).
	 */
	private loadBytes(): void {
		const intact: Uint8Array[] = [];
		for (const row of this.store.load(this.name)) {
			this.lastSeq = Math.max(this.lastSeq, row.seq);
			if (row.damage !== undefined) this.damaged(row.seq, row.damage);
			else intact.push(row.update);
		}
		try {
			const update = intact.length === 0 ? EMPTY_UPDATE : Y.mergeUpdates(intact);
			// reading the state vector reads every struct: bytes that do not decode throw here
			this.state = { update, stateVector: Y.encodeStateVectorFromUpdate(update) };
		} catch {
			this.loadDoc();
			return;
		}
		this.stored = intact.reduce((sum, update) => sum + update.byteLength, 0);
		this.countForCompaction(intact.length);
	}

	/**
	 * Loads every stored update into a new Y.Doc. A damaged row (checksum mismatch,
	 * or bytes that do not apply) is moved aside and reported; the rest is served.
	 */
	private loadDoc(): Y.Doc {
		const doc = new Y.Doc();
		this.stored = 0;
		let intact = 0;
		for (const row of this.store.load(this.name)) {
			this.lastSeq = Math.max(this.lastSeq, row.seq);
			const problem = row.damage ?? applyOrProblem(doc, row.update);
			if (problem !== null) {
				this.damaged(row.seq, problem);
				continue;
			}
			intact++;
			this.stored += row.update.byteLength;
		}
		doc.on('update', this.onUpdate);
		this.live = doc;
		this.state = null;
		this.countForCompaction(intact);
		return doc;
	}

	private countForCompaction(rows: number): void {
		this.sinceCompaction = rows > 1 ? rows : 0;
		if (this.sinceCompaction >= this.compactEvery) this.queueCompaction();
	}

	/** The document as a Y.Doc, built from the store on first use. */
	get doc(): Y.Doc {
		return this.live ?? this.loadDoc();
	}

	add(client: RoomClient): void {
		if (!this.clients.has(client)) this.clients.set(client, new Set());
	}

	/** Sends the server's sync step 1 and the current awareness states. */
	greet(client: RoomClient): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE.sync);
		encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
		encoding.writeVarUint8Array(encoder, this.stateVector());
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
		return this.state?.stateVector ?? Y.encodeStateVector(this.doc);
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
			encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
			encoding.writeVarUint8Array(encoder, read(() => this.updateSince(stateVector)));
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
		const doc = this.doc;
		this.lastSeq = this.store.append(this.name, update);
		const problem = applyOrProblem(doc, update, client);
		if (problem !== null) {
			this.damaged(this.lastSeq, `it was sent but does not apply (${problem})`);
			throw new ProtocolError('update does not apply');
		}
		this.stored += update.byteLength;
		this.sinceCompaction++;
		if (this.sinceCompaction >= this.compactEvery) this.queueCompaction();
		return 'stored';
	}

	/** What a client with this state vector lacks; with nothing, the stored bytes as they are. */
	private updateSince(stateVector: Uint8Array): Uint8Array {
		if (this.state === null) return Y.encodeStateAsUpdate(this.doc, stateVector);
		if (Y.decodeStateVector(stateVector).size === 0) return this.state.update;
		return Y.diffUpdate(this.state.update, stateVector);
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
			const merged = this.state?.update ?? Y.encodeStateAsUpdate(this.doc);
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
		this.live?.destroy();
		this.live = null;
		this.state = null;
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
