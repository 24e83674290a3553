/**
 * Whether the browser keeps this device's data for good, and whether the disk is
 * full. A full disk must not lose an edit: the document keeps it in memory and
 * sends it to the server; the person is told plainly what that means.
 */
export class DeviceStorage {
	/** null until asked; false when the browser may clear the data under storage pressure */
	persisted = $state<boolean | null>(null);
	full = $state(false);

	start(): void {
		window.addEventListener('unhandledrejection', (event) => {
			// y-indexeddb's writes fail with this when the quota is reached.
			if (isQuotaError(event.reason)) {
				this.full = true;
				event.preventDefault();
			}
		});
	}

	/** Asked after sign-in, when keeping data is clearly what the person wants. */
	async requestPersistence(): Promise<void> {
		if (!navigator.storage?.persist) return;
		try {
			this.persisted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
		} catch {
			this.persisted = false;
		}
	}
}

/** y-indexeddb passes the browser's DOMException on wrapped in a plain Error, by its text. */
function isQuotaError(error: unknown): boolean {
	if (error instanceof DOMException) return error.name === 'QuotaExceededError';
	return error instanceof Error && error.message.includes('QuotaExceededError');
}
