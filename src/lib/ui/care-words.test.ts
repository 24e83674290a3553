import { describe, expect, it } from 'vitest';
import { requestWords } from './care-words.ts';

describe('request words', () => {
	it('names open requests plainly, phone sessions and technical trouble first, with a count when more than one', () => {
		expect(requestWords({ general: 0, 'phone-session-request': 0, 'technical-trouble': 0, 'one-to-one': 0, total: 0 })).toBe('None');
		expect(requestWords({ general: 1, 'phone-session-request': 1, 'technical-trouble': 2, 'one-to-one': 0, total: 4 })).toBe('Phone session requested, Technical trouble (2), Message');
		expect(requestWords({ general: 0, 'phone-session-request': 0, 'technical-trouble': 0, 'one-to-one': 2, total: 2 })).toBe('One-to-one make-up requested (2)');
	});
});
