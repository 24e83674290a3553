import { describe, expect, it } from 'vitest';
import { parseDocumentName } from '../../src/lib/domain/document-names.ts';
import { accessFor, type Principal } from './access.ts';

const admin: Principal = { role: 'admin', programId: 'p1' };
const clinician: Principal = { role: 'clinician', programId: 'p1' };
const alex: Principal = { role: 'participant', programId: 'p1', participantId: 'alex' };

function access(who: Principal, name: string, participantProgram: string | null = 'p1') {
	const doc = parseDocumentName(name);
	if (!doc) throw new Error(name);
	return accessFor(who, doc, participantProgram);
}

describe('access table (DESIGN §2)', () => {
	it('program documents: admins and clinicians of the program write, its participants read', () => {
		expect(access(admin, 'program:p1')).toBe('write');
		expect(access(clinician, 'program:p1')).toBe('write');
		expect(access(alex, 'program:p1')).toBe('read');
		expect(access(clinician, 'program:p2')).toBe('none');
	});

	it('a participant writes their self document and reads their care document, never private', () => {
		expect(access(alex, 'self:alex')).toBe('write');
		expect(access(alex, 'care:alex')).toBe('read');
		expect(access(alex, 'private:alex')).toBe('none');
		expect(access(alex, 'self:blair')).toBe('none');
	});

	it("the program's clinicians read self and write care and private; admins get none of them", () => {
		expect(access(clinician, 'self:alex')).toBe('read');
		expect(access(clinician, 'care:alex')).toBe('write');
		expect(access(clinician, 'private:alex')).toBe('write');
		expect(access(admin, 'care:alex')).toBe('none');
		expect(access(clinician, 'care:alex', 'p2')).toBe('none');
	});

	it('an unknown participant is forbidden to everyone', () => {
		expect(access(clinician, 'care:ghost', null)).toBe('none');
		expect(access({ ...alex, participantId: 'ghost' }, 'self:ghost', null)).toBe('none');
	});
});
