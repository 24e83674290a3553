/** Steps for the care team's pages: the caseload dashboard and a participant's record. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type * as Y from 'yjs';
import { joinAsParticipant, openDoc, signIn } from './client.ts';

export function caseloadRow(page: Page, participantId: string) {
	return page.getByTestId('caseload').locator(`[data-participant="${participantId}"]`);
}

/** Content-Security-Policy violations the page reports on its console from now on. */
export function cspViolations(page: Page): string[] {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	return violations;
}

export async function axeViolations(page: Page): Promise<string[]> {
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
	return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/**
 * A participant's own device answers a PHQ-9, through the sync server like the app
 * does (a real y-websocket client signed in with the participant's device cookie).
 */
export async function answerPhq9(baseUrl: string, participantId: string, items: number[]): Promise<void> {
	const cookie = await joinAsParticipant(baseUrl, participantId);
	const self = await openDoc(baseUrl, cookie, `self:${participantId}`);
	await self.synced;
	const id = `phq9-${Date.now()}`;
	self.doc.getMap('surveys').set(id, { id, kind: 'phq9', items, updatedAt: new Date().toISOString(), updatedBy: `u-${participantId}` });
	// a fresh reader seeing it proves the server has it
	await seen(baseUrl, cookie, `self:${participantId}`, (doc) => doc.getMap('surveys').has(id));
	self.destroy();
}

/** What the participant's own device reads in their care document. */
export async function participantReadsCare(baseUrl: string, participantId: string): Promise<{ annotations: string[] }> {
	const cookie = await joinAsParticipant(baseUrl, participantId);
	const care = await openDoc(baseUrl, cookie, `care:${participantId}`);
	await care.synced;
	const annotations = [...care.doc.getMap('annotations').values()].map((a) => (a as { text: string }).text);
	care.destroy();
	return { annotations };
}

async function seen(baseUrl: string, cookie: string, name: string, test: (doc: Y.Doc) => boolean): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (Date.now() < deadline) {
		const probe = await openDoc(baseUrl, cookie, name);
		await probe.synced;
		const ok = test(probe.doc);
		probe.destroy();
		if (ok) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`the server never showed the change to ${name}`);
}

/** Another clinician's device marks a session absent (not excused), through the sync server. */
export async function markAbsent(baseUrl: string, participantId: string, occurrenceId: string): Promise<void> {
	const cookie = await signIn(baseUrl, 'cohost@demo.steady');
	const care = await openDoc(baseUrl, cookie, `care:${participantId}`);
	await care.synced;
	const recordedAt = new Date().toISOString();
	const id = `v-${Date.now()}`;
	care.doc.getArray('verifications').push([{ id, occurrenceId, attendance: 'absent', excused: false, recordedAt, recordedBy: 'u-cohost' }]);
	await seen(baseUrl, cookie, `care:${participantId}`, (doc) => doc.getArray('verifications').toArray().some((v) => (v as { id: string }).id === id));
	care.destroy();
}
