/** The private document (clinicians' notes) as validated plain data, like read.ts does for the others. */
import type * as Y from 'yjs';
import { forReading } from './migrate.ts';
import { readDocument, type ValidationMemo } from './read.ts';

export const readPrivate = (doc: Y.Doc, memo?: ValidationMemo) => readDocument(forReading(doc, 'private'), 'private', memo);
