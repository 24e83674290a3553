import type * as Y from 'yjs';
import { observe } from '../doc/read.ts';
import type { OpenDocument, Workspace } from '../doc/workspace.ts';

/** A document opened on this device, read into plain data after every change. */
export class LiveDocument<T> {
	value = $state.raw<T | null>(null);
	loaded = $state(false);
	readonly open: OpenDocument;
	#stop: () => void;

	constructor(workspace: Workspace, name: string, read: (doc: Y.Doc) => T) {
		this.open = workspace.open(name);
		this.#stop = observe(this.open.doc, read, (value) => (this.value = value));
		void this.open.loaded.then(() => (this.loaded = true));
	}

	destroy(): void {
		this.#stop();
	}
}
