import { describe, it, expect } from 'vitest';
import type { Enrollment, Group, Leave, ScheduleAdjustment, SessionException } from './records.ts';
import { addDays, expandSchedule, isoWeekday, isoWeekStart, localDateOf, participantSchedule, zonedInstant } from './schedule.ts';

const NY = 'America/New_York';
const STAMP = { updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'admin' };

function group(overrides: Partial<Group> = {}): Group {
	return {
		id: 'evening',
		...STAMP,
		name: 'Evening process group',
		facilitator: 'Dr. Rivera',
		weekdays: [1, 2, 4], // Mon, Tue, Thu
		startTime: '18:00',
		durationMinutes: 180,
		videoLink: 'https://video.example/evening',
		startsOn: '2026-01-05',
		...overrides
	};
}

const range = (from: string, to: string) => ({ from: `${from}T00:00:00.000Z`, to: `${to}T00:00:00.000Z` });

describe('local calendar helpers', () => {
	it('numbers weekdays the ISO way: 2026-03-09 is a Monday (1), 2026-03-08 a Sunday (7)', () => {
		expect(isoWeekday('2026-03-09')).toBe(1);
		expect(isoWeekday('2026-03-08')).toBe(7);
		expect(isoWeekStart('2026-03-08')).toBe('2026-03-02');
	});

	it('adds days across month and year ends', () => {
		expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
		expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
	});

	it('reads the local date of an instant in the program zone, not in UTC', () => {
		expect(localDateOf('2026-03-10T03:30:00.000Z', NY)).toBe('2026-03-09');
	});

	it('a start time in the spring-forward gap (2:30 am) moves forward to 3:30 am EDT', () => {
		expect(zonedInstant('2026-03-08', '02:30', NY)).toBe('2026-03-08T07:30:00.000Z');
	});
});

describe('expandSchedule across daylight-saving changes', () => {
	it('a 6 pm group stays at 6 pm local when clocks spring forward on 2026-03-08, so its UTC start moves an hour earlier', () => {
		const starts = expandSchedule([group()], [], NY, range('2026-03-05', '2026-03-11')).map((o) => [o.localDate, o.start]);
		expect(starts).toEqual([
			['2026-03-05', '2026-03-05T23:00:00.000Z'], // Thu, EST (UTC-5)
			['2026-03-09', '2026-03-09T22:00:00.000Z'], // Mon, EDT (UTC-4)
			['2026-03-10', '2026-03-10T22:00:00.000Z']
		]);
	});

	it('a 6 pm group stays at 6 pm local when clocks fall back on 2026-11-01, so its UTC start moves an hour later', () => {
		const starts = expandSchedule([group()], [], NY, range('2026-10-29', '2026-11-03')).map((o) => [o.localDate, o.start]);
		expect(starts).toEqual([
			['2026-10-29', '2026-10-29T22:00:00.000Z'], // Thu, EDT
			['2026-11-02', '2026-11-02T23:00:00.000Z'] // Mon, EST
		]);
	});

	it('the end is start plus duration in real time, with id <groupId>@<local date>', () => {
		const [first] = expandSchedule([group()], [], NY, range('2026-03-09', '2026-03-10'));
		expect(first).toMatchObject({
			id: 'evening@2026-03-09',
			groupName: 'Evening process group',
			facilitator: 'Dr. Rivera',
			videoLink: 'https://video.example/evening',
			end: '2026-03-10T01:00:00.000Z',
			durationMinutes: 180,
			cancelled: false,
			moved: false
		});
	});

	it('a session that crosses midnight keeps the local date it starts on', () => {
		const late = group({ id: 'late', weekdays: [5], startTime: '22:30', durationMinutes: 120 });
		const [friday] = expandSchedule([late], [], NY, range('2026-03-13', '2026-03-15'));
		expect(friday).toMatchObject({ localDate: '2026-03-13', start: '2026-03-14T02:30:00.000Z', end: '2026-03-14T04:30:00.000Z' });
	});
});

