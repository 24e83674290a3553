/**
 * Y.Doc <-> validated plain records. Reading never throws on data from another
 * device: an invalid record is skipped and reported with the exact field at fault.
 */
import * as Y from 'yjs';
import type { z } from 'zod';
import type { DocumentKind } from '../domain/document-names.ts';
import { COLLECTIONS, META, SCHEMA_VERSION, SETTINGS, SINGLETONS } from './schema.ts';
import { validateEach, type ValidationMemo } from './validated.ts';

export type CollectionName<K extends DocumentKind> = keyof (typeof COLLECTIONS)[K] & string;
export type RecordOf<K extends DocumentKind, C extends CollectionName<K>> =
	(typeof COLLECTIONS)[K][C] extends { schema: infer S extends z.ZodType } ? z.infer<S> : never;
export type SingletonName<K extends DocumentKind> = keyof (typeof SINGLETONS)[K] & string;
export type SingletonOf<K extends DocumentKind, N extends SingletonName<K>> =
	(typeof SINGLETONS)[K][N] extends infer S extends z.ZodType ? z.infer<S> : never;

/** A record that failed validation: where it is and what is wrong, never its content. */
export interface InvalidRecord {
	collection: string;
	key: string;
	problem: string;
}

export interface ReadResult<T> {
	records: T[];
	invalid: InvalidRecord[];
}

function collectionOf(kind: DocumentKind, name: string) {
	const collection = (COLLECTIONS[kind] as Record<string, { shape: 'map' | 'log'; schema: z.ZodType }>)[name];
	if (!collection) throw new Error(`"${name}" is not a collection of ${kind} documents`);
	return collection;
}

function describe(error: z.ZodError): string {
	return error.issues.map((issue) => `${issue.path.join('.') || '(record)'}: ${issue.message}`).join('; ');
}

/** With a memo (validated.ts), records unchanged since the memo's last read are not validated again. */
export function readCollection<K extends DocumentKind, C extends CollectionName<K>>(
	doc: Y.Doc,
	kind: K,
	name: C,
	memo?: ValidationMemo
): ReadResult<RecordOf<K, C>> {
	const { shape, schema } = collectionOf(kind, name);
	const entries: Array<[string, unknown]> =
		shape === 'map'
			? Array.from(doc.getMap(name).entries())
			: doc
					.getArray(name)
					.toArray()
					.map((value, index) => [String(index), value]);
	const records: RecordOf<K, C>[] = [];
	const invalid: InvalidRecord[] = [];
	const validate = memo ? memo.validator(schema) : validateEach(schema);
	for (const [key, value] of entries) {
		const parsed = validate(value);
		if (parsed.success) records.push(parsed.data as RecordOf<K, C>);
		else invalid.push({ collection: name, key, problem: describe(parsed.error) });
	}
	return { records, invalid };
}

export function readSingleton<K extends DocumentKind, N extends SingletonName<K>>(
	doc: Y.Doc,
	kind: K,
	name: N,
	memo?: ValidationMemo
): { value: SingletonOf<K, N> | null; invalid: InvalidRecord[] } {
	const schema = (SINGLETONS[kind] as Record<string, z.ZodType>)[name];
	if (!schema) throw new Error(`"${name}" is not a setting of ${kind} documents`);
	const raw = doc.getMap(SETTINGS).get(name);
	if (raw === undefined) return { value: null, invalid: [] };
	const parsed = (memo ? memo.validator(schema) : validateEach(schema))(raw);
	if (parsed.success) return { value: parsed.data as SingletonOf<K, N>, invalid: [] };
	return { value: null, invalid: [{ collection: SETTINGS, key: name, problem: describe(parsed.error) }] };
}

/** Validates before writing: a command must never put an invalid record into a document. */
export function putRecord<K extends DocumentKind, C extends CollectionName<K>>(
	doc: Y.Doc,
	kind: K,
	name: C,
	record: RecordOf<K, C> & { id: string }
): void {
	const { shape, schema } = collectionOf(kind, name);
	const valid = schema.parse(record) as { id: string };
	if (shape === 'map') doc.getMap(name).set(valid.id, valid);
	else doc.getArray(name).push([valid]);
}

export function putSingleton<K extends DocumentKind, N extends SingletonName<K>>(
	doc: Y.Doc,
	kind: K,
	name: N,
	value: SingletonOf<K, N>
): void {
	const schema = (SINGLETONS[kind] as Record<string, z.ZodType>)[name];
	if (!schema) throw new Error(`"${name}" is not a setting of ${kind} documents`);
	doc.getMap(SETTINGS).set(name, schema.parse(value));
}

/**
 * Writers stamp the version their records follow. It only ever rises, and a
 * document from a newer app is not written at all: its records may not fit ours.
 */
export function stampSchemaVersion(doc: Y.Doc): void {
	const meta = doc.getMap(META);
	const current = meta.get('schemaVersion');
	if (typeof current === 'number' && current > SCHEMA_VERSION) {
		throw new Error('This record was written by a newer version of Steady. Update the app to change it.');
	}
	if (current !== SCHEMA_VERSION) meta.set('schemaVersion', SCHEMA_VERSION);
}
