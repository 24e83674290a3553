import { describe, expect, it } from 'vitest';
import { DEFAULT_POLICY, DEFAULT_RISK_RULES } from './policy.ts';
import type { Group } from './records.ts';
import { AssignmentForm, checkForm, exceptionForm, GroupForm, MakeupItemForm, PolicyForm, ProgramInfoForm, RiskRulesForm } from './program-forms.ts';

const groupInput = {
	name: 'Evening Recovery Group',
	facilitator: 'Dr. Sam Okafor',
	weekdays: [1, 2, 4],
	startTime: '18:00',
	durationMinutes: '180',
	videoLink: 'https://meet.example.org/evening',
	startsOn: '2026-03-02',
	endsOn: ''
};

const EVENING: Group = {
	id: 'evening',
	updatedAt: '2026-03-01T00:00:00.000Z',
	updatedBy: 'u-admin',
	name: 'Evening Recovery Group',
	facilitator: 'Dr. Sam Okafor',
	weekdays: [1, 2, 4],
	startTime: '18:00',
	durationMinutes: 180,
	videoLink: 'https://meet.example.org/evening',
	startsOn: '2026-03-02'
};

describe('the group form', () => {
	it('turns a filled form into a group’s fields', () => {
		expect(checkForm(GroupForm, groupInput)).toEqual({ ok: true, value: { ...groupInput, durationMinutes: 180, endsOn: undefined } });
	});

	it('names each field at fault and how to fix it', () => {
		const result = checkForm(GroupForm, {
			...groupInput,
			name: ' ',
			weekdays: [],
			startTime: '6pm',
			durationMinutes: '2',
			videoLink: 'javascript:alert(1)',
			startsOn: ''
		});
		expect(result).toEqual({
			ok: false,
			errors: {
				name: 'Name is required.',
				weekdays: 'Pick at least one weekday.',
				startTime: 'Start time: use a 24-hour time such as 18:00.',
				durationMinutes: 'Duration must be a whole number from 5 to 720.',
				videoLink: 'Video link must be a full link starting with https://',
				startsOn: 'Starts on: pick a date.'
			}
		});
	});

	it('a plain http video link is refused: links are https only', () => {
		expect(checkForm(GroupForm, { ...groupInput, videoLink: 'http://meet.example.org/x' })).toMatchObject({ ok: false, errors: { videoLink: expect.any(String) } });
	});

	it('an end date before the start is refused on the end date', () => {
		expect(checkForm(GroupForm, { ...groupInput, endsOn: '2026-03-01' })).toEqual({ ok: false, errors: { endsOn: 'Ends on must be on or after the start date.' } });
	});
});

describe('the exception form', () => {
	const base = { groupId: 'evening', kind: 'cancelled', reason: 'Holiday', newDate: '', newTime: '', durationMinutes: '' };

	it('cancels a session on one of the group’s days', () => {
		// 2026-03-09 is a Monday
		expect(checkForm(exceptionForm([EVENING]), { ...base, date: '2026-03-09' }).ok).toBe(true);
	});

	it('refuses a date the group does not meet on, naming the group', () => {
		// 2026-03-11 is a Wednesday
		expect(checkForm(exceptionForm([EVENING]), { ...base, date: '2026-03-11' })).toEqual({
			ok: false,
			errors: { date: 'Evening Recovery Group does not meet on that day: pick one of its session dates.' }
		});
	});

	it('a move takes its duration as the number field gives it', () => {
		const moved = { ...base, kind: 'moved', date: '2026-03-09', newDate: '2026-03-11', newTime: '19:00', durationMinutes: 120 };
		expect(checkForm(exceptionForm([EVENING]), moved)).toMatchObject({ ok: true, value: { durationMinutes: '120' } });
		expect(checkForm(exceptionForm([EVENING]), { ...moved, durationMinutes: null })).toEqual({
			ok: false,
			errors: { durationMinutes: 'Duration must be a whole number from 5 to 720.' }
		});
	});

	it('a move needs its new date, time and duration', () => {
		expect(checkForm(exceptionForm([EVENING]), { ...base, kind: 'moved', date: '2026-03-09', newTime: '25:00', durationMinutes: 'x' })).toEqual({
			ok: false,
			errors: {
				newDate: 'New date: pick a date.',
				newTime: 'New time: use a 24-hour time such as 18:00.',
				durationMinutes: 'Duration must be a whole number from 5 to 720.'
			}
		});
	});
});

