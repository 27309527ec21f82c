// The last stage of scan, check and report: write the requested reports, print the terminal report (or, with
// --quiet, its one-line verdict) unless a report goes to stdout, and turn the overall risk into the exit code.
import { allRules } from '../analysis/rules/catalog.ts';
import { type AuditResult, RISK_LEVELS, type RiskLevel } from '../model/result.ts';
import { renderSummaryLine, renderTerminal } from '../report/terminal.ts';
import { EXIT_FINDINGS, EXIT_OK } from '../util/errors.ts';
import type { ParsedArgs } from './args.ts';
import type { CommandIO } from './io.ts';
import type { FailOn } from './options.ts';
import { writeOutputs } from './outputs.ts';

export function failLevel(args: ParsedArgs): FailOn {
  return (args.values.get('fail-on') ?? 'high') as FailOn;
}

/** Writes the reports the output options ask for. */
export function writeReports(result: AuditResult, args: ParsedArgs, io: CommandIO): void {
  const { outputs } = args;
  writeOutputs(result, { json: outputs.get('json'), html: outputs.get('html'), sarif: outputs.get('sarif'), rules: allRules() }, io, { quiet: args.flags.has('quiet') });
}

/** Writes reports, prints the terminal report (unless a report went to stdout), returns the exit code. */
export function present(result: AuditResult, args: ParsedArgs, io: CommandIO, preamble = ''): number {
  const quiet = args.flags.has('quiet');
  writeReports(result, args, io);
  if (![...args.outputs.values()].includes('-')) {
    const options = { color: io.isTTY && !args.flags.has('no-color') && !io.env.NO_COLOR, verbose: args.flags.has('verbose') };
    io.stdout(quiet ? `${renderSummaryLine(result, options)}\n` : preamble + renderTerminal(result, options));
  }
  return exitCodeFor(result.summary.risk, failLevel(args));
}

export function exitCodeFor(risk: RiskLevel, failOn: FailOn): number {
  if (failOn === 'never') return EXIT_OK;
  return RISK_LEVELS.indexOf(risk) >= RISK_LEVELS.indexOf(failOn) ? EXIT_FINDINGS : EXIT_OK;
}