describe('expandSchedule range and dates', () => {
	it('a program whose group ends on a Wednesday has no Thursday session that week', () => {
		const ending = group({ endsOn: '2026-03-11' });
		const dates = expandSchedule([ending], [], NY, range('2026-03-09', '2026-03-20')).map((o) => o.localDate);
		expect(dates).toEqual(['2026-03-09', '2026-03-10']);
	});

	it('nothing is scheduled before the group starts', () => {
		const starting = group({ startsOn: '2026-03-10' });
		const dates = expandSchedule([starting], [], NY, range('2026-03-09', '2026-03-13')).map((o) => o.localDate);
		expect(dates).toEqual(['2026-03-10', '2026-03-12']);
	});

	it('the range is half-open: a start equal to `from` is in, a start equal to `to` is out', () => {
		const occurrences = expandSchedule([group()], [], NY, { from: '2026-03-09T22:00:00.000Z', to: '2026-03-10T22:00:00.000Z' });
		expect(occurrences.map((o) => o.id)).toEqual(['evening@2026-03-09']);
	});

	it('deleted groups are ignored and several groups are merged in start order', () => {
		const morning = group({ id: 'morning', name: 'Morning skills', startTime: '09:00', weekdays: [1] });
		const gone = group({ id: 'gone', deletedAt: '2026-02-01T00:00:00.000Z' });
		const ids = expandSchedule([group(), gone, morning], [], NY, range('2026-03-09', '2026-03-10')).map((o) => o.id);
		expect(ids).toEqual(['morning@2026-03-09', 'evening@2026-03-09']);
	});

	it('an empty or inverted range has no occurrences', () => {
		expect(expandSchedule([group()], [], NY, range('2026-03-10', '2026-03-09'))).toEqual([]);
	});
});

describe('expandSchedule exceptions', () => {
	const base = { ...STAMP, reason: 'facilitator away' };
	const cancelled: SessionException = { id: 'x1', ...base, kind: 'cancelled', occurrenceId: 'evening@2026-03-10' };
	const moved: SessionException = {
		id: 'x2',
		...base,
		kind: 'moved',
		occurrenceId: 'evening@2026-03-09',
		start: '2026-03-09T17:00:00.000Z',
		durationMinutes: 120
	};

	it('a cancelled occurrence is still listed, marked cancelled', () => {
		const tuesday = expandSchedule([group()], [cancelled], NY, range('2026-03-10', '2026-03-11'));
		expect(tuesday).toEqual([expect.objectContaining({ id: 'evening@2026-03-10', cancelled: true, reason: 'facilitator away' })]);
	});

	it('a moved occurrence keeps its id and takes the new start and duration', () => {
		const [monday] = expandSchedule([group()], [moved], NY, range('2026-03-09', '2026-03-10'));
		expect(monday).toMatchObject({
			id: 'evening@2026-03-09',
			localDate: '2026-03-09',
			start: '2026-03-09T17:00:00.000Z',
			end: '2026-03-09T19:00:00.000Z',
			durationMinutes: 120,
			moved: true
		});
	});

	it('an occurrence moved into the range from a week earlier is listed; its old slot is not', () => {
		const fromLastWeek = { ...moved, occurrenceId: 'evening@2026-03-02', start: '2026-03-13T15:00:00.000Z' };
		const ids = expandSchedule([group()], [fromLastWeek], NY, range('2026-03-13', '2026-03-14')).map((o) => o.id);
		expect(ids).toEqual(['evening@2026-03-02']);
		expect(expandSchedule([group()], [fromLastWeek], NY, range('2026-03-02', '2026-03-03'))).toEqual([]);
	});

	it('a deleted exception is ignored', () => {
		const undone = { ...cancelled, deletedAt: '2026-03-01T00:00:00.000Z' };
		const [tuesday] = expandSchedule([group()], [undone], NY, range('2026-03-10', '2026-03-11'));
		expect(tuesday?.cancelled).toBe(false);
	});

	it('of two exceptions for one occurrence the later version applies', () => {
		const later = { ...moved, id: 'x3', occurrenceId: 'evening@2026-03-10', updatedAt: '2026-02-01T00:00:00.000Z', start: '2026-03-10T15:00:00.000Z' };
		const [tuesday] = expandSchedule([group()], [later, cancelled], NY, range('2026-03-10', '2026-03-11'));
		expect(tuesday).toMatchObject({ moved: true, cancelled: false, start: '2026-03-10T15:00:00.000Z' });
	});

	it('an exception naming a date the group does not meet creates nothing', () => {
		const wednesday = { ...cancelled, occurrenceId: 'evening@2026-03-11' };
		expect(expandSchedule([group()], [wednesday], NY, range('2026-03-11', '2026-03-12'))).toEqual([]);
	});
});

