/**
 * The device's one WebSocket, carrying every open document (DESIGN §1).
 *
 * Each document speaks the ordinary y-websocket protocol inside a frame named by
 * the document (src/lib/protocol/frames.ts). The connection reconnects with
 * backoff; documents keep working locally while it is down, and their offline
 * changes flow to the server in the sync step 2 that answers the server's step 1.
 */
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CLOSE, MESSAGE, decodeFrame, encodeClose, encodeFrame } from '../protocol/frames.ts';
import { awarenessMessage, forgetRemoteAwareness, queryAwarenessMessage, type AwarenessChange } from './awareness-messages.ts';
import { StoredTracker } from './stored-tracker.ts';

export type ConnectionState = 'offline' | 'connecting' | 'online' | 'refused';

/**
 * Where to connect: a fixed URL, or a function that returns one each time (with a
 * fresh single-use ticket in it) or says why it cannot.
 */
export type ConnectionTarget = string | (() => Promise<{ url: string } | { refused: string; revoked: boolean } | { unreachable: true }>);

export interface DocumentStatus {
	name: string;
	access: 'read' | 'write' | null;
	/** the server's copy has been received since the last connect */
	synced: boolean;
	/** this device's record writes not yet confirmed as stored by the server */
	unstored: number;
	denied: { reason: string; message: string } | null;
}

export interface AttachOptions {
	awareness?: awarenessProtocol.Awareness;
	tracker?: StoredTracker;
	/** called when the tracker changed, so the caller can persist it */
	onTrackerChange?: (tracker: StoredTracker) => void;
}

interface Attached {
	doc: Y.Doc;
	awareness: awarenessProtocol.Awareness | undefined;
	tracker: StoredTracker;
	status: DocumentStatus;
	release: () => void;
	onTrackerChange: (tracker: StoredTracker) => void;
}

type WebSocketLike = typeof WebSocket;

export interface ConnectionOptions {
	url: ConnectionTarget;
	WebSocket?: WebSocketLike;
	/** first and longest wait between reconnects, in ms */
	backoff?: { min: number; max: number };
	/** how often to probe an idle line, and how long a silence means it is dead */
	liveness?: { everyMs: number; silentMs: number };
	/** told when the server refuses a document, e.g. so its local copy can be removed */
	onDenied?: (name: string, denied: { reason: string; message: string }) => void;
}

/** After these reconnecting cannot help (docs/API.md); after any other, the next connect fetches a fresh ticket. */
const CLOSE_SIGNED_OUT = CLOSE.unauthenticated.code;
const CLOSE_REVOKED = CLOSE.deviceRevoked.code;

export class DeviceConnection {
	state: ConnectionState = 'offline';
	/** why the server closed for good (e.g. "sign-in required"), shown to the user */
	refusal: string | null = null;
	/** the server said this device was revoked: its local copies must go */
	revoked = false;
	/** why the last connection dropped when it was not the network (e.g. a message over the limit) */
	problem: string | null = null;

	#target: ConnectionTarget;
	#connecting = false;
	#WebSocket: WebSocketLike;
	#backoff: { min: number; max: number };
	#liveness: { everyMs: number; silentMs: number };
	#onDenied: (name: string, denied: { reason: string; message: string }) => void;
	#socket: WebSocket | null = null;
	#docs = new Map<string, Attached>();
	#listeners = new Set<() => void>();
	#attempt = 0;
	#retryTimer: ReturnType<typeof setTimeout> | null = null;
	#livenessTimer: ReturnType<typeof setInterval> | null = null;
	#lastHeardAt = 0;
	#destroyed = false;

	constructor(options: ConnectionOptions) {
		this.#target = options.url;
		this.#WebSocket = options.WebSocket ?? globalThis.WebSocket;
		this.#backoff = options.backoff ?? { min: 250, max: 10_000 };
		this.#liveness = options.liveness ?? { everyMs: 20_000, silentMs: 45_000 };
		this.#onDenied = options.onDenied ?? (() => {});
	}

