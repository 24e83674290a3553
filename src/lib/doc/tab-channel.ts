/**
 * Keeps the app's tabs on one device in step without the server: each local update
 * is posted to the other tabs that have the same document open. (y-indexeddb only
 * shares what a tab reads at load; the server may be out of reach.)
 */
import * as Y from 'yjs';

export function linkTabs(channelName: string, doc: Y.Doc): () => void {
	if (typeof BroadcastChannel === 'undefined') return () => {};
	const channel = new BroadcastChannel(channelName);
	const onUpdate = (update: Uint8Array, origin: unknown) => {
		if (origin !== channel) channel.postMessage(update);
	};
	channel.onmessage = (event: MessageEvent) => {
		if (event.data instanceof Uint8Array) Y.applyUpdate(doc, event.data, channel);
	};
	doc.on('update', onUpdate);
	return () => {
		doc.off('update', onUpdate);
		channel.close();
	};
}
