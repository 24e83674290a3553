import { describe, expect, it } from 'vitest';
import { participantStanding, programContext } from './caseload.ts';
import { demoProgram, enrolledAlex } from './caseload-fixtures.test-support.ts';
import { DEFAULT_POLICY } from './policy.ts';
import { recordTimeline, type TimelineInput } from './record-timeline.ts';

const NOW = '2026-03-10T12:00:00.000Z'; // Tuesday 08:00 in New York
const STAMP = { updatedBy: 'u-clinician' };

function input(): TimelineInput {
	const context = programContext(demoProgram(), '2026-03-02', NOW);
	const standing = participantStanding(
		context,
		enrolledAlex({
			presence: [
				{ id: 'j', occurrenceId: 'evening@2026-03-02', type: 'join', at: '2026-03-02T23:00:00.000Z' },
				{ id: 'l', occurrenceId: 'evening@2026-03-02', type: 'leave', at: '2026-03-03T02:00:00.000Z' }
			]
		}),
		NOW
	)!;
	return {
		sessions: standing.sessions,
		makeups: standing.makeups,
		notices: [],
		surveys: [{ id: 's', kind: 'phq9', items: [1, 1, 1, 1, 1, 1, 1, 1, 1], updatedAt: '2026-03-06T00:00:00.000Z', updatedBy: 'u-alex' }],
		work: [],
		annotations: [
			{ id: 'a1', target: 'evening@2026-03-02', text: 'Shared a lot today.', updatedAt: '2026-03-03T03:00:00.000Z', ...STAMP },
			{ id: 'a2', target: 'general', text: 'Doing well overall.', updatedAt: '2026-03-07T03:00:00.000Z', ...STAMP }
		],
		privateNotes: [{ id: 'n1', target: 'evening@2026-03-02', text: 'Ask about sleep.', updatedAt: '2026-03-03T04:00:00.000Z', ...STAMP }],
		outreach: [{ id: 'o1', channel: 'phone', outcome: 'reached', note: '', at: '2026-03-06T15:00:00.000Z', updatedAt: '2026-03-06T15:00:00.000Z', ...STAMP }],
		leaves: [],
		adjustments: [],
		levelOfCare: [],
		messages: [],
		handledMessages: [],
		timeZone: 'America/New_York',
		policy: DEFAULT_POLICY,
		now: NOW
	};
}

describe('record timeline', () => {
	it('lists past sessions with their three facts and notes, newest first, among surveys, notes and interventions', () => {
		const timeline = recordTimeline(input());
		expect(timeline.map((e) => e.kind)).toEqual(['session', 'note', 'intervention', 'survey', 'session', 'session', 'session']);
		const first = timeline.at(-1)!;
		if (first.kind !== 'session') throw new Error('expected a session');
		expect(first.session.result.attendance.status).toBe('present');
		expect(first.billable).toBe(true);
		expect(first.session.result.excused).toBeNull();
		expect(first.notes.map((n) => [n.text, n.visibility])).toEqual([
			['Shared a lot today.', 'shared'],
			['Ask about sleep.', 'private']
		]);
		const missed = timeline[4]!;
		if (missed.kind !== 'session') throw new Error('expected a session');
		expect(missed.billable).toBe(false);
		expect(missed.makeup?.status).toBe('owed');
	});

	it('notes carry their author’s name where it was written with them, and none for older notes', () => {
		const base = input();
		const named = { ...base, annotations: base.annotations.map((a) => (a.id === 'a2' ? { ...a, updatedByName: 'Dana Clinician' } : a)) };
		const notes = recordTimeline(named).flatMap((e) => (e.kind === 'note' ? [e.note] : e.kind === 'session' ? e.notes : []));
		expect(notes.map((n) => [n.id, n.byName])).toEqual([
			['a2', 'Dana Clinician'],
			['a1', null],
			['n1', null]
		]);
	});

	it('gives submitted work its answers in words, and leaves drafts off the record', () => {
		const work = [
			{ id: 'w1', templateId: 't', kind: 'cbt-thought-record' as const, fields: { situation: 'My manager frowned' }, submittedAt: '2026-03-08T15:00:00.000Z', updatedAt: '2026-03-08T15:00:00.000Z', updatedBy: 'u-alex' },
			{ id: 'w2', templateId: 't', kind: 'cbt-thought-record' as const, fields: { situation: 'Still writing' }, updatedAt: '2026-03-09T15:00:00.000Z', updatedBy: 'u-alex' }
		];
		const shown = recordTimeline({ ...input(), work }).filter((e) => e.kind === 'work');
		expect(shown).toHaveLength(1);
		expect(shown[0]?.kind === 'work' && shown[0].answers).toEqual([{ section: expect.any(String), label: 'What happened? Where, when, who with?', value: 'My manager frowned' }]);
	});

	it('names the absence notice a note answers', () => {
		const notice = { id: 'n-1', occurrenceId: 'evening@2026-03-12', reason: 'illness' as const, note: '', givenAt: '2026-03-09T15:00:00.000Z', updatedAt: '2026-03-09T15:00:00.000Z', updatedBy: 'u-alex' };
		const annotations = [...input().annotations, { id: 'a3', target: 'n-1', text: 'Rest up.', updatedAt: '2026-03-09T16:00:00.000Z', ...STAMP }];
		const notes = recordTimeline({ ...input(), notices: [notice], annotations }).filter((e) => e.kind === 'note');
		expect(notes.map((e) => e.kind === 'note' && [e.note.id, e.notice?.id ?? null])).toEqual([
			['a3', 'n-1'],
			['a2', null]
		]);
	});

	it('scores screenings and marks the urgent answer', () => {
		const survey = recordTimeline(input()).find((e) => e.kind === 'survey');
		expect(survey).toMatchObject({ score: { score: 9, band: 'mild' }, urgent: true });
	});

	it('shows messages to the care team, answered by a later outreach or a record naming them', () => {
		const messages = [
			{ id: 'm1', topic: 'technical-trouble' as const, text: 'Video froze', updatedAt: '2026-03-05T15:00:00.000Z', updatedBy: 'u-alex' },
			{ id: 'm2', topic: 'phone-session-request' as const, text: 'Call me', updatedAt: '2026-03-07T15:00:00.000Z', updatedBy: 'u-alex' },
			{ id: 'm3', topic: 'general' as const, text: 'Thanks', updatedAt: '2026-03-08T15:00:00.000Z', updatedBy: 'u-alex' }
		];
		const handledMessages = [{ id: 'h1', messageId: 'm3', updatedAt: '2026-03-08T16:00:00.000Z', ...STAMP }];
		const shown = recordTimeline({ ...input(), messages, handledMessages }).filter((e) => e.kind === 'message');
		expect(shown.map((e) => e.kind === 'message' && [e.message.id, e.answered])).toEqual([
			['m3', true],
			['m2', false],
			['m1', true]
		]);
	});
});
