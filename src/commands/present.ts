// The last stage of scan and check: print the terminal summary or write the requested reports, and
// turn the overall risk into the exit code (--fail-on).
import { type AuditResult, RISK_LEVELS, type RiskLevel, SEVERITIES, type Severity } from '../model/result.ts';
import { allRules } from '../analysis/rules/rule-catalog.ts';
import { renderTerminal } from '../report/terminal.ts';
import { EXIT_FINDINGS, EXIT_OK, UserError } from '../util/errors.ts';
import type { ParsedArgs } from './args.ts';
import type { CommandIO } from './io.ts';
import { DEFAULT_HTML_FILE, DEFAULT_SARIF_FILE, writeOutputs } from './report.ts';

export function failLevel(command: string, args: ParsedArgs): Severity {
  const value = args.values.get('fail-on') ?? 'high';
  if (!(SEVERITIES as readonly string[]).includes(value)) throw new UserError(`${command}: --fail-on must be one of ${SEVERITIES.join('|')}, not '${value}'`);
  return value as Severity;
}

/** Writes reports, prints the summary (unless JSON goes to stdout), returns the exit code. */
export function present(result: AuditResult, args: ParsedArgs, io: CommandIO, preamble = ''): number {
  const json = args.files.get('json');
  const html = args.files.get('html');
  const sarif = args.files.get('sarif');
  writeOutputs(
    result,
    {
      json: json === undefined ? undefined : json || '-',
      html: html === undefined ? undefined : html || DEFAULT_HTML_FILE,
      sarif: sarif === undefined ? undefined : sarif || DEFAULT_SARIF_FILE,
      rules: allRules(),
    },
    io,
  );
  if (json !== '' && json !== '-') {
    io.stdout(preamble + renderTerminal(result, { color: io.isTTY && !args.flags.has('no-color') && !io.env.NO_COLOR, verbose: args.flags.has('verbose') }));
  }
  const unaudited = result.summary.unaudited ?? 0;
  if (result.policy) return result.policy.decision === 'fail' || unaudited > 0 ? EXIT_FINDINGS : EXIT_OK;
  return exitCodeFor(result.summary.risk, failLevel('pyguard', args), unaudited);
}

/** Fails when the risk reaches --fail-on, and whenever a target is unaudited (what was not read is never passed). */
export function exitCodeFor(risk: RiskLevel, failOn: Severity, unaudited = 0): number {
  if (unaudited > 0) return EXIT_FINDINGS;
  return RISK_LEVELS.indexOf(risk) >= RISK_LEVELS.indexOf(failOn) ? EXIT_FINDINGS : EXIT_OK;
}
