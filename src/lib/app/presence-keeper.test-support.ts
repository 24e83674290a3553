/** Test only: Alex's phone keeping presence in their self document. */
import type * as Y from 'yjs';
import { Awareness } from 'y-protocols/awareness';
import { memoryStorage } from './memory-storage.test-support.ts';
import { PresenceKeeper, type PresenceKeeperOptions } from './presence-keeper.ts';

export function alexPhone(self: Y.Doc, options: Partial<Pick<PresenceKeeperOptions, 'awareness' | 'clock' | 'storage'>> = {}): PresenceKeeper {
	return new PresenceKeeper({ self, awareness: new Awareness(self), participantId: 'alex', deviceId: 'phone', storage: memoryStorage(), ...options });
}
