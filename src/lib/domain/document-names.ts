/** The four kinds of document, each with one set of writers (DESIGN §2). */
export const DOCUMENT_KINDS = ['program', 'self', 'care', 'private'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const NAME = /^(program|self|care|private):([A-Za-z0-9_-]{1,64})$/;

export interface DocumentName {
	kind: DocumentKind;
	/** programId for `program`, participantId for the others */
	id: string;
}

/** Parses `kind:id`; returns null for anything else (path traversal, unknown kind, overlong). */
export function parseDocumentName(name: string): DocumentName | null {
	const match = name.length <= 80 ? NAME.exec(name) : null;
	if (!match) return null;
	return { kind: match[1] as DocumentKind, id: match[2] as string };
}

export function documentName(kind: DocumentKind, id: string): string {
	return `${kind}:${id}`;
}
