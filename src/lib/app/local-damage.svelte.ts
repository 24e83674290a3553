/** Documents whose saved copy on this device had damaged rows, for the app's notice. */
export class LocalDamage {
	documents = $state<string[]>([]);

	report(name: string): void {
		if (!this.documents.includes(name)) this.documents = [...this.documents, name];
	}
}
