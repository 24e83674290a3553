import { tick } from 'svelte';

/** After a refused save, takes keyboard and screen-reader users to the first field at fault. */
export async function focusFirstProblem(form: HTMLFormElement): Promise<void> {
	await tick();
	form.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}