describe('participantSchedule', () => {
	const morning = group({ id: 'morning', name: 'Morning skills', startTime: '09:00' });
	const program = expandSchedule([group(), morning], [], NY, range('2026-03-09', '2026-03-21'));
	const enrollment: Enrollment = {
		id: 'en1',
		...STAMP,
		participantId: 'p1',
		programId: 'prog',
		displayName: 'Sam',
		groupIds: ['evening'],
		startDate: '2026-03-10',
		track: 'adult',
		plannedWeeklyHours: 9
	};
	const adjustment = (overrides: Partial<ScheduleAdjustment>): ScheduleAdjustment => ({
		id: 'adj',
		...STAMP,
		kind: 'add-group',
		from: '2026-03-16',
		reason: 'plan change',
		...overrides
	});
	const leave = (from: string, to: string, extra: Partial<Leave> = {}): Leave => ({ id: 'lv', ...STAMP, from, to, reason: 'medical', ...extra });
	const ids = (plan: Parameters<typeof participantSchedule>[1]) => participantSchedule(program, plan).map((o) => o.id);

	it('rolling admission: a participant starting on Tuesday 2026-03-10 has no Monday 03-09 session, and only their groups', () => {
		expect(ids({ enrollment, adjustments: [], leaves: [] })).toEqual([
			'evening@2026-03-10',
			'evening@2026-03-12',
			'evening@2026-03-16',
			'evening@2026-03-17',
			'evening@2026-03-19'
		]);
	});

	it('an enrollment end date is the last day included', () => {
		expect(ids({ enrollment: { ...enrollment, endDate: '2026-03-16' }, adjustments: [], leaves: [] }).at(-1)).toBe('evening@2026-03-16');
	});

	it('an add-group adjustment adds the group from its date on', () => {
		const added = ids({ enrollment, adjustments: [adjustment({ groupId: 'morning', from: '2026-03-17' })], leaves: [] });
		expect(added.filter((id) => id.startsWith('morning'))).toEqual(['morning@2026-03-17', 'morning@2026-03-19']);
	});

	it('a drop-group adjustment removes the group from its date on', () => {
		const dropped = ids({ enrollment, adjustments: [adjustment({ kind: 'drop-group', groupId: 'evening', from: '2026-03-16' })], leaves: [] });
		expect(dropped).toEqual(['evening@2026-03-10', 'evening@2026-03-12']);
	});

	it('a skip-occurrence adjustment removes just that occurrence, and deleted adjustments do nothing', () => {
		const skip = adjustment({ kind: 'skip-occurrence', occurrenceId: 'evening@2026-03-12', from: '2026-03-12' });
		const deletedDrop = adjustment({ id: 'adj2', kind: 'drop-group', groupId: 'evening', deletedAt: '2026-03-01T00:00:00.000Z' });
		expect(ids({ enrollment, adjustments: [skip, deletedDrop], leaves: [] })).not.toContain('evening@2026-03-12');
		expect(ids({ enrollment, adjustments: [skip, deletedDrop], leaves: [] })).toHaveLength(4);
	});

	it('occurrences on an approved leave are marked on leave, both end dates included; a deleted leave marks nothing', () => {
		const onLeave = participantSchedule(program, {
			enrollment,
			adjustments: [],
			leaves: [leave('2026-03-12', '2026-03-16'), leave('2026-03-19', '2026-03-19', { id: 'lv2', deletedAt: '2026-03-18T00:00:00.000Z' })]
		})
			.filter((o) => o.onLeave)
			.map((o) => o.localDate);
		expect(onLeave).toEqual(['2026-03-12', '2026-03-16']);
	});

	it('a deleted enrollment has no schedule', () => {
		expect(ids({ enrollment: { ...enrollment, deletedAt: '2026-03-11T00:00:00.000Z' }, adjustments: [], leaves: [] })).toEqual([]);
	});
});
