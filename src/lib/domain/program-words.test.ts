import { describe, expect, it } from 'vitest';
import { dialable, policySentences } from './program-words.ts';
import { DEFAULT_POLICY } from './policy.ts';

describe('the program in plain words', () => {
	it('the default policy reads as its numbers', () => {
		const words = policySentences(DEFAULT_POLICY).join(' ');
		expect(words).toContain('more than 10 minutes after the start counts as late');
		expect(words).toContain('at least 75% of a session');
		expect(words).toContain('at least 24 hours ahead');
		expect(words).toContain('within 7 days');
	});

	it('a program’s own numbers replace the defaults, in the singular where it fits', () => {
		const words = policySentences({ ...DEFAULT_POLICY, lateCancellationHours: 1, makeupDueDays: 1, presentFraction: 0.8 }).join(' ');
		expect(words).toContain('at least 1 hour ahead');
		expect(words).toContain('within 1 day');
		expect(words).toContain('at least 80%');
	});
});

describe('the backup phone', () => {
	it('keeps the plus and the digits for a tel: link', () => {
		expect(dialable('+1 555 0100')).toBe('+15550100');
		expect(dialable('(555) 010-0199')).toBe('5550100199');
	});

	it('an empty or unusable number gives no link', () => {
		expect(dialable('')).toBeNull();
		expect(dialable('call us')).toBeNull();
	});
});
