import { describe, expect, it } from 'vitest';
import { attendanceCsv, csvCell } from './export-csv.ts';
import { sessionLines } from './export-data.ts';
import { NOW, NY, RANGE, participant, program } from './export-fixture.ts';

/** Splits RFC 4180 text into rows of cells (enough for these tests: quoted cells without CRLF). */
function parse(text: string): string[][] {
	return text
		.trimEnd()
		.split('\r\n')
		.map((line) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(,|$)/g)].slice(0, -1).map((m) => (m[1] ?? '').replace(/^"|"$/g, '').replace(/""/g, '"')));
}

describe('attendance CSV', () => {
	const csv = attendanceCsv(sessionLines(program(), participant(), RANGE, NOW), NY);
	const [header, ...rows] = parse(csv);
	const row = (id: string) => {
		const found = rows.find((r) => r[3] === id);
		if (!found) throw new Error(`no row for ${id}`);
		return Object.fromEntries((header ?? []).map((name, i) => [name.replace(/ \(.*\)$/, ''), found[i]]));
	};

	it('has one row per scheduled session in the range, CRLF line ends', () => {
		expect(csv.endsWith('\r\n')).toBe(true);
		// 2 weeks of Mon/Tue/Thu
		expect(rows).toHaveLength(6);
		expect(header).toContain('time_in (America/New_York)');
	});

	it('keeps attendance, excused and billable apart, with time in and out in the program zone', () => {
		expect(row('evening@2026-03-02')).toMatchObject({
			scheduled_start: '2026-03-02 18:00',
			time_in: '2026-03-02 18:00',
			time_out: '2026-03-02 21:00',
			minutes: '180',
			attendance: 'present',
			excused: '',
			billable: 'yes'
		});
		expect(row('evening@2026-03-03')).toMatchObject({ attendance: 'late', minutes: '160', billable: 'no' });
		expect(row('evening@2026-03-05')).toMatchObject({ attendance: 'absent-notified', time_in: '', minutes: '0', billable: 'no' });
		expect(row('evening@2026-03-09')).toMatchObject({ attendance: 'absent', excused: 'yes', billable: 'no' });
	});

	it('shows a cancelled session as cancelled and a moved one at its new time, the same wall clock across daylight saving', () => {
		expect(row('evening@2026-03-10')).toMatchObject({ session_status: 'cancelled', attendance: 'cancelled', billable: 'no' });
		expect(row('evening@2026-03-12')).toMatchObject({
			session_status: 'moved',
			scheduled_start: '2026-03-13 17:00',
			time_in: '2026-03-13 17:00',
			billable: 'yes'
		});
		// 6 pm on both sides of the change (EST on the 2nd, EDT on the 9th)
		expect(row('evening@2026-03-09').scheduled_start).toBe('2026-03-09 18:00');
	});

	it('a name that a spreadsheet would run as a formula is defused and quoted text survives', () => {
		const lines = sessionLines(program(), participant('=HYPERLINK("http://x","Sam, P.")'), RANGE, NOW);
		const text = attendanceCsv(lines, NY);
		expect(text).toContain(`"'=HYPERLINK(""http://x"",""Sam, P."")"`);
		expect(parse(text)[1]?.[1]).toBe(`'=HYPERLINK("http://x","Sam, P.")`);
	});

	it.each([
		['=1+1', "'=1+1"],
		['+1', "'+1"],
		['-1', "'-1"],
		['@SUM(A1)', "'@SUM(A1)"],
		['\tx', "'\tx"],
		['a,b', '"a,b"'],
		['say "hi"', '"say ""hi"""'],
		['two\nlines', '"two\nlines"'],
		['plain', 'plain']
	])('csvCell(%j) is %j', (value, written) => {
		expect(csvCell(value)).toBe(written);
	});

	it('numbers and empty cells are written as they are', () => {
		expect(csvCell(-3)).toBe('-3');
		expect(csvCell(null)).toBe('');
	});
});
