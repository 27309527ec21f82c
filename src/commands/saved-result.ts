// Reading a result that pyguard saved as JSON (`report`, baselines), checked to be one this version can render.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SCHEMA_VERSION, type AuditResult } from '../model/result.ts';
import { describeError, UserError } from '../util/errors.ts';

/** Reads a saved result and checks that this version of pyguard can render it. */
export function readResult(path: string, cwd: string): AuditResult {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(`${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read: ${describeError(error)}`}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UserError(`${path}: not a JSON file`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new UserError(`${path}: not a pyguard result`);
  const candidate = value as Partial<AuditResult>;
  if (
    candidate.tool?.name !== 'pyguard' ||
    !Array.isArray(candidate.targets) ||
    typeof candidate.summary !== 'object'
  ) {
    throw new UserError(`${path}: not a pyguard result`);
  }
  if (candidate.schemaVersion !== SCHEMA_VERSION) {
    throw new UserError(
      `${path}: unsupported result schemaVersion ${JSON.stringify(candidate.schemaVersion)} (this pyguard reads ${SCHEMA_VERSION})`,
    );
  }
  return value as AuditResult;
}
