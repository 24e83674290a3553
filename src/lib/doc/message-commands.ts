/** A participant's messages to the care team (self document `messages`). */
import type * as Y from 'yjs';
import { ulid } from 'ulid';
import type { Instant } from '../domain/ids.ts';
import type { CareTeamMessage } from '../domain/records.ts';
import { putRecord, stampSchemaVersion } from './codec.ts';
import { LOCAL_ORIGIN } from './commands.ts';

export type MessageInput = Pick<CareTeamMessage, 'topic' | 'text'> & { at: Instant; by: string };

/** Sends a message to the care team; returns its id. */
export function sendCareTeamMessage(self: Y.Doc, input: MessageInput): string {
	const id = ulid();
	self.transact(() => {
		stampSchemaVersion(self);
		putRecord(self, 'self', 'messages', { id, updatedAt: input.at, updatedBy: input.by, topic: input.topic, text: input.text.trim() });
	}, LOCAL_ORIGIN);
	return id;
}
