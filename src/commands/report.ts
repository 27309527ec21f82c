// `pyguard report RESULT.json [--html[=FILE]] [--sarif[=FILE]] [--json[=FILE]] [--fail-on LEVEL]`: re-renders a saved
// JSON result without fetching or scanning (the app or the terminal report when no output is asked for) and gates
// CI on it.

import { applyPolicy } from '../policy/apply.ts';
import { EXIT_USAGE, UserError } from '../util/errors.ts';
import type { AuditResult } from '../model/result.ts';
import type { ParsedArgs } from './args.ts';
import type { CommandIO } from './io.ts';
import { loadJudging } from './judging.ts';
import { exitCode, writeReports } from './present.ts';
import { parseCommandArgs } from './registry.ts';
import { readResult } from './saved-result.ts';
import { openSession } from './session.ts';

async function showSaved(result: AuditResult, args: ParsedArgs, io: CommandIO): Promise<number> {
  const session = await openSession(args, io, { live: false });
  try {
    return await session.show(result);
  } finally {
    session.close();
  }
}

export async function runReport(argv: string[], io: CommandIO): Promise<number> {
  const args = parseCommandArgs('report', argv);
  if (args.positionals.length === 0)
    throw new UserError(
      'report: give the saved RESULT.json (usage: pyguard report RESULT.json [--html[=FILE]] [--sarif[=FILE]] [--json[=FILE]])',
    );
  if (args.positionals.length > 1)
    throw new UserError(`report: unexpected argument ${args.positionals[1]} (one RESULT.json at a time)`);
  const result = applyPolicy(readResult(args.positionals[0], io.cwd), loadJudging(args, io));
  // Shown (the app on a terminal, else the terminal report) only when no output is asked for; either way the exit
  // code follows --fail-on.
  const code = args.outputs.size > 0 ? exitCode(result, args) : await showSaved(result, args, io);
  if (args.outputs.size > 0) writeReports(result, args, io);
  return result.summary.errors > 0 ? Math.max(code, EXIT_USAGE) : code;
}
