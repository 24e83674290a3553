import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countRequests, openMessages, type MessageAnswers } from './care-messages.ts';
import type { CareTeamMessage, MessageHandled, Outreach } from './records.ts';

const message = (id: string, topic: CareTeamMessage['topic'], at: string, deletedAt?: string): CareTeamMessage => ({
	id,
	topic,
	text: `message ${id}`,
	updatedAt: at,
	updatedBy: 'u-alex',
	...(deletedAt ? { deletedAt } : {})
});
const outreach = (id: string, at: string, deletedAt?: string): Outreach => ({
	id,
	channel: 'phone',
	outcome: 'reached',
	note: '',
	at,
	updatedAt: at,
	updatedBy: 'u-clinician',
	...(deletedAt ? { deletedAt } : {})
});
const handled = (id: string, messageId: string, at: string, deletedAt?: string): MessageHandled => ({
	id,
	messageId,
	updatedAt: at,
	updatedBy: 'u-clinician',
	...(deletedAt ? { deletedAt } : {})
});
const NONE: MessageAnswers = { outreach: [], handledMessages: [] };

describe('open messages', () => {
	const phone = message('m-phone', 'phone-session-request', '2026-03-10T14:00:00.000Z');
	const tech = message('m-tech', 'technical-trouble', '2026-03-10T13:00:00.000Z');

	it('every message is open until someone answers it, oldest first', () => {
		expect(openMessages([phone, tech], NONE).map((m) => m.id)).toEqual(['m-tech', 'm-phone']);
	});

	it('an outreach logged at or after a message answers it; one logged before does not', () => {
		expect(openMessages([phone, tech], { ...NONE, outreach: [outreach('o', '2026-03-10T13:30:00.000Z')] }).map((m) => m.id)).toEqual(['m-phone']);
		expect(openMessages([phone, tech], { ...NONE, outreach: [outreach('o', '2026-03-10T14:00:00.000Z')] })).toEqual([]);
	});

	it('a record naming the message answers it whatever its time (device clocks may disagree)', () => {
		expect(openMessages([phone, tech], { ...NONE, handledMessages: [handled('h', 'm-phone', '2026-03-01T00:00:00.000Z')] }).map((m) => m.id)).toEqual(['m-tech']);
	});

	it('removed messages, outreach and handled records do not count', () => {
		const removedMessage = message('m-gone', 'general', '2026-03-10T12:00:00.000Z', '2026-03-10T12:05:00.000Z');
		const answers = { outreach: [outreach('o', '2026-03-11T00:00:00.000Z', '2026-03-11T00:01:00.000Z')], handledMessages: [handled('h', 'm-phone', '2026-03-11T00:00:00.000Z', '2026-03-11T00:01:00.000Z')] };
		expect(openMessages([removedMessage, phone, tech], answers).map((m) => m.id)).toEqual(['m-tech', 'm-phone']);
	});

	it('counts open requests by topic', () => {
		expect(countRequests(openMessages([phone, tech, message('m-2', 'phone-session-request', '2026-03-10T15:00:00.000Z')], NONE))).toEqual({
			general: 0,
			'phone-session-request': 2,
			'technical-trouble': 1,
			'one-to-one': 0,
			total: 3
		});
	});

	const instant = fc.integer({ min: 0, max: 1000 }).map((m) => new Date(Date.UTC(2026, 2, 1) + m * 60_000).toISOString());
	const arbitraries = {
		messages: fc.uniqueArray(fc.record({ id: fc.constantFrom('a', 'b', 'c', 'd', 'e'), topic: fc.constantFrom('general' as const, 'phone-session-request' as const, 'technical-trouble' as const), at: instant }), { selector: (m) => m.id }),
		outreach: fc.array(instant, { maxLength: 3 }),
		handled: fc.array(fc.constantFrom('a', 'b', 'c', 'x'), { maxLength: 3 })
	};

	it('every device computes the same answer whatever order the records arrive in, and answering only closes', () => {
		fc.assert(
			fc.property(arbitraries.messages, arbitraries.outreach, arbitraries.handled, fc.boolean(), (ms, os, hs, reverse) => {
				const messages = ms.map((m) => message(m.id, m.topic, m.at));
				const answers = { outreach: os.map((at, i) => outreach(`o${i}`, at)), handledMessages: hs.map((id, i) => handled(`h${i}`, id, '2026-03-01T00:00:00.000Z')) };
				const order = <T>(list: T[]) => (reverse ? [...list].reverse() : list);
				const open = openMessages(messages, answers);
				expect(openMessages(order(messages), { outreach: order(answers.outreach), handledMessages: order(answers.handledMessages) })).toEqual(open);
				// one more answer never reopens a message
				const more = openMessages(messages, { ...answers, outreach: [...answers.outreach, outreach('late', '2026-03-02T00:00:00.000Z')] });
				expect(more.every((m) => open.includes(m))).toBe(true);
				for (const m of open) expect(hs).not.toContain(m.id);
			})
		);
	});
});
