import { describe, expect, it } from 'vitest';
import { eventWords, whoWords } from './audit-words.ts';

describe('audit words', () => {
	it('names damaged storage plainly and leaves other event codes as they are', () => {
		expect(eventWords('storage-damaged')).toBe('Stored data damaged; moved aside; the rest is served');
		expect(eventWords('sign-in')).toBeNull();
	});

	it('a row without a user is the system’s', () => {
		expect(whoWords(null)).toBe('System');
		expect(whoWords(undefined)).toBe('System');
		expect(whoWords('u-admin')).toBe('u-admin');
	});
});
