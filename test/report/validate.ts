// Test helper: validates results against schemas/result.schema.json and SARIF logs against the vendored
// official SARIF 2.1.0 schema, with ajv.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function loadSchema(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(fileURLToPath(new URL(`../../schemas/${name}`, import.meta.url)), 'utf8'));
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
}

let resultValidator: ValidateFunction | undefined;
let sarifValidator: ValidateFunction | undefined;

export function validateResult(json: unknown): string[] {
  if (!resultValidator) {
    const ajv = new Ajv({ allErrors: true, strict: true });
    addFormats(ajv);
    resultValidator = ajv.compile(loadSchema('result.schema.json'));
  }
  return resultValidator(json) ? [] : describe(resultValidator.errors);
}

export function validateSarif(json: unknown): string[] {
  if (!sarifValidator) {
    // The official schema is draft-04 ("id", "$schema" draft-04): ajv reads it as draft-07, which it is compatible with.
    const schema = loadSchema('sarif-schema-2.1.0.json');
    const { $schema: _draft, id, ...rest } = schema;
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    sarifValidator = ajv.compile({ $id: id as string, ...rest });
  }
  return sarifValidator(json) ? [] : describe(sarifValidator.errors);
}