describe('the policy and risk rule forms', () => {
	const policyInput = { ...DEFAULT_POLICY, presentPercent: '75' } as Record<string, unknown>;
	delete policyInput.presentFraction;

	it('the default numbers pass through the form unchanged (present as a percentage)', () => {
		expect(checkForm(PolicyForm, policyInput)).toEqual({ ok: true, value: DEFAULT_POLICY });
	});

	it('a weekly maximum under the minimum is refused on the maximum', () => {
		expect(checkForm(PolicyForm, { ...policyInput, weeklyHoursMin: '20', weeklyHoursMax: '19' })).toEqual({
			ok: false,
			errors: { weeklyHoursMax: 'The weekly maximum must be at least the minimum.' }
		});
	});

	it('an emptied number field is not taken as zero', () => {
		expect(checkForm(PolicyForm, { ...policyInput, lateAfterMinutes: null })).toEqual({ ok: false, errors: { lateAfterMinutes: 'Late after must be a number.' } });
		expect(checkForm(PolicyForm, { ...policyInput, billableDailyMinutes: '' })).toEqual({
			ok: false,
			errors: { billableDailyMinutes: 'Billable day must be a number.' }
		});
	});

	it('a number out of range says the range', () => {
		expect(checkForm(PolicyForm, { ...policyInput, lateAfterMinutes: '-1' })).toEqual({
			ok: false,
			errors: { lateAfterMinutes: 'Late after must be a whole number from 0 to 240.' }
		});
	});

	it('the default risk rules pass through the form unchanged', () => {
		const { lowAttendance, ...rest } = DEFAULT_RISK_RULES;
		const input = { ...structuredClone(rest), lowAttendance: { enabled: lowAttendance.enabled, days: lowAttendance.days, minSessions: lowAttendance.minSessions, belowPercent: '75' } };
		expect(checkForm(RiskRulesForm, input)).toEqual({ ok: true, value: DEFAULT_RISK_RULES });
	});

	it('a risk rule’s bad number is named by its path', () => {
		const input = { ...structuredClone(DEFAULT_RISK_RULES), lowAttendance: { enabled: true, days: 14, minSessions: 3, belowPercent: '120' } };
		expect(checkForm(RiskRulesForm, input)).toEqual({ ok: false, errors: { 'lowAttendance.belowPercent': 'Attendance below must be from 0 to 100.' } });
	});
});

describe('catalogs and program info', () => {
	it('a make-up item’s link is https or empty; an empty group means every group', () => {
		expect(checkForm(MakeupItemForm, { kind: 'recap', title: 'Recap', url: '', groupId: '' })).toEqual({
			ok: true,
			value: { kind: 'recap', title: 'Recap', url: undefined, groupId: undefined }
		});
		expect(checkForm(MakeupItemForm, { kind: 'recording', title: 'Rec', url: 'ftp://x', groupId: 'evening' })).toEqual({
			ok: false,
			errors: { url: 'Link must be a full link starting with https://, or empty.' }
		});
	});

	it('an assignment needs a title', () => {
		expect(checkForm(AssignmentForm, { kind: 'dbt-diary-card', title: '', instructions: '' })).toEqual({ ok: false, errors: { title: 'Title is required.' } });
	});

	it('the backup phone is a phone number', () => {
		expect(checkForm(ProgramInfoForm, { backupPhone: '+1 555 0100', orientation: '', techHelp: '' }).ok).toBe(true);
		expect(checkForm(ProgramInfoForm, { backupPhone: 'call us', orientation: '', techHelp: '' })).toMatchObject({
			ok: false,
			errors: { backupPhone: 'Backup phone: use digits, spaces, brackets or dashes, with an optional + in front (7 to 30 characters).' }
		});
	});
});
