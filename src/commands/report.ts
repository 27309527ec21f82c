// `pyguard report RESULT.json [--html[=FILE]] [--sarif[=FILE]] [--json[=FILE]] [--fail-on LEVEL]`: re-renders a saved
// JSON result without fetching or scanning (the terminal report when no output is asked for) and gates CI on it.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SCHEMA_VERSION, type AuditResult } from '../model/result.ts';
import { describeError, EXIT_USAGE, UserError } from '../util/errors.ts';
import { applyPolicy } from '../policy/apply.ts';
import type { CommandIO } from './io.ts';
import { loadJudging } from './judging.ts';
import { exitCode, present, writeReports } from './present.ts';
import { parseCommandArgs } from './registry.ts';

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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new UserError(`${path}: not a pyguard result`);
  const candidate = value as Partial<AuditResult>;
  if (candidate.tool?.name !== 'pyguard' || !Array.isArray(candidate.targets) || typeof candidate.summary !== 'object') {
    throw new UserError(`${path}: not a pyguard result`);
  }
  if (candidate.schemaVersion !== SCHEMA_VERSION) {
    throw new UserError(`${path}: unsupported result schemaVersion ${JSON.stringify(candidate.schemaVersion)} (this pyguard reads ${SCHEMA_VERSION})`);
  }
  return value as AuditResult;
}

export async function runReport(argv: string[], io: CommandIO): Promise<number> {
  const args = parseCommandArgs('report', argv);
  if (args.positionals.length === 0) throw new UserError('report: give the saved RESULT.json (usage: pyguard report RESULT.json [--html[=FILE]] [--sarif[=FILE]] [--json[=FILE]])');
  if (args.positionals.length > 1) throw new UserError(`report: unexpected argument ${args.positionals[1]} (one RESULT.json at a time)`);
  const result = applyPolicy(readResult(args.positionals[0], io.cwd), loadJudging('report', args, io));
  // The terminal report only when no output is asked for; either way the exit code follows --fail-on.
  const code = args.outputs.size > 0 ? exitCode(result, args) : present(result, args, io);
  if (args.outputs.size > 0) writeReports(result, args, io);
  return result.summary.errors > 0 ? Math.max(code, EXIT_USAGE) : code;
}
