import { describe, expect, it } from 'vitest';
import { CaseloadCache } from './caseload-cache.ts';
import { caseloadRow, programContext, type ParticipantData } from './caseload.ts';
import { demoProgram, enrolledAlex, participantWithHistory } from './caseload-fixtures.test-support.ts';

const NOW = '2026-03-13T12:00:00.000Z'; // Friday 08:00 in New York

function withHistory(): ParticipantData {
	return participantWithHistory(0, NOW, 28);
}

/** Alex with one session's worth of presence and a PHQ-9. */
function alex(): ParticipantData {
	return enrolledAlex({
		presence: [
			// Thursday 2026-03-12 18:00-21:00 EDT is 22:00-01:00 UTC
			{ id: 'j', occurrenceId: 'evening@2026-03-12', type: 'join', at: '2026-03-12T22:00:00.000Z' },
			{ id: 'l', occurrenceId: 'evening@2026-03-12', type: 'leave', at: '2026-03-13T01:00:00.000Z' }
		],
		surveys: [{ id: 's', kind: 'phq9', items: [2, 2, 2, 1, 1, 1, 1, 1, 0], updatedAt: '2026-03-13T01:10:00.000Z', updatedBy: 'u-alex' }]
	});
}

describe('caseload row', () => {
	it('shows attendance over 14 days and overall, hours this week, make-ups, scores and flags', () => {
		const context = programContext(demoProgram(), '2026-03-02', NOW);
		const row = caseloadRow(context, alex(), NOW)!;
		// evening: Mon 2, Tue 3, Thu 5, Mon 9, Tue 10, Thu 12; only the last attended
		expect(row.attendanceOverall).toMatchObject({ sessions: 6, attendedMinutes: 180, scheduledMinutes: 1080 });
		expect(row.attendance14.sessions).toBe(6);
		expect(row.hoursThisWeek).toBe(3);
		expect(row.weeklyHoursTarget).toBe(9);
		expect(row.makeupsOwed).toBe(5);
		expect(row.makeupsOverdue).toBe(3); // due 7 days after: Mar 2, 3, 5 are past due on Mar 13
		expect(row.phq9).toMatchObject({ score: 11, band: 'moderate', urgent: false });
		expect(row.gad7).toBeNull();
		expect(row.clinicians).toEqual(['Dr. Sam Okafor']);
		expect(row.flags.active.map((f) => f.kind)).toEqual(['missed-of-recent', 'low-attendance', 'unexcused-absences', 'makeups-overdue', 'hours-under-plan']);
		expect(row.urgent).toBe(false);
	});

	it('without a plan of their own, a participant is held to their track\'s minimum, as their progress page says', () => {
		const context = programContext(demoProgram(), '2026-03-02', NOW);
		const withPlan = (track: 'adult' | 'adolescent', plannedWeeklyHours: number): ParticipantData => {
			const base = alex();
			return { ...base, care: { ...base.care!, enrollment: { ...base.care!.enrollment!, track, plannedWeeklyHours } } };
		};
		const adult = caseloadRow(context, withPlan('adult', 0), NOW)!;
		expect(adult.weeklyHoursTarget).toBe(9);
		// last week (Mar 2-8) had no attended hours: under the track's 9, as under any plan
		expect(adult.flags.active.find((f) => f.kind === 'hours-under-plan')?.explanation).toBe('0 h attended in the week of 2026-03-02; the plan is 9 h.');
		expect(caseloadRow(context, withPlan('adolescent', 0), NOW)!.weeklyHoursTarget).toBe(6);
		expect(caseloadRow(context, withPlan('adult', 12), NOW)!.weeklyHoursTarget).toBe(12);
	});

	it('a PHQ-9 item 9 answer makes the row urgent; outreach logged afterwards addresses it', () => {
		const context = programContext(demoProgram(), '2026-03-02', NOW);
		const base = alex();
		const risky: ParticipantData = { ...base, self: { ...base.self!, surveys: [{ id: 's2', kind: 'phq9', items: [0, 0, 0, 0, 0, 0, 0, 0, 1], updatedAt: '2026-03-13T11:00:00.000Z', updatedBy: 'u-alex' }] } };
		expect(caseloadRow(context, risky, NOW)!.urgent).toBe(true);
		const reached: ParticipantData = {
			...risky,
			care: { ...risky.care!, outreach: [{ id: 'o', updatedAt: '2026-03-13T11:30:00.000Z', updatedBy: 'u-c', channel: 'phone', outcome: 'reached', note: '', at: '2026-03-13T11:30:00.000Z' }] }
		};
		const row = caseloadRow(context, reached, NOW)!;
		expect(row.urgent).toBe(false);
		expect(row.flags.addressed.map((f) => f.kind)).toContain('urgent-survey');
	});

	it('counts the messages to the care team that no one has answered yet', () => {
		const context = programContext(demoProgram(), '2026-03-02', NOW);
		const base = alex();
		const asking: ParticipantData = {
			...base,
			self: { ...base.self!, messages: [{ id: 'm1', topic: 'phone-session-request', text: 'Call me', updatedAt: '2026-03-13T11:00:00.000Z', updatedBy: 'u-alex' }] }
		};
		expect(caseloadRow(context, asking, NOW)!.requests).toEqual({ general: 0, 'phone-session-request': 1, 'technical-trouble': 0, 'one-to-one': 0, total: 1 });
		const handled: ParticipantData = { ...asking, care: { ...asking.care!, handledMessages: [{ id: 'h', messageId: 'm1', updatedAt: '2026-03-13T11:10:00.000Z', updatedBy: 'u-c' }] } };
		expect(caseloadRow(context, handled, NOW)!.requests.total).toBe(0);
	});

	it('counts a one-to-one make-up the participant asked for as an open request until a record names it', () => {
		const oneToOne = { id: 'one', updatedAt: '2026-03-01T00:00:00.000Z', updatedBy: 'u-admin', kind: 'one-to-one' as const, title: 'One-to-one' };
		const context = programContext({ ...demoProgram(), catalog: [oneToOne] }, '2026-03-02', NOW);
		const base = alex();
		const requestedAt = '2026-03-11T14:00:00.000Z';
		const asking: ParticipantData = {
			...base,
			self: { ...base.self!, makeupProgress: [{ id: 'p1', occurrenceId: 'evening@2026-03-10', catalogItemId: 'one', requestedAt, updatedAt: requestedAt, updatedBy: 'u-alex' }] }
		};
		expect(caseloadRow(context, asking, NOW)!.requests).toEqual({ general: 0, 'phone-session-request': 0, 'technical-trouble': 0, 'one-to-one': 1, total: 1 });
		const answer = { id: 'h', occurrenceId: 'evening@2026-03-10', catalogItemId: 'one', requestedAt, updatedAt: '2026-03-11T15:00:00.000Z', updatedBy: 'u-c' };
		const answered: ParticipantData = { ...asking, care: { ...asking.care!, handledMakeupRequests: [answer] } };
		expect(caseloadRow(context, answered, NOW)!.requests.total).toBe(0);
	});

	it('a participant with no enrollment has no row', () => {
		const context = programContext(demoProgram(), '2026-03-02', NOW);
		expect(caseloadRow(context, { id: 'x', displayName: 'X', care: null, self: null }, NOW)).toBeNull();
	});
});

