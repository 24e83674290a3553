/**
 * The awareness messages the device's connection sends, and what it forgets when
 * its socket closes. Awareness carries live presence; it is never stored.
 */
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import { MESSAGE } from '../protocol/frames.ts';

export interface AwarenessChange {
	added: number[];
	updated: number[];
	removed: number[];
}

export function queryAwarenessMessage(): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE.queryAwareness);
	return encoding.toUint8Array(encoder);
}

/** Other devices' presence came through this socket; with it gone, it is no longer known. */
export function forgetRemoteAwareness(awareness: awarenessProtocol.Awareness | undefined, origin: unknown): void {
	if (!awareness) return;
	const remote = [...awareness.getStates().keys()].filter((client) => client !== awareness.clientID);
	awarenessProtocol.removeAwarenessStates(awareness, remote, origin);
}

export function awarenessMessage(awareness: awarenessProtocol.Awareness, clients: number[]): Uint8Array {
	const encoder = encoding.createEncoder();
	encoding.writeVarUint(encoder, MESSAGE.awareness);
	encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
	return encoding.toUint8Array(encoder);
}
