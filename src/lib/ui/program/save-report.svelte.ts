import { tick } from 'svelte';
import type { z } from 'zod';
import { checkForm, type FieldErrors } from '../../domain/program-forms.ts';

/**
 * The save step every set-up section shares: check the form with its zod schema,
 * take keyboard and screen-reader users to the first field at fault, write, and
 * show either the write's problem (as the form's error) or what was saved (as the
 * section's status).
 */
export class SaveReport {
	errors = $state<FieldErrors>({});
	status = $state<string | null>(null);

	/** Returns true once written, so a section can close or clear its form. */
	submit<S extends z.ZodType>(
		event: SubmitEvent,
		schema: S,
		input: unknown,
		write: (value: z.infer<S>) => string | null,
		saved: (value: z.infer<S>) => string
	): boolean {
		event.preventDefault();
		const result = checkForm(schema, input);
		if (!result.ok) {
			this.errors = result.errors;
			this.status = null;
			void focusFirstProblem(event.currentTarget as HTMLFormElement);
			return false;
		}
		const problem = write(result.value);
		this.errors = problem ? { form: problem } : {};
		this.status = problem ? null : saved(result.value);
		return problem === null;
	}
}

async function focusFirstProblem(form: HTMLFormElement): Promise<void> {
	await tick();
	form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
