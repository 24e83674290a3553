import type { ConnectionState, DocumentStatus } from '../doc/connection.ts';

/** What the device has not yet handed to the server, in words a participant understands. */
export class SyncStatus {
	connection = $state<ConnectionState>('offline');
	documents = $state.raw<readonly DocumentStatus[]>([]);
	refusal = $state<string | null>(null);
	problem = $state<string | null>(null);

	unstored = $derived(this.documents.reduce((sum, doc) => sum + doc.unstored, 0));
	behind = $derived(this.documents.filter((doc) => !doc.denied && (doc.unstored > 0 || !doc.synced)));
	denied = $derived(this.documents.filter((doc) => doc.denied));

	label = $derived.by(() => {
		const pending = this.unstored === 0 ? '' : ` · ${changes(this.unstored)} on this device only`;
		if (this.connection === 'refused') return `Signed out by the server: ${this.refusal ?? 'sign in again'}`;
		if (this.connection === 'offline') return `Offline${pending}`;
		if (this.connection === 'connecting') return `Connecting…${pending}`;
		if (this.unstored > 0) return `Sending${pending}`;
		return this.behind.length > 0 ? 'Syncing…' : 'All changes saved';
	});

	update(connection: ConnectionState, documents: DocumentStatus[], refusal: string | null, problem: string | null = null): void {
		this.connection = connection;
		this.documents = documents.map((doc) => ({ ...doc }));
		this.refusal = refusal;
		this.problem = problem;
	}
}

function changes(count: number): string {
	return count === 1 ? '1 change' : `${count} changes`;
}
