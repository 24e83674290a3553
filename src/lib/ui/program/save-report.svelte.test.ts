import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { SaveReport } from './save-report.svelte.ts';

const Form = z.object({ name: z.string().trim().min(1, 'Name is required.') });

/** A submit event whose form holds one field, marked invalid or not. */
function submitEvent(invalid: boolean) {
	const field = { focus: vi.fn() };
	const form = { querySelector: vi.fn(() => (invalid ? field : null)) };
	const event = { preventDefault: vi.fn(), currentTarget: form } as unknown as SubmitEvent;
	return { event, field };
}

describe('SaveReport', () => {
	it('a refused form names the field at fault, writes nothing and takes the focus to that field', async () => {
		const report = new SaveReport();
		report.status = 'Saved Evening.';
		const write = vi.fn(() => null);
		const { event, field } = submitEvent(true);
		expect(report.submit(event, Form, { name: ' ' }, write, () => 'saved')).toBe(false);
		expect(event.preventDefault).toHaveBeenCalled();
		expect(write).not.toHaveBeenCalled();
		expect(report.errors).toEqual({ name: 'Name is required.' });
		expect(report.status).toBeNull();
		await vi.waitFor(() => expect(field.focus).toHaveBeenCalled());
	});

	it("a write's problem becomes the form's error and no saved message shows", () => {
		const report = new SaveReport();
		report.status = 'Saved Evening.';
		const { event } = submitEvent(false);
		expect(report.submit(event, Form, { name: 'Evening' }, () => 'You may not change the program.', () => 'saved')).toBe(false);
		expect(report.errors).toEqual({ form: 'You may not change the program.' });
		expect(report.status).toBeNull();
	});

	it('a save writes the checked value, clears old errors and says what was saved', () => {
		const report = new SaveReport();
		report.errors = { name: 'Name is required.' };
		const write = vi.fn((value: { name: string }) => (value.name === 'Evening' ? null : 'wrong value'));
		const { event } = submitEvent(false);
		expect(report.submit(event, Form, { name: '  Evening ' }, write, (value) => `Saved ${value.name}.`)).toBe(true);
		expect(write).toHaveBeenCalledWith({ name: 'Evening' });
		expect(report.errors).toEqual({});
		expect(report.status).toBe('Saved Evening.');
	});
});