	connect(): void {
		if (this.#destroyed || this.#socket || this.#connecting) return;
		this.#setState('connecting');
		const target = this.#target;
		if (typeof target === 'string') return this.#open(target);
		this.#connecting = true;
		void target().then(
			(result) => {
				this.#connecting = false;
				if (this.#destroyed) return;
				if ('url' in result) return this.#open(result.url);
				if ('refused' in result) return this.#refuse(result.refused, result.revoked);
				this.#setState('offline');
				this.#scheduleReconnect();
			},
			() => {
				this.#connecting = false;
				this.#setState('offline');
				this.#scheduleReconnect();
			}
		);
	}

	#refuse(reason: string, revoked: boolean): void {
		this.refusal = reason;
		this.revoked = revoked;
		this.#setState('refused');
	}

	#open(url: string): void {
		const socket = new this.#WebSocket(url);
		socket.binaryType = 'arraybuffer';
		this.#socket = socket;
		socket.onopen = () => {
			this.#attempt = 0;
			this.problem = null;
			this.#heard();
			this.#watchLiveness(socket);
			this.#setState('online');
			for (const [name, attached] of this.#docs) this.#greet(name, attached);
		};
		socket.onmessage = (event: MessageEvent) => {
			this.#heard();
			if (event.data instanceof ArrayBuffer) this.#receive(new Uint8Array(event.data));
		};
		// Failures show up as a close; without a listener Node's `ws` would throw.
		socket.onerror = () => {};
		socket.onclose = (event: CloseEvent) => {
			if (this.#socket !== socket) return;
			this.#socket = null;
			this.#stopLiveness();
			for (const attached of this.#docs.values()) {
				attached.status.synced = false;
				forgetRemoteAwareness(attached.awareness, this);
			}
			if (event.code === CLOSE_SIGNED_OUT || event.code === CLOSE_REVOKED) {
				// The server said no to this device: retrying would not help.
				return this.#refuse(event.reason || 'The server refused this device.', event.code === CLOSE_REVOKED);
			}
			// Shown until the next connection opens: a stale ticket (4408) usually clears at once.
			if (event.code >= 4400 && event.code < 4500) this.problem = event.reason || `closed by the server (${event.code})`;
			this.#setState('offline');
			this.#scheduleReconnect();
		};
	}

	/** Drops the socket and connects again, e.g. when the browser reports a network change. */
	reconnect(): void {
		const socket = this.#socket;
		if (socket) socket.close(4000, 'reconnecting');
		else this.#retryNow();
	}

	/** Reconnect at once instead of waiting out the backoff. */
	#retryNow(): void {
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		this.#retryTimer = null;
		this.connect();
	}

	attach(name: string, doc: Y.Doc, options: AttachOptions = {}): void {
		if (this.#docs.has(name)) throw new Error(`document ${name} is already attached`);
		const tracker = options.tracker ?? new StoredTracker();
		const attached: Attached = {
			doc,
			awareness: options.awareness,
			tracker,
			status: { name, access: null, synced: false, unstored: 0, denied: null },
			release: () => {},
			onTrackerChange: options.onTrackerChange ?? (() => {})
		};
		const onUpdate = (update: Uint8Array, origin: unknown) => {
			if (origin === this || attached.status.denied) return;
			this.#sendSync(name, (encoder) => syncProtocol.writeUpdate(encoder, update));
		};
		const onTransaction = (transaction: Y.Transaction) => {
			if (!transaction.local || transaction.origin === this) return;
			if (transaction.afterState.get(doc.clientID) === transaction.beforeState.get(doc.clientID)) return;
			if (tracker.noteOwnClient(doc.clientID)) attached.onTrackerChange(tracker);
			this.#refreshUnstored(attached);
		};
		const onAwareness = ({ added, updated, removed }: AwarenessChange, origin: unknown) => {
			if (origin === this || attached.status.denied) return;
			const changed = [...added, ...updated, ...removed];
			this.#send(name, awarenessMessage(attached.awareness!, changed));
		};
		doc.on('update', onUpdate);
		doc.on('afterTransaction', onTransaction);
		options.awareness?.on('update', onAwareness);
		attached.release = () => {
			doc.off('update', onUpdate);
			doc.off('afterTransaction', onTransaction);
			options.awareness?.off('update', onAwareness);
		};
		this.#docs.set(name, attached);
		this.#refreshUnstored(attached);
		if (this.state === 'online') this.#greet(name, attached);
		this.#emit();
	}

	detach(name: string): void {
		const attached = this.#docs.get(name);
		if (!attached) return;
		attached.release();
		this.#docs.delete(name);
		this.#send(name, encodeClose());
		this.#emit();
	}

	status(name: string): DocumentStatus | null {
		return this.#docs.get(name)?.status ?? null;
	}

	statuses(): DocumentStatus[] {
		return [...this.#docs.values()].map((attached) => attached.status);
	}

	subscribe(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => this.#listeners.delete(listener);
	}

	destroy(): void {
		this.#destroyed = true;
		this.#stopLiveness();
		if (this.#retryTimer) clearTimeout(this.#retryTimer);
		for (const name of [...this.#docs.keys()]) this.detach(name);
		this.#socket?.close(1000, 'closed by the app');
		this.#socket = null;
		this.#listeners.clear();
	}

	#greet(name: string, attached: Attached): void {
		// A refusal for this device stands until the app signs in again; a limit may have eased.
		if (attached.status.denied?.reason === 'forbidden' || attached.status.denied?.reason === 'unknown-document') return;
		attached.status.denied = null;
		this.#sendSync(name, (encoder) => syncProtocol.writeSyncStep1(encoder, attached.doc));
		const awareness = attached.awareness;
		if (awareness && awareness.getLocalState() !== null) {
			this.#send(name, awarenessMessage(awareness, [awareness.clientID]));
		}
	}

	#receive(data: Uint8Array): void {
		const frame = decodeFrame(data);
		const attached = frame && this.#docs.get(frame.document);
		if (!frame || !attached) return;
		const before = JSON.stringify(attached.status);
		try {
			this.#handle(frame.document, attached, decoding.createDecoder(frame.message));
		} catch (error) {
			// A message that does not parse is the server's bug, not the user's: keep the document.
			console.error(`steady: ignored a malformed message for ${frame.document}`, error);
		}
		if (JSON.stringify(attached.status) !== before) this.#emit();
	}

	#handle(name: string, attached: Attached, decoder: decoding.Decoder): void {
		const type = decoding.readVarUint(decoder);
		switch (type) {
			case MESSAGE.sync:
				return this.#handleSync(name, attached, decoder);
			case MESSAGE.awareness:
				if (attached.awareness) {
					awarenessProtocol.applyAwarenessUpdate(attached.awareness, decoding.readVarUint8Array(decoder), this);
				}
				return;
			case MESSAGE.queryAwareness:
				if (attached.awareness) {
					const clients = [...attached.awareness.getStates().keys()];
					this.#send(name, awarenessMessage(attached.awareness, clients));
				}
				return;
			case MESSAGE.stored:
				this.#noteServerState(attached, decoding.readVarUint8Array(decoder));
				return;
			case MESSAGE.access: {
				const access = decoding.readVarString(decoder);
				attached.status.access = access === 'write' ? 'write' : 'read';
				attached.status.denied = null;
				return;
			}
			case MESSAGE.denied:
				attached.status.denied = { reason: decoding.readVarString(decoder), message: decoding.readVarString(decoder) };
				attached.status.unstored = 0;
				this.#onDenied(name, attached.status.denied);
				return;
		}
	}

	#handleSync(name: string, attached: Attached, decoder: decoding.Decoder): void {
		const subtype = decoding.readVarUint(decoder);
		if (subtype === syncProtocol.messageYjsSyncStep1) {
			const stateVector = decoding.readVarUint8Array(decoder);
			this.#noteServerState(attached, stateVector);
			this.#sendSync(name, (encoder) => syncProtocol.writeSyncStep2(encoder, attached.doc, stateVector));
			return;
		}
		const update = decoding.readVarUint8Array(decoder);
		Y.applyUpdate(attached.doc, update, this);
		if (subtype === syncProtocol.messageYjsSyncStep2) attached.status.synced = true;
	}

	#noteServerState(attached: Attached, stateVector: Uint8Array): void {
		if (attached.tracker.noteServerState(Y.decodeStateVector(stateVector))) {
			attached.onTrackerChange(attached.tracker);
		}
		this.#refreshUnstored(attached);
	}

	#refreshUnstored(attached: Attached): void {
		// The server will never take a refused document's changes: they are not "waiting".
		if (attached.status.denied) return;
		const unstored = attached.tracker.unstored(Y.decodeStateVector(Y.encodeStateVector(attached.doc)));
		if (unstored !== attached.status.unstored) {
			attached.status.unstored = unstored;
			this.#emit();
		}
	}

