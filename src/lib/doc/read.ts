/**
 * Read adapters: a whole document as validated plain data, with every invalid
 * record reported (never thrown), so a view can show what is intact.
 */
import type * as Y from 'yjs';
import type { DocumentKind } from '../domain/document-names.ts';
import {
	readCollection,
	readSingleton,
	type CollectionName,
	type InvalidRecord,
	type RecordOf,
	type SingletonName,
	type SingletonOf
} from './codec.ts';
import { forReading } from './migrate.ts';
import { COLLECTIONS, SINGLETONS } from './schema.ts';
import { ValidationMemo } from './validated.ts';

export type DocumentData<K extends DocumentKind> = { [C in CollectionName<K>]: RecordOf<K, C>[] } & {
	[N in SingletonName<K>]: SingletonOf<K, N> | null;
} & { invalid: InvalidRecord[] };

/** With a memo, records unchanged since its last read of this document are not validated again. */
export function readDocument<K extends DocumentKind>(doc: Y.Doc, kind: K, memo?: ValidationMemo): DocumentData<K> {
	const data: Record<string, unknown> = {};
	const invalid: InvalidRecord[] = [];
	for (const name of Object.keys(COLLECTIONS[kind]) as CollectionName<K>[]) {
		const result = readCollection(doc, kind, name, memo);
		data[name] = result.records;
		invalid.push(...result.invalid);
	}
	for (const name of Object.keys(SINGLETONS[kind]) as SingletonName<K>[]) {
		const result = readSingleton(doc, kind, name, memo);
		data[name] = result.value;
		invalid.push(...result.invalid);
	}
	return { ...data, invalid } as DocumentData<K>;
}

// Views read through `forReading`, so data an older app wrote reads in today's shape
// even where this device may not migrate it (DECISIONS: migrations).
export const readProgram = (doc: Y.Doc, memo?: ValidationMemo) => readDocument(forReading(doc, 'program'), 'program', memo);
export const readSelf = (doc: Y.Doc, memo?: ValidationMemo) => readDocument(forReading(doc, 'self'), 'self', memo);
export const readCare = (doc: Y.Doc, memo?: ValidationMemo) => readDocument(forReading(doc, 'care'), 'care', memo);


/**
 * Calls back with fresh data after every change, local or remote; returns the
 * unsubscribe. Each read after the first validates only the records that changed.
 */
export function observe<T>(doc: Y.Doc, read: (doc: Y.Doc, memo: ValidationMemo) => T, callback: (value: T) => void): () => void {
	const memo = new ValidationMemo();
	const onUpdate = () => callback(read(doc, memo));
	doc.on('update', onUpdate);
	callback(read(doc, memo));
	return () => doc.off('update', onUpdate);
}

export type { InvalidRecord, ValidationMemo };
