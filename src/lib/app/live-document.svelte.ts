import type * as Y from 'yjs';
import { documentVersion } from '../doc/migrate.ts';
import { observe, type ValidationMemo } from '../doc/read.ts';
import type { OpenDocument, Workspace } from '../doc/workspace.ts';
import { parseDocumentName } from '../domain/document-names.ts';

/** A document opened on this device, read into plain data after every change. */
export class LiveDocument<T> {
	value = $state.raw<T | null>(null);
	loaded = $state(false);
	/** written by a newer version of Steady: readable, but this app must not change it */
	tooNew = $state(false);
	readonly open: OpenDocument;
	#stop: () => void;

	constructor(workspace: Workspace, name: string, read: (doc: Y.Doc, memo: ValidationMemo) => T) {
		this.open = workspace.open(name);
		const kind = parseDocumentName(name)?.kind;
		this.#stop = observe(this.open.doc, read, (value) => {
			this.value = value;
			this.tooNew = kind !== undefined && documentVersion(this.open.doc, kind).tooNew;
		});
		void this.open.loaded.then(() => (this.loaded = true));
	}

	destroy(): void {
		this.#stop();
	}
}
