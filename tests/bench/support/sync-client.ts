/**
 * A lean sync client for load generation: one WebSocket, one document, the same
 * Yjs work for every server, so only the server and its wire differ:
 *
 * - `reference`: plain y-websocket at `<url>/<document>` (the reference server);
 * - `single`: Steady's one-document endpoint `/sync/<document>?ticket=…`;
 * - `mux`: Steady's multiplexed `/sync?ticket=…`, frames of frames.ts.
 *
 * No awareness and no resync timer: heartbeats are awareness only and are not
 * what the benchmarks measure.
 */
import WebSocket from 'ws';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { MESSAGE, decodeFrame, encodeFrame } from '../../../src/lib/protocol/frames.ts';

export type Wire = 'reference' | 'single' | 'mux';
export const WIRES: readonly Wire[] = ['reference', 'single', 'mux'];

export class SyncClient {
	readonly doc = new Y.Doc();
	/** resolves once the server's answer to our step 1 (its step 2) has been applied */
	readonly synced: Promise<void>;
	/** the latest STORED state vector (mux only) */
	onStored: ((stateVector: Map<number, number>) => void) | null = null;
	private markSynced: () => void = () => {};
	private fail: (error: Error) => void = () => {};

	private constructor(
		readonly ws: WebSocket,
		readonly wire: Wire,
		readonly document: string
	) {
		this.synced = new Promise((resolve, reject) => {
			this.markSynced = resolve;
			this.fail = reject;
		});
		ws.binaryType = 'nodebuffer';
		ws.on('message', (data: Buffer) => this.receive(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)));
		ws.on('close', (code, reason) => this.fail(new Error(`${document}: closed ${code} ${reason.toString()}`)));
		ws.on('error', (error) => this.fail(error));
		this.doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== this && ws.readyState === WebSocket.OPEN) this.send(syncMessage((e) => syncProtocol.writeUpdate(e, update)));
		});
	}

	/** Opens the socket, sends step 1 and resolves when open (not yet synced). */
	static connect(wsUrl: string, wire: Wire, document: string, ticket?: string): Promise<SyncClient> {
		const query = ticket ? `?ticket=${encodeURIComponent(ticket)}` : '';
		const url =
			wire === 'reference'
				? `${wsUrl}/${encodeURIComponent(document)}`
				: wire === 'single'
					? `${wsUrl}/sync/${encodeURIComponent(document)}${query}`
					: `${wsUrl}/sync${query}`;
		const client = new SyncClient(new WebSocket(url), wire, document);
		return new Promise((resolve, reject) => {
			client.ws.once('open', () => {
				client.send(syncMessage((e) => syncProtocol.writeSyncStep1(e, client.doc)));
				resolve(client);
			});
			client.ws.once('error', reject);
		});
	}

	close(): void {
		this.ws.terminate();
	}

	private send(message: Uint8Array): void {
		this.ws.send(this.wire === 'mux' ? encodeFrame(this.document, message) : message);
	}

	private receive(data: Uint8Array): void {
		let message = data;
		if (this.wire === 'mux') {
			const frame = decodeFrame(data);
			if (!frame) return this.fail(new Error('undecodable frame'));
			message = frame.message;
		}
		const decoder = decoding.createDecoder(message);
		const type = decoding.readVarUint(decoder);
		if (type === MESSAGE.sync) {
			const encoder = encoding.createEncoder();
			encoding.writeVarUint(encoder, MESSAGE.sync);
			const subtype = syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
			if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
			if (subtype === syncProtocol.messageYjsSyncStep2) this.markSynced();
		} else if (type === MESSAGE.stored) {
			this.onStored?.(Y.decodeStateVector(decoding.readVarUint8Array(decoder)));
		} else if (type === MESSAGE.denied) {
			this.fail(new Error(`${this.document}: denied ${decoding.readVarString(decoder)}`));
		}
	}
}

function syncMessage(write: (encoder: encoding.Encoder) => void): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE.sync);
	write(encoder);
	return encoding.toUint8Array(encoder);
}
