/**
 * The caseload's rows, cached per participant. A change to one participant's
 * documents recomputes only that row; a change to the program (schedule, policy,
 * rules) or a new day recomputes them all, since every row depends on those.
 */
import type { Instant } from './ids.ts';
import { caseloadRow, programContext, type CaseloadRow, type ParticipantData, type ProgramContext, type ProgramData } from './caseload.ts';
import { addDays, isoWeekStart, localDateOf } from './schedule.ts';

export class CaseloadCache {
	#program: ProgramData | null = null;
	#context: ProgramContext | null = null;
	#contextWeek = '';
	#participants = new Map<string, ParticipantData>();
	#rows = new Map<string, CaseloadRow | null>();
	#now: Instant;

	constructor(now: Instant) {
		this.#now = now;
	}

	/** The program changed: every row is recomputed. */
	setProgram(program: ProgramData, now: Instant = this.#now): void {
		this.#program = program;
		this.#context = null;
		this.refresh(now);
	}

	/** One participant's documents changed: only their row is recomputed. */
	setParticipant(participant: ParticipantData, now: Instant = this.#now): void {
		this.#participants.set(participant.id, participant);
		this.#now = now;
		const start = participant.care?.enrollment?.startDate;
		// a start before the expanded schedule, or a new week: the shared schedule must grow
		if (this.#context && ((start && start < this.#context.from) || this.#weekOf(now) !== this.#contextWeek)) this.refresh(now);
		else this.#compute(participant.id);
	}

	removeParticipant(id: string): void {
		this.#participants.delete(id);
		this.#rows.delete(id);
	}

	/** Time moved on (sessions ended, make-ups fell due): every row is recomputed. */
	refresh(now: Instant = this.#now): void {
		this.#now = now;
		this.#context = null;
		this.#rows.clear();
		for (const id of this.#participants.keys()) this.#compute(id);
	}

	get rows(): CaseloadRow[] {
		return [...this.#rows.values()].filter((row): row is CaseloadRow => row !== null);
	}

	row(id: string): CaseloadRow | null {
		return this.#rows.get(id) ?? null;
	}

	#weekOf(now: Instant): string {
		return this.#program ? isoWeekStart(localDateOf(now, this.#program.timeZone)) : '';
	}

	#ensureContext(): ProgramContext | null {
		if (this.#context || !this.#program) return this.#context;
		const starts = [...this.#participants.values()].map((p) => p.care?.enrollment?.startDate).filter((d): d is string => Boolean(d));
		const earliest = starts.reduce((min, d) => (d < min ? d : min), addDays(localDateOf(this.#now, this.#program.timeZone), -7));
		this.#context = programContext(this.#program, earliest, this.#now);
		this.#contextWeek = this.#weekOf(this.#now);
		return this.#context;
	}

	#compute(id: string): void {
		const context = this.#ensureContext();
		const participant = this.#participants.get(id);
		if (!participant) return;
		this.#rows.set(id, context ? caseloadRow(context, participant, this.#now) : null);
	}
}
