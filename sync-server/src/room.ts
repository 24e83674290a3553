/**
 * One document in memory: what is stored of it (as a state vector), awareness and
 * connected clients. A room holds no Y.Doc and no copy of the document: a year of
 * a participant's records would cost hundreds of kilobytes per loaded document.
 *
 * Sync step 1 is answered from the stored rows, read when asked and merged as bytes
 * (Y.mergeUpdates, Y.diffUpdate), together with the updates this room has queued
 * and not yet seen committed. An incoming update is checked by decoding it, queued
 * to the store, and forwarded as received; its structs advance the state vector.
 * STORED waits for the store's commit (storage.ts whenDurable), so the state vector
 * it carries is safe (docs/DECISIONS.md "Rooms keep no document in memory").
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
	/** per client, the clock up to which its structs are stored without a gap */
	private clocks = new Map<number, number>();
	private encodedClocks: Uint8Array | null = null;
	/** some stored structs wait beyond `clocks` for a missing one: recount after a write (null: not known yet) */
	private gapped: boolean | null = null;
	/**
	 * updates queued to the store whose commit this room has not been told of yet, oldest
	 * first; `read` once a row with its bytes has been read back (committed, not yet told)
	 */
	private readonly unconfirmed: Array<{ update: Uint8Array; read: boolean }> = [];
	/** the highest row number read so far: a row past it may be one of `unconfirmed` */
	private readUpTo = 0;
	/** the merged document, kept for the current turn only: a device's step 1 follows its join */
	private merged: Uint8Array | null = null;
	readonly awareness: awarenessProtocol.Awareness;
	/** client -> awareness client ids it controls */
	readonly clients = new Map<RoomClient, Set<number>>();
	/** bytes of this document's stored updates, and their rows */
	private stored = 0;
	private storedRows = 0;
	private sinceCompaction = 0;
	/** a compaction has been committed since `stored` was counted: count again before admitting */
	private recount = false;
	private compactionQueued = false;
	private destroyed = false;

	constructor(
		readonly name: string,
		private readonly store: DocumentStore,
		private readonly compactEvery: number,
		private readonly log: Log,
		private readonly onDamage: (damage: Damage) => void = () => {}
	) {
		this.readClocks();
		this.countForCompaction(this.storedRows);
		// awareness needs a Y.Doc only for its own client id: a small empty one does
		this.awareness = new awarenessProtocol.Awareness(new Y.Doc());
		this.awareness.setLocalState(null);
		this.awareness.on('update', this.onAwareness);
	}

	/**
	 * The whole document as one update: the intact stored rows and the unconfirmed
	 * updates, merged. A row whose checksum does not match is moved aside and reported,
	 * and so, when the rows do not merge (or the caller found the merge unreadable), is
	 * each row whose bytes do not decode; the rest is served. What a moved row held
	 * comes back when a device with a full copy syncs (the server asks with its step 1).
	 */
	private current(checkEachRow = false): Uint8Array {
		if (this.merged && !checkEachRow) return this.merged;
		const intact: Uint8Array[] = [];
		let bytes = 0;
		const fresh: Uint8Array[] = [];
		let readUpTo = this.readUpTo;
		for (const row of this.store.load(this.name)) {
			const problem = row.damage ?? (checkEachRow ? undecodable(row.update) : null);
			if (problem !== null) {
				this.damaged(row.seq, problem);
				continue;
			}
			intact.push(row.update);
			bytes += row.update.byteLength;
			if (row.seq > this.readUpTo) fresh.push(row.update);
			readUpTo = Math.max(readUpTo, row.seq);
		}
		this.storedRows = intact.length;
		// a row new since the last read may be one of ours, committed before we are told
		for (const update of fresh) {
			const ours = this.unconfirmed.find((queued) => !queued.read && equalBytes(queued.update, update));
			if (ours) ours.read = true;
		}
		this.readUpTo = readUpTo;
		const queued = this.unconfirmed.filter((entry) => !entry.read).map((entry) => entry.update);
		this.stored = bytes + queued.reduce((sum, update) => sum + update.byteLength, 0);
		let merged: Uint8Array;
		try {
			merged = mergeAll([...intact, ...queued]);
		} catch (error) {
			if (checkEachRow) throw error;
			return this.current(true);
		}
		this.merged = merged;
		setImmediate(() => {
			if (this.merged === merged) this.merged = null;
		});
		return merged;
	}

	/**
	 * Reads the state vector from the stored bytes; reading it reads every struct, so
	 * bytes that do not decode throw here and the rows are checked one by one.
	 */
	private readClocks(): void {
		let stateVector: Uint8Array;
		try {
			stateVector = Y.encodeStateVectorFromUpdate(this.current());
		} catch {
			stateVector = Y.encodeStateVectorFromUpdate(this.current(true));
		}
		this.clocks = Y.decodeStateVector(stateVector);
		this.encodedClocks = stateVector;
		// whether structs wait beyond a gap costs another pass: asked on the first write
		this.gapped = null;
	}

	/** Counts, per client, how far its structs reach without a gap (as Y.encodeStateVectorFromUpdate does). */
	private countClocks(merged: Uint8Array): void {
		this.clocks = new Map();
		this.encodedClocks = null;
		this.gapped = false;
		this.advance(Y.decodeUpdate(merged).structs);
	}

	private countForCompaction(rows: number): void {
		this.sinceCompaction = rows > 1 ? rows : 0;
		if (this.sinceCompaction >= this.compactEvery) this.queueCompaction();
	}

	/** The document as it is stored and queued, as one update. */
	snapshot(): Uint8Array {
		return this.current();
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

	/** every update this room queued is committed: a room loaded afresh would see them all */
	get settled(): boolean {
		return this.unconfirmed.length === 0;
	}

	get storedBytes(): number {
		return this.stored;
	}

	stateVector(): Uint8Array {
		return (this.encodedClocks ??= Y.encodeStateVector(this.clocks));
	}

	/**
	 * Handles one y-websocket message from a client. Updates from a read-only client
	 * are dropped: neither stored nor forwarded. Throws ProtocolError.
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
		if (this.recount) {
			this.recount = false;
			this.merged = null;
			this.current();
		}
		client.admit?.(this.stored, update);
		this.gapped ??= hasStructsBeyond(this.current(), this.clocks);
		this.store.append(this.name, update);
		this.unconfirmed.push({ update, read: false });
		this.store.whenDurable(() => this.unconfirmed.shift());
		this.merged = null;
		this.stored += update.byteLength;
		const news = this.advance(decoded.structs);
		// a struct may have filled a gap: only the whole document can say how far it now reaches
		if (news && this.gapped) this.countClocks(this.current());
		// a delete set may hold news too; without a Y.Doc it cannot be told apart
		if (news || decoded.ds.clients.size > 0) this.forward(update, client);
		this.sinceCompaction++;
		if (this.sinceCompaction >= this.compactEvery) this.queueCompaction();
		return 'stored';
	}

	/** Moves the state vector past the update's structs; true when any of them was new. */
	private advance(structs: ReadonlyArray<{ id: Y.ID; length: number }>): boolean {
		let news = false;
		for (const struct of structs) {
			const { client, clock } = struct.id;
			const known = this.clocks.get(client) ?? 0;
			if (clock + struct.length <= known) continue;
			news = true;
			if (clock <= known && !(struct instanceof Y.Skip)) this.clocks.set(client, clock + struct.length);
			else this.gapped = true;
		}
		if (news) this.encodedClocks = null;
		return news;
	}

	/** What a client with this state vector lacks; with nothing, the whole document. */
	private updateSince(stateVector: Uint8Array): Uint8Array {
		const merged = this.current();
		return Y.decodeStateVector(stateVector).size === 0 ? merged : Y.diffUpdate(merged, stateVector);
	}

	private forward(update: Uint8Array, origin: RoomClient): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE.sync);
		syncProtocol.writeUpdate(encoder, update);
		const message = encoding.toUint8Array(encoder);
		for (const client of this.clients.keys()) if (client !== origin) client.send(message);
	}

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

	/** Asks the store to merge the stored log into one update (the store writer does the work). */
	compact(): void {
		if (this.destroyed || this.sinceCompaction === 0) return;
		this.store.compact(this.name);
		this.sinceCompaction = 0;
		// the merged row is smaller than the rows it replaces: the size limit must see that
		this.store.whenDurable(() => (this.recount = true));
	}

	destroy(): void {
		this.destroyed = true;
		this.awareness.destroy();
		this.merged = null;
	}
}

/** Why the bytes do not decode as an update, or null when they do. */
function undecodable(update: Uint8Array): string | null {
	try {
		Y.decodeUpdate(update);
		return null;
	} catch (error) {
		return `it does not decode: ${errorText(error)}`;
	}
}

/** Whether some client's structs in the update reach past its clock (they wait for a missing one). */
function hasStructsBeyond(update: Uint8Array, clocks: Map<number, number>): boolean {
	return Array.from(Y.parseUpdateMeta(update).to).some(([client, clock]) => clock > (clocks.get(client) ?? 0));
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
	return a.byteLength === b.byteLength && Buffer.compare(a, b) === 0;
}

function mergeAll(updates: Uint8Array[]): Uint8Array {
	if (updates.length === 0) return EMPTY_UPDATE;
	return updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates);
}

function read<T>(fn: () => T): T {
	try {
		return fn();
	} catch (error) {
		if (error instanceof ProtocolError) throw error;
		throw new ProtocolError(`malformed message (${errorText(error)})`);
	}
}
