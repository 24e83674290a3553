/** A limit was reached: the connection closes with this code; nothing stored is lost. */
export interface CloseCode {
	code: number;
	reason: string;
}

export class LimitError extends Error {
	constructor(readonly close: CloseCode) {
		super(close.reason);
	}
}
