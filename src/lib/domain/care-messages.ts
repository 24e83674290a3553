/**
 * Which of a participant's messages to the care team are still open. A message is
 * answered by a care-document record that names it (MessageHandled: a follow-up
 * or "mark handled"), or by any outreach logged at or after it was sent: the
 * clinician has been in touch since. Pure over both documents' data, so every
 * device that holds them computes the same answer.
 */
import type { CareTeamMessage, MessageHandled, Outreach } from './records.ts';

export type MessageTopic = CareTeamMessage['topic'];

export interface MessageAnswers {
	outreach: readonly Outreach[];
	handledMessages: readonly MessageHandled[];
}

/** What a participant can ask the care team for: a message's topic, or a one-to-one make-up (makeup-requests.ts). */
export type RequestTopic = MessageTopic | 'one-to-one';

/** Open requests of one participant, by topic, for the caseload. */
export type OpenRequestCounts = Record<RequestTopic, number> & { total: number };

const live = <T extends { deletedAt?: string }>(records: readonly T[]) => records.filter((r) => r.deletedAt === undefined);

/** The ids of the messages that are answered. */
export function answeredMessageIds(messages: readonly CareTeamMessage[], answers: MessageAnswers): Set<string> {
	const named = new Set(live(answers.handledMessages).map((h) => h.messageId));
	const lastOutreach = live(answers.outreach).reduce<string | null>((max, o) => (max === null || o.at > max ? o.at : max), null);
	return new Set(messages.filter((m) => named.has(m.id) || (lastOutreach !== null && lastOutreach >= m.updatedAt)).map((m) => m.id));
}

/** The messages not yet answered, oldest first. */
export function openMessages(messages: readonly CareTeamMessage[], answers: MessageAnswers): CareTeamMessage[] {
	const answered = answeredMessageIds(messages, answers);
	return live(messages)
		.filter((m) => !answered.has(m.id))
		.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id.localeCompare(b.id));
}

/** Counts open messages by topic, and open one-to-one make-up requests. */
export function countRequests(open: readonly CareTeamMessage[], openMakeupRequests = 0): OpenRequestCounts {
	const counts: OpenRequestCounts = { general: 0, 'phone-session-request': 0, 'technical-trouble': 0, 'one-to-one': openMakeupRequests, total: open.length + openMakeupRequests };
	for (const message of open) counts[message.topic] += 1;
	return counts;
}
