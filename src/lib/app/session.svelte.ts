/**
 * The app's one session: who is signed in on this device, their device and its
 * sync status. Created by the root layout and shared through context.
 */
import { getContext, setContext } from 'svelte';
import { cachedMe, fetchMe, signIn, signOut, type Me } from '../api/session.ts';
import { documentName } from '../domain/document-names.ts';
import { SyncStatus } from '../state/sync-status.svelte.ts';
import { startDevice, type Device } from './device.ts';

export class AppSession {
	me = $state<Me | null>(null);
	device = $state.raw<Device | null>(null);
	sync = new SyncStatus();
	/** set when the server no longer accepts this device's sign-in */
	signedOutByServer = $state(false);

	#unsubscribe: (() => void) | null = null;

	/** Starts from the identity cached on the device, so it works with no network. */
	start(): void {
		const me = cachedMe();
		if (me) this.#begin(me);
		void this.refresh();
	}

	async refresh(): Promise<void> {
		const result = await fetchMe();
		if (result.kind === 'signed-in') {
			if (!this.device || this.me?.user.id !== result.me.user.id) this.#begin(result.me);
			// Pages open documents from `me`: replace it only when it really changed.
			else if (JSON.stringify(this.me) !== JSON.stringify(result.me)) this.me = result.me;
			this.signedOutByServer = false;
		} else if (result.kind === 'signed-out' && this.me) {
			// Keep the local documents: they may hold changes not yet sent. Signing in again sends them.
			this.signedOutByServer = true;
		}
	}

	async signIn(email: string, password: string): Promise<string | null> {
		const result = await signIn(email, password);
		if (!result.ok) return result.message;
		this.#end();
		this.#begin(result.me);
		this.signedOutByServer = false;
		return null;
	}

	/** Signing out removes this user's documents from the device (DESIGN §3). */
	async signOut(): Promise<void> {
		const device = this.device;
		const names = this.#documentNames();
		this.#end();
		this.me = null;
		await signOut();
		await device?.workspace.removeLocalData(names);
	}

	#begin(me: Me): void {
		this.me = me;
		const device = startDevice(me.user.id);
		this.device = device;
		const refresh = () => {
			this.sync.update(device.connection.state, device.connection.statuses(), device.connection.refusal);
			if (device.connection.state === 'refused') this.signedOutByServer = true;
		};
		this.#unsubscribe = device.connection.subscribe(refresh);
		refresh();
	}

	#end(): void {
		this.#unsubscribe?.();
		this.#unsubscribe = null;
		this.device?.workspace.closeAll();
		this.device?.connection.destroy();
		this.device = null;
	}

	#documentNames(): string[] {
		const me = this.me;
		if (!me) return [];
		const people = me.user.participantId ? [me.user.participantId] : me.participants.map((p) => p.id);
		return [
			documentName('program', me.user.programId),
			...people.flatMap((id) => [documentName('self', id), documentName('care', id), documentName('private', id)])
		];
	}
}

const KEY = Symbol('steady:session');

export function setSession(session: AppSession): AppSession {
	return setContext(KEY, session);
}

export function getSession(): AppSession {
	return getContext<AppSession>(KEY);
}
