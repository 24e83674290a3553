/**
 * A participant's three documents (MyDocuments) with who they are and the views
 * the participant's pages share: the policy, the program's zone, their sessions.
 */
import type { Instant } from '../domain/ids.ts';
import { makeupLedger, type MakeupObligation } from '../domain/makeups.ts';
import type { ResolvedSession } from '../domain/metrics.ts';
import { DEFAULT_POLICY } from '../domain/policy.ts';
import { enrollmentSessions } from '../domain/progress.ts';
import type { InstantRange } from '../domain/schedule.ts';
import { participantSessions, type SessionRow } from '../domain/session-views.ts';
import { MyDocuments } from './my-documents.svelte.ts';
import type { AppSession } from './session.svelte.ts';
import type { Workspace } from '../doc/workspace.ts';

export class ParticipantDocuments extends MyDocuments {
	/** resolves when the local copies of all three have loaded */
	readonly ready: Promise<void>;

	constructor(
		workspace: Workspace,
		readonly userId: string,
		readonly participantId: string,
		programId: string
	) {
		super(workspace, programId, participantId);
		this.ready = Promise.all([this.program.open.loaded, this.self.open.loaded, this.care.open.loaded]).then(() => {});
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
		const all = this.#all();
		return all ? participantSessions(all.schedule, all.records, range, now) : [];
	}

	/** Every session since the enrollment began, with attendance; empty until everything has loaded. */
	enrollmentSessions(now: Instant): ResolvedSession[] {
		const all = this.#all();
		return all ? enrollmentSessions(all.schedule, all.records, now) : [];
	}

	/** The make-ups these sessions call for and how far each has got; null until everything has loaded. */
	makeupLedger(sessions: readonly ResolvedSession[], now: Instant): MakeupObligation[] | null {
		const all = this.#all();
		if (!all) return null;
		const { program, self, care, schedule } = all;
		return makeupLedger({ sessions, assignments: care.makeups, progress: self.makeupProgress, catalog: program.makeupCatalog, policy: schedule.policy, timeZone: schedule.timeZone, now });
	}

	/** The three documents read, with the program's schedule and the participant's records; null until all have loaded. */
	#all() {
		const program = this.program.value;
		const self = this.self.value;
		const care = this.care.value;
		const timeZone = this.timeZone;
		if (!program || !self || !care || !timeZone) return null;
		const schedule = { timeZone, groups: program.groups, exceptions: program.exceptions, policy: this.policy };
		return { program, self, care, schedule, records: { ...care, ...self } };
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