describe('caseload cache', () => {
	it('recomputes only the participant that changed and gives the same rows as computing afresh', () => {
		const cache = new CaseloadCache(NOW);
		cache.setProgram(demoProgram());
		const others = [1, 2, 3].map((i) => participantWithHistory(i, NOW, 28));
		for (const p of [withHistory(), ...others]) cache.setParticipant(p);
		const before = others.map((p) => cache.row(p.id));
		const changed = alex();
		cache.setParticipant(changed);
		// untouched rows are the very same objects: nothing was recomputed for them
		others.forEach((p, i) => expect(cache.row(p.id)).toBe(before[i]));
		const fresh = caseloadRow(programContext(demoProgram(), '2026-02-13', NOW), changed, NOW);
		expect(cache.row('alex')).toEqual(fresh);
		expect(cache.rows.map((r) => r.participantId).sort()).toEqual(['alex', 'p0', 'p1', 'p2', 'p3']);
	});

	it('a participant who started before the expanded schedule gets their whole history', () => {
		const cache = new CaseloadCache(NOW);
		cache.setProgram(demoProgram());
		cache.setParticipant(alex());
		const before = cache.row('alex');
		const old = participantWithHistory(7, NOW, 120);
		cache.setParticipant(old);
		expect(cache.row('p7')!.attendanceOverall.sessions).toBeGreaterThan(45);
		// the others were made stale by the wider schedule and come back the same
		expect(cache.computeStale(() => false)).toBe(false);
		expect(cache.row('alex')).toEqual(before);
	});

	it('after time moves on, stale rows keep showing until recomputed in slices, then match a fresh computation', () => {
		const cache = new CaseloadCache(NOW);
		cache.setProgram(demoProgram());
		const people = [1, 2, 3, 4].map((i) => participantWithHistory(i, NOW, 28));
		for (const p of people) cache.setParticipant(p);
		const before = cache.row('p1');
		const later = '2026-03-20T12:00:00.000Z';
		cache.markStale(later);
		expect(cache.row('p1')).toBe(before);
		let budget = 2;
		expect(cache.computeStale(() => budget-- <= 0)).toBe(true);
		expect(cache.computeStale(() => false)).toBe(false);
		const fresh = new CaseloadCache(later);
		fresh.setProgram(demoProgram());
		for (const p of people) fresh.setParticipant(p);
		expect(cache.rows).toEqual(fresh.rows);
		expect(cache.row('p1')).not.toEqual(before);
	});
});
