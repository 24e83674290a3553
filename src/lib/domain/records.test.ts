import { describe, expect, it } from 'vitest';
import { Group, MakeupCatalogItem } from './records.ts';

const group = {
	id: 'evening',
	updatedAt: '2026-01-01T00:00:00.000Z',
	updatedBy: 'u-admin',
	name: 'Evening Recovery Group',
	facilitator: 'Dr. Rivera',
	weekdays: [1],
	startTime: '18:00',
	durationMinutes: 180,
	startsOn: '2026-01-05'
};

describe('links people open from the app', () => {
	it('a video link must be https: a javascript: link from a staff device is refused', () => {
		expect(Group.safeParse({ ...group, videoLink: 'https://meet.example.org/evening' }).success).toBe(true);
		for (const videoLink of ['javascript:alert(1)', 'http://meet.example.org/evening', 'data:text/html,hi']) {
			const result = Group.safeParse({ ...group, videoLink });
			expect(result.success, videoLink).toBe(false);
			expect(result.error?.issues[0]?.message).toBe('a link must start with https://');
		}
	});

	it('a make-up recording link must be https too', () => {
		const item = { id: 'r', updatedAt: group.updatedAt, updatedBy: 'u-admin', kind: 'recording', title: 'Recap' };
		expect(MakeupCatalogItem.safeParse({ ...item, url: 'javascript:void(0)' }).success).toBe(false);
		expect(MakeupCatalogItem.safeParse({ ...item, url: 'https://videos.example.org/r' }).success).toBe(true);
	});
});
