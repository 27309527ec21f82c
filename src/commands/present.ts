// The last stage of scan, check and report: write the requested reports, print the terminal report (or, with
// --quiet, its one-line verdict) unless a report goes to stdout, warn about what was not analysed, and turn the
// judged result into the exit code (--fail-on, the policy's decision; anything unaudited always fails).
import { allRules } from '../analysis/rules/rule-catalog.ts';
import { type AuditResult, type FailOn, RISK_LEVELS, type RiskLevel } from '../model/result.ts';
import { renderSummaryLine, renderTerminal } from '../report/terminal.ts';
import { EXIT_FINDINGS, EXIT_OK } from '../util/errors.ts';
import type { ParsedArgs } from './args.ts';
import type { CommandIO } from './io.ts';
import { writeOutputs } from './outputs.ts';

/** Writes the reports the output options ask for. */
export function writeReports(result: AuditResult, args: ParsedArgs, io: CommandIO): void {
  const { outputs } = args;
  writeOutputs(
    result,
    { json: outputs.get('json'), html: outputs.get('html'), sarif: outputs.get('sarif'), rules: allRules() },
    io,
    { quiet: args.flags.has('quiet') },
  );
}

/** What the terminal must say about coverage: no Python file at all, or files that could not be fully analysed. */
export function coverageWarnings(result: AuditResult): string[] {
  const warnings: string[] = [];
  if (result.summary.targets > 0 && result.summary.pythonFiles === 0)
    warnings.push('no Python file found: no code was analysed');
  const partial = result.targets.flatMap((t) =>
    t.files.filter((f) => f.partial && (f.kind === 'python' || f.kind === 'decoded')),
  );
  if (partial.length > 0) {
    const examples = partial.slice(0, 3).map((f) => `${f.path}: ${f.partialReasons?.[0] ?? 'not fully analysed'}`);
    warnings.push(
      `${partial.length} Python file${partial.length === 1 ? '' : 's'} could not be fully analysed (${examples.join('; ')}${partial.length > 3 ? '; ...' : ''})`,
    );
  }
  return warnings;
}

/** Writes reports, prints the terminal report (unless a report went to stdout), returns the exit code. */
export function present(result: AuditResult, args: ParsedArgs, io: CommandIO, preamble = ''): number {
  const quiet = args.flags.has('quiet');
  writeReports(result, args, io);
  for (const warning of coverageWarnings(result)) io.stderr(`pyguard: warning: ${warning}\n`);
  if (![...args.outputs.values()].includes('-')) {
    const options = {
      color: colorOn(args, io),
      verbose: args.flags.has('verbose'),
      width: reportWidth(io),
      failOn: failOnOf(args),
    };
    io.stdout(quiet ? `${renderSummaryLine(result, options)}\n` : preamble + renderTerminal(result, options));
  }
  return exitCode(result, args);
}

/** The policy's decision when the result was judged by one, else the risk against --fail-on; unaudited always fails. */
export function exitCode(result: AuditResult, args: ParsedArgs): number {
  const unaudited = result.summary.unaudited ?? 0;
  if (result.policy) return result.policy.decision === 'fail' || unaudited > 0 ? EXIT_FINDINGS : EXIT_OK;
  return exitCodeFor(result.summary.risk, failOnOf(args), unaudited);
}

export function failOnOf(args: ParsedArgs): FailOn {
  return (args.values.get('fail-on') ?? 'high') as FailOn;
}

/** Colours on a terminal, unless --no-color or NO_COLOR. */
export function colorOn(args: ParsedArgs, io: CommandIO): boolean {
  return io.isTTY && !args.flags.has('no-color') && !io.env.NO_COLOR;
}

/** The width a piped report is wrapped to when COLUMNS does not say. */
const PIPED_WIDTH = 100;

/** COLUMNS when set, else the terminal's width, else 100. */
export function reportWidth(io: CommandIO): number {
  const columns = Number(io.env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return io.columns ?? PIPED_WIDTH;
}

/** Fails when the risk reaches --fail-on (never with `never`), and whenever a target is unaudited. */
export function exitCodeFor(risk: RiskLevel, failOn: FailOn, unaudited = 0): number {
  if (unaudited > 0) return EXIT_FINDINGS;
  if (failOn === 'never') return EXIT_OK;
  return RISK_LEVELS.indexOf(risk) >= RISK_LEVELS.indexOf(failOn) ? EXIT_FINDINGS : EXIT_OK;
}