	#sendSync(name: string, write: (encoder: encoding.Encoder) => void): void {
		const encoder = encoding.createEncoder();
		encoding.writeVarUint(encoder, MESSAGE.sync);
		write(encoder);
		this.#send(name, encoding.toUint8Array(encoder));
	}

	#send(name: string, message: Uint8Array): void {
		const socket = this.#socket;
		if (socket && socket.readyState === socket.OPEN) socket.send(encodeFrame(name, message) as Uint8Array<ArrayBuffer>);
	}

	#heard(): void {
		this.#lastHeardAt = Date.now();
	}

	/**
	 * A socket can look open long after the network has gone (sleep, a Wi-Fi switch).
	 * The server answers a query for awareness, so silence means the line is dead.
	 */
	#watchLiveness(socket: WebSocket): void {
		this.#stopLiveness();
		const { everyMs, silentMs } = this.#liveness;
		this.#livenessTimer = setInterval(() => {
			if (Date.now() - this.#lastHeardAt > silentMs) return socket.close(4000, 'no answer from the server');
			const probe = [...this.#docs.entries()].find(([, attached]) => !attached.status.denied);
			if (probe) this.#send(probe[0], queryAwarenessMessage());
		}, everyMs);
	}

	#stopLiveness(): void {
		if (this.#livenessTimer) clearInterval(this.#livenessTimer);
		this.#livenessTimer = null;
	}

	#scheduleReconnect(): void {
		if (this.#destroyed || this.#retryTimer) return;
		const wait = Math.min(this.#backoff.max, this.#backoff.min * 2 ** this.#attempt++);
		this.#retryTimer = setTimeout(() => {
			this.#retryTimer = null;
			this.connect();
		}, wait * (0.5 + Math.random() / 2));
	}

	#setState(state: ConnectionState): void {
		this.state = state;
		this.#emit();
	}

	#emit(): void {
		for (const listener of this.#listeners) listener();
	}
}
