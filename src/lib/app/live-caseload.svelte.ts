/**
 * The caseload dashboard's rows, kept current as documents change on this device
 * or arrive from others. Updates are gathered per animation frame: a burst of sync
 * messages reads each changed document once, and only the participants whose
 * documents changed are recomputed (CaseloadCache).
 */
import type * as Y from 'yjs';
import { readCare, readProgram, readSelf } from '../doc/read.ts';
import { ValidationMemo } from '../doc/validated.ts';
import type { Workspace } from '../doc/workspace.ts';
import { CaseloadCache } from '../domain/caseload-cache.ts';
import type { CaseloadRow } from '../domain/caseload.ts';
import { documentName } from '../domain/document-names.ts';
import { DEFAULT_POLICY, DEFAULT_RISK_RULES } from '../domain/policy.ts';
import type { Group } from '../domain/records.ts';

/** Sessions end and make-ups fall due with time alone: every row is redone this often. */
const REFRESH_MS = 5 * 60_000;
/** Time-driven recomputes yield after this long, so the page stays responsive. */
const SLICE_MS = 8;

interface Person {
	id: string;
	displayName: string;
	self: Y.Doc;
	care: Y.Doc;
	/** reading a document again validates only its changed records */
	memos: { self: ValidationMemo; care: ValidationMemo };
}

export class LiveCaseload {
	rows = $state.raw<CaseloadRow[]>([]);
	groups = $state.raw<Group[]>([]);
	/** the program's schedule has reached this device */
	ready = $state(false);
	/** how many records could not be read, across the caseload's documents */
	invalidCount = $state(0);

	#cache = new CaseloadCache(new Date().toISOString());
	#program: Y.Doc;
	#programMemo = new ValidationMemo();
	#people: Person[];
	#dirty = new Set<string>();
	#programDirty = true;
	#frame: number | null = null;
	#sliceFrame: number | null = null;
	#timer: ReturnType<typeof setInterval>;
	#invalid = new Map<string, number>();
	#stops: Array<() => void> = [];

	constructor(workspace: Pick<Workspace, 'open'>, programId: string, participants: ReadonlyArray<{ id: string; displayName: string }>) {
		this.#program = workspace.open(documentName('program', programId)).doc;
		this.#listen(this.#program, () => (this.#programDirty = true));
		this.#people = participants.map(({ id, displayName }) => {
			const person: Person = {
				id,
				displayName,
				self: workspace.open(documentName('self', id)).doc,
				care: workspace.open(documentName('care', id)).doc,
				memos: { self: new ValidationMemo(), care: new ValidationMemo() }
			};
			this.#listen(person.self, () => this.#dirty.add(id));
			this.#listen(person.care, () => this.#dirty.add(id));
			this.#dirty.add(id);
			return person;
		});
		this.#timer = setInterval(() => {
			this.#cache.markStale(new Date().toISOString());
			this.#sliceFrame ??= requestAnimationFrame(() => this.#computeSlice());
		}, REFRESH_MS);
		this.#flush();
	}

	destroy(): void {
		for (const stop of this.#stops) stop();
		clearInterval(this.#timer);
		if (this.#frame !== null) cancelAnimationFrame(this.#frame);
		if (this.#sliceFrame !== null) cancelAnimationFrame(this.#sliceFrame);
	}

	#computeSlice(): void {
		const start = performance.now();
		const more = this.#cache.computeStale(() => performance.now() - start > SLICE_MS);
		this.rows = this.#cache.rows;
		this.#sliceFrame = more ? requestAnimationFrame(() => this.#computeSlice()) : null;
	}

	#listen(doc: Y.Doc, markDirty: () => void): void {
		const onUpdate = () => {
			markDirty();
			this.#frame ??= requestAnimationFrame(() => this.#flush());
		};
		doc.on('update', onUpdate);
		this.#stops.push(() => doc.off('update', onUpdate));
	}

	#flush(): void {
		this.#frame = null;
		const now = new Date().toISOString();
		if (this.#programDirty) {
			this.#programDirty = false;
			const program = readProgram(this.#program, this.#programMemo);
			this.#invalid.set('program', program.invalid.length);
			this.groups = program.groups.filter((g) => !g.deletedAt).sort((a, b) => a.name.localeCompare(b.name));
			const timeZone = program.info?.timeZone;
			this.ready = Boolean(timeZone);
			if (timeZone) {
				this.#cache.setProgram(
					{ timeZone, policy: program.policy ?? DEFAULT_POLICY, rules: program.riskRules ?? DEFAULT_RISK_RULES, groups: program.groups, exceptions: program.exceptions, catalog: program.makeupCatalog },
					now
				);
			}
		}
		const start = performance.now();
		for (const person of this.#people) {
			if (!this.#dirty.has(person.id)) continue;
			// a burst (the first sync of a large caseload) is spread over frames
			if (performance.now() - start > SLICE_MS) break;
			this.#dirty.delete(person.id);
			const self = readSelf(person.self, person.memos.self);
			const care = readCare(person.care, person.memos.care);
			this.#invalid.set(person.id, self.invalid.length + care.invalid.length);
			this.#cache.setParticipant({ id: person.id, displayName: person.displayName, self, care }, now);
		}
		this.invalidCount = [...this.#invalid.values()].reduce((a, b) => a + b, 0);
		this.rows = this.#cache.rows;
		if (this.#dirty.size > 0) this.#frame = requestAnimationFrame(() => this.#flush());
		this.#sliceFrame ??= requestAnimationFrame(() => this.#computeSlice());
	}
}
