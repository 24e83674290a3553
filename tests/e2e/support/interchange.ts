/** Steps for the reports and calendar end-to-end tests. */
import { readFile } from 'node:fs/promises';
import ICAL from 'ical.js';
import type { Page } from '@playwright/test';
import { joinAsParticipant } from './client.ts';

export const CARE_TEAM = 'Care team of Steady Demo IOP';

/** The participant records a consent from their own device (as on the consent page). */
export async function consentAs(baseUrl: string, participantId: string, kind: 'care-team' | 'disclosure', recipient: string): Promise<void> {
	const cookie = await joinAsParticipant(baseUrl, participantId);
	const res = await fetch(`${baseUrl}/api/consents`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie },
		body: JSON.stringify({ kind, recipient, purpose: 'Treatment and attendance follow-up' })
	});
	if (!res.ok) throw new Error(`consent failed: ${res.status}`);
}

/** Collects the Content-Security-Policy complaints Chromium logs while the test runs. */
export function cspComplaints(page: Page): string[] {
	const complaints: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) complaints.push(message.text());
	});
	return complaints;
}

/** Clicks `trigger` and returns the name and text of the file the browser downloads. */
export async function downloadText(page: Page, trigger: () => Promise<void>): Promise<{ filename: string; text: string }> {
	const [download] = await Promise.all([page.waitForEvent('download'), trigger()]);
	const file = await download.path();
	return { filename: download.suggestedFilename(), text: await readFile(file, 'utf8') };
}

export interface ParsedEvent {
	summary: string;
	start: string;
	status: string;
	alarms: string[];
}

/** Parses iCalendar text with ical.js: each event's summary, UTC start, status and alarm triggers. */
export function parseCalendar(text: string): ParsedEvent[] {
	return new ICAL.Component(ICAL.parse(text)).getAllSubcomponents('vevent').map((vevent) => ({
		summary: String(vevent.getFirstPropertyValue('summary')),
		start: new ICAL.Event(vevent).startDate.toJSDate().toISOString(),
		status: String(vevent.getFirstPropertyValue('status')),
		alarms: vevent.getAllSubcomponents('valarm').map((alarm) => String(alarm.getFirstPropertyValue('trigger')))
	}));
}
