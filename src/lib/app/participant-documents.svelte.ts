/**
 * A participant's three documents (program, self, care) opened on this device and
 * read into plain data, with the views every participant page needs.
 */
import { readCare, readProgram, readSelf, type InvalidRecord } from '../doc/read.ts';
import { documentName } from '../domain/document-names.ts';
import type { Instant } from '../domain/ids.ts';
import { DEFAULT_POLICY } from '../domain/policy.ts';
import type { InstantRange } from '../domain/schedule.ts';
import { participantSessions, type SessionRow } from '../domain/session-views.ts';
import { LiveDocument } from './live-document.svelte.ts';
import type { AppSession } from './session.svelte.ts';
import type { Workspace } from '../doc/workspace.ts';

export class ParticipantDocuments {
	readonly program: LiveDocument<ReturnType<typeof readProgram>>;
	readonly self: LiveDocument<ReturnType<typeof readSelf>>;
	readonly care: LiveDocument<ReturnType<typeof readCare>>;
	readonly loaded: Promise<void>;

	constructor(
		workspace: Workspace,
		readonly userId: string,
		readonly participantId: string,
		programId: string
	) {
		this.program = new LiveDocument(workspace, documentName('program', programId), readProgram);
		this.self = new LiveDocument(workspace, documentName('self', participantId), readSelf);
		this.care = new LiveDocument(workspace, documentName('care', participantId), readCare);
		this.loaded = Promise.all([this.program.open.loaded, this.self.open.loaded, this.care.open.loaded]).then(() => {});
	}

	get isLoaded(): boolean {
		return this.program.loaded && this.self.loaded && this.care.loaded;
	}

	get tooNew(): boolean {
		return this.program.tooNew || this.self.tooNew || this.care.tooNew;
	}

	get invalid(): InvalidRecord[] {
		return [...(this.program.value?.invalid ?? []), ...(this.self.value?.invalid ?? []), ...(this.care.value?.invalid ?? [])];
	}

	get policy() {
		return this.program.value?.policy ?? DEFAULT_POLICY;
	}

	/** null until the program document has reached this device */
	get timeZone(): string | null {
		return this.program.value?.info?.timeZone ?? null;
	}

	/** The participant's sessions in a range, with attendance; empty until everything has loaded. */
	sessions(range: InstantRange, now: Instant): SessionRow[] {
		const program = this.program.value;
		const self = this.self.value;
		const care = this.care.value;
		const timeZone = this.timeZone;
		if (!program || !self || !care || !timeZone) return [];
		return participantSessions({ timeZone, groups: program.groups, exceptions: program.exceptions, policy: this.policy }, { ...care, ...self }, range, now);
	}

	destroy(): void {
		this.program.destroy();
		this.self.destroy();
		this.care.destroy();
	}
}

/**
 * Opens the signed-in participant's documents for as long as the calling component
 * lives (call it while the component initialises); `current` is null for staff.
 */
export function participantDocuments(session: AppSession): { readonly current: ParticipantDocuments | null } {
	let current = $state.raw<ParticipantDocuments | null>(null);
	$effect(() => {
		const user = session.me?.user;
		const device = session.device;
		if (!device || !user?.participantId) return;
		const documents = new ParticipantDocuments(device.workspace, user.id, user.participantId, user.programId);
		current = documents;
		return () => {
			documents.destroy();
			current = null;
		};
	});
	return {
		get current() {
			return current;
		}
	};
}
