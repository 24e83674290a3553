/** Where the server writes its operational messages. Never document content or secrets. */
export interface Log {
	info(message: string): void;
	warn(message: string): void;
	error(message: string): void;
}

export const consoleLog: Log = {
	info: (message) => console.log(message),
	warn: (message) => console.warn(message),
	error: (message) => console.error(message)
};

export const silentLog: Log = { info: () => {}, warn: () => {}, error: () => {} };

export function errorText(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
