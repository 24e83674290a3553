import { describe, it, expect } from 'vitest';
import { clipInterval, clipToSession, totalMinutes, unionIntervals } from './intervals.ts';

const MIN = 60_000;
const span = (start: number, end: number) => ({ start: start * MIN, end: end * MIN });

describe('intervals', () => {
	it('overlapping and touching intervals merge into one; empty ones are dropped', () => {
		expect(unionIntervals([span(30, 50), span(0, 20), span(10, 30), span(60, 60)])).toEqual([span(0, 50)]);
	});

	it('separate intervals stay separate, sorted by start', () => {
		expect(unionIntervals([span(40, 50), span(0, 10)])).toEqual([span(0, 10), span(40, 50)]);
	});

	it('clipping keeps only the part inside the session, or nothing', () => {
		expect(clipInterval(span(-10, 30), span(0, 90))).toEqual(span(0, 30));
		expect(clipInterval(span(90, 120), span(0, 90))).toBeNull();
	});

	it('clipped to a 90-minute session, intervals covering more never total over 90 minutes', () => {
		const clipped = clipToSession([span(-30, 60), span(50, 200)], span(0, 90));
		expect(totalMinutes(clipped)).toBe(90);
	});

	it('total minutes count an overlap once', () => {
		expect(totalMinutes([span(0, 40), span(30, 60)])).toBe(60);
	});

	it('does not change the intervals it is given', () => {
		const input = [span(0, 20), span(10, 30)];
		unionIntervals(input);
		expect(input).toEqual([span(0, 20), span(10, 30)]);
	});
});
