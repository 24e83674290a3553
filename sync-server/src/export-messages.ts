/**
 * What the server's main thread and the export worker say to each other
 * (export-runner.ts, export-worker.ts). Both sides parse what they receive with
 * these schemas: a message crossing threads is a boundary like any other.
 *
 * The main thread decides everything about access and consent; a job only names
 * whom to build for (`cleared`) and, for a program or group CSV, whom it must
 * merely find in or out of the scope (`withheld`: read their enrollment, never
 * put them in the file).
 */
import { z } from 'zod';
import { LocalDate } from '../../src/lib/domain/ids.ts';

const Person = z.object({ id: z.string().min(1), displayName: z.string() });
export type Person = z.infer<typeof Person>;

const Common = {
	programId: z.string().min(1),
	range: z.object({ from: LocalDate, to: LocalDate }),
	/** the server's clock, so a test's clock reaches the worker */
	now: z.iso.datetime()
};

export const ExportJob = z.discriminatedUnion('kind', [
	z.object({
		kind: z.literal('csv'),
		...Common,
		/** a participant's CSV holds them even without sessions; a program or group CSV only those with sessions in it */
		scope: z.discriminatedUnion('kind', [z.object({ kind: z.literal('participant') }), z.object({ kind: z.literal('program') }), z.object({ kind: z.literal('group'), groupId: z.string().min(1) })]),
		cleared: z.array(Person),
		withheld: z.array(Person)
	}),
	z.object({ kind: z.literal('report'), ...Common, participant: Person }),
	z.object({ kind: z.literal('fhir'), ...Common, participant: Person })
]);
export type ExportJob = z.infer<typeof ExportJob>;

/** A built export: the response body, and who is in it. */
export const Built = z.object({
	text: z.string(),
	/** ids of the cleared participants in the file: one disclosure each */
	disclosed: z.array(z.string()),
	/** ids of the withheld participants with sessions in the scope: one refusal each */
	withheld: z.array(z.string())
});
export type Built = z.infer<typeof Built>;

export const ExportOutcome = z.discriminatedUnion('ok', [
	z.object({ ok: z.literal(true), built: Built }),
	z.object({
		ok: z.literal(false),
		/** `no-group`: the group is not (or no longer) in the program; `cancelled`: the request went away */
		reason: z.enum(['no-group', 'cancelled', 'failed']),
		/** for the server's log; never health data */
		message: z.string()
	})
]);
export type ExportOutcome = z.infer<typeof ExportOutcome>;

/** To the worker: a job and its number. */
export const JobMessage = z.object({ jobId: z.number().int().positive(), job: ExportJob });
export type JobMessage = z.infer<typeof JobMessage>;

/** From the worker: the outcome of job `jobId`. */
export const OutcomeMessage = z.object({ jobId: z.number().int().positive(), outcome: ExportOutcome });
export type OutcomeMessage = z.infer<typeof OutcomeMessage>;
