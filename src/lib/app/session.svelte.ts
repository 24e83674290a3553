/**
 * The app's one session: who is signed in on this device, their device and its
 * sync status. Created by the root layout and shared through context.
 */
import { getContext, setContext } from 'svelte';
import { cachedMe, fetchMe, finishPendingSignOut, forgetMe, ME_KEY, signIn, signOut, type Me } from '../api/session.ts';
import { SyncStatus } from '../state/sync-status.svelte.ts';
import { startDevice, type Device } from './device.ts';

export class AppSession {
	me = $state<Me | null>(null);
	device = $state.raw<Device | null>(null);
	sync = new SyncStatus();
	/** set when the server no longer accepts this device's sign-in */
	signedOutByServer = $state(false);
	/** the server has been asked once who this device is (or could not be reached) */
	checked = $state(false);
	/** why this device was removed, shown on the sign-in page after its data is gone */
	removedNotice = $state<string | null>(null);

	#unsubscribe: (() => void) | null = null;

	/** Starts from the identity cached on the device, so it works with no network. */
	start(): void {
		const me = cachedMe();
		if (me) this.#begin(me);
		// Another tab signed in or out: this tab must not go on as someone else.
		window.addEventListener('storage', (event) => {
			if (event.key === ME_KEY && event.newValue !== JSON.stringify(this.me)) location.reload();
		});
		void this.refresh();
	}

	async refresh(): Promise<void> {
		// A sign-out the server never heard of must not turn into a sign-in.
		if (!(await finishPendingSignOut())) {
			this.checked = true;
			return;
		}
		const result = await fetchMe();
		this.checked = true;
		if (result.kind === 'signed-in') {
			if (!this.device || this.me?.device.id !== result.me.device.id) this.#begin(result.me);
			// Pages open documents from `me`: replace it only when it really changed.
			else if (JSON.stringify(this.me) !== JSON.stringify(result.me)) this.me = result.me;
			this.signedOutByServer = false;
		} else if (result.kind === 'revoked') {
			await this.#removeRevokedDevice(result.message);
		} else if (result.kind === 'signed-out' && this.me) {
			// Keep the local documents: they may hold changes not yet sent. Signing in again sends them.
			this.signedOutByServer = true;
		}
	}

	async signIn(email: string, password: string): Promise<string | null> {
		const result = await signIn(email, password);
		if (!result.ok) return result.message;
		this.#begin(result.me);
		this.signedOutByServer = false;
		return null;
	}

	/**
	 * Signing out removes this user's documents from the device (DESIGN §3). The
	 * caller asks first when `sync.unstored` says some changes would be lost.
	 */
	async signOut(): Promise<void> {
		await Promise.all([this.#removeLocalData(), signOut()]);
	}

	/** The server revoked this device (lost, or someone else's): nothing of the user may stay on it. */
	async #removeRevokedDevice(message: string): Promise<void> {
		this.signedOutByServer = false;
		this.removedNotice = message;
		await this.#removeLocalData();
	}

	async #removeLocalData(): Promise<void> {
		const device = this.device;
		const participantId = this.me?.user.participantId;
		this.#end();
		this.me = null;
		forgetMe();
		if (participantId) localStorage.removeItem(`steady:alive:${participantId}`);
		await device?.workspace.removeLocalData();
	}

	#begin(me: Me): void {
		this.#end();
		this.me = me;
		const device = startDevice(me.user.id, me.device.id);
		this.device = device;
		const refresh = () => {
			const { state, refusal, problem } = device.connection;
			this.sync.update(state, device.connection.statuses(), refusal, problem);
			if (state === 'refused' && device.connection.revoked) void this.#removeRevokedDevice(refusal ?? 'This device was removed.');
			else if (state === 'refused') this.signedOutByServer = true;
		};
		this.#unsubscribe = device.connection.subscribe(refresh);
		refresh();
	}

	#end(): void {
		this.#unsubscribe?.();
		this.#unsubscribe = null;
		this.device?.stop();
		this.device = null;
	}
}

const KEY = Symbol('steady:session');

export function setSession(session: AppSession): AppSession {
	return setContext(KEY, session);
}

export function getSession(): AppSession {
	return getContext<AppSession>(KEY);
}
