import { describe, expect, it } from 'vitest';
import { dateWords, hoursPlanWords, sessionWords } from './words.ts';

describe('a session in words', () => {
	const groups = [{ id: 'evening', name: 'Evening Recovery Group' }];

	it('names the group and the date the session was scheduled on', () => {
		expect(sessionWords('evening@2026-03-02', groups)).toBe('Evening Recovery Group, Monday 2 March');
	});

	it('says "Your group" for a group since removed, and nothing for what is not a session', () => {
		expect(sessionWords('morning@2026-03-04', groups)).toBe('Your group, Wednesday 4 March');
		expect(sessionWords('general', groups)).toBeNull();
		expect(sessionWords('n-01HZX', groups)).toBeNull();
	});

	it('a calendar date reads the same in every device zone', () => {
		expect(dateWords('2026-03-02')).toBe('Monday 2 March');
		expect(dateWords('2026-03-02', 'd MMM')).toBe('2 Mar');
	});
});

describe('a weekly hours plan in words', () => {
	it('says the care team\'s own plan, or that the track\'s range applies', () => {
		expect(hoursPlanWords({ min: 12, max: 19, own: true }, 'adult')).toBe('plan 12 hours a week');
		expect(hoursPlanWords({ min: 6, max: 19, own: false }, 'adolescent')).toBe("no plan set: the adolescent track's 6 to 19 hours a week");
	});
});
