import { describe, expect, it } from 'vitest';
import { caseloadRow, programContext, type CaseloadRow } from './caseload.ts';
import { filterRows, sortRows } from './caseload-view.ts';
import { demoProgram, participantWithHistory } from './caseload-fixtures.test-support.ts';

const NOW = '2026-03-13T12:00:00.000Z';
const context = programContext(demoProgram(), '2026-01-01', NOW);
const rows = [0, 1, 2, 3, 4, 5].map((i) => caseloadRow(context, participantWithHistory(i, NOW, 60), NOW)).filter((r): r is CaseloadRow => r !== null);

describe('caseload view', () => {
	it('sorts by 14-day attendance both ways, each the reverse of the other for distinct rates', () => {
		const up = sortRows(rows, 'attendance14', 'ascending').map((r) => r.attendance14.rate);
		expect(up).toEqual([...up].sort((a, b) => (a ?? 2) - (b ?? 2)));
		const down = sortRows(rows, 'attendance14', 'descending').map((r) => r.attendance14.rate);
		expect(down).toEqual([...down].sort((a, b) => (b ?? -1) - (a ?? -1)));
	});

	it('sorts urgent rows above any count of other flags', () => {
		const calm = rows.map((r) => ({ ...r, urgent: false, flags: { active: r.flags.active.filter((f) => !f.urgent), addressed: [] } }));
		const urgentFlag = rows.flatMap((r) => r.flags.active).find((f) => f.urgent) ?? { kind: 'urgent-survey' as const, urgent: true, explanation: '', occurrenceIds: [], raisedAt: NOW };
		const urgent = { ...rows[0]!, displayName: 'Zed', urgent: true, flags: { active: [urgentFlag], addressed: [] } };
		expect(Math.max(...calm.map((r) => r.flags.active.length))).toBeGreaterThan(1);
		const sorted = sortRows([...calm, urgent], 'flags', 'descending');
		expect(sorted[0]?.displayName).toBe('Zed');
	});

	it('sorts by hours this week against each participant\'s own target, a target of 0 last', () => {
		const at = (id: string, hoursThisWeek: number, weeklyHoursTarget: number) => ({ ...rows[0]!, participantId: id, hoursThisWeek, weeklyHoursTarget });
		const sorted = sortRows([at('half-of-12', 6, 12), at('none', 6, 0), at('two-thirds-of-9', 6, 9)], 'hours', 'ascending');
		expect(sorted.map((r) => r.participantId)).toEqual(['half-of-12', 'two-thirds-of-9', 'none']);
	});

	it('filters by flagged, group and clinician', () => {
		expect(filterRows(rows, { flaggedOnly: false, requestsOnly: false, groupId: 'evening', clinician: '' }).every((r) => r.groupIds.includes('evening'))).toBe(true);
		expect(filterRows(rows, { flaggedOnly: false, requestsOnly: false, groupId: '', clinician: 'Jordan Lee, LCSW' }).map((r) => r.participantId)).toEqual(['p1', 'p3', 'p5']);
		expect(filterRows(rows, { flaggedOnly: true, requestsOnly: false, groupId: '', clinician: '' }).every((r) => r.flags.active.length > 0)).toBe(true);
	});

	it('puts participants with open requests first, and can show only them', () => {
		const none = { general: 0, 'phone-session-request': 0, 'technical-trouble': 0, 'one-to-one': 0, total: 0 };
		const calm = rows.map((r) => ({ ...r, requests: none }));
		const asking = { ...rows[0]!, participantId: 'asking', displayName: 'Zed', requests: { ...none, 'phone-session-request': 1, total: 1 } };
		expect(sortRows([...calm, asking], 'requests', 'descending')[0]?.participantId).toBe('asking');
		expect(filterRows([...calm, asking], { flaggedOnly: false, requestsOnly: true, groupId: '', clinician: '' }).map((r) => r.participantId)).toEqual(['asking']);
	});
});
