import { readCare, readProgram, readSelf } from '../doc/read.ts';
import type { Workspace } from '../doc/workspace.ts';
import { documentName } from '../domain/document-names.ts';
import { LiveDocument } from './live-document.svelte.ts';

/** A participant's three documents (program, self, care), open and read live. */
export class MyDocuments {
	readonly program: LiveDocument<ReturnType<typeof readProgram>>;
	readonly self: LiveDocument<ReturnType<typeof readSelf>>;
	readonly care: LiveDocument<ReturnType<typeof readCare>>;

	constructor(workspace: Workspace, programId: string, participantId: string) {
		this.program = new LiveDocument(workspace, documentName('program', programId), readProgram);
		this.self = new LiveDocument(workspace, documentName('self', participantId), readSelf);
		this.care = new LiveDocument(workspace, documentName('care', participantId), readCare);
	}

	get loaded(): boolean {
		return this.program.loaded && this.self.loaded && this.care.loaded;
	}

	get tooNew(): boolean {
		return this.program.tooNew || this.self.tooNew || this.care.tooNew;
	}

	get invalid() {
		return [...(this.program.value?.invalid ?? []), ...(this.self.value?.invalid ?? []), ...(this.care.value?.invalid ?? [])];
	}

	destroy(): void {
		this.program.destroy();
		this.self.destroy();
		this.care.destroy();
	}
}
