// The last stage of scan and check: write the requested reports, print the plain terminal report, and turn
// the overall risk into the exit code (--fail-on).
import { type AuditResult, RISK_LEVELS, type RiskLevel, SEVERITIES, type Severity } from '../model/result.ts';
import { allRules } from '../analysis/rules/rule-catalog.ts';
import { renderTerminal } from '../report/terminal.ts';
import { EXIT_FINDINGS, EXIT_OK, UserError } from '../util/errors.ts';
import type { ParsedArgs } from './args.ts';
import type { CommandIO } from './io.ts';
import { DEFAULT_HTML_FILE, DEFAULT_SARIF_FILE, writeOutputs } from './outputs.ts';

/** The width a piped report is wrapped to when COLUMNS does not say. */
const PIPED_WIDTH = 100;

export function failLevel(command: string, args: ParsedArgs): Severity {
  const value = args.values.get('fail-on') ?? 'high';
  if (!(SEVERITIES as readonly string[]).includes(value)) throw new UserError(`${command}: --fail-on must be one of ${SEVERITIES.join('|')}, not '${value}'`);
  return value as Severity;
}

export function colorOn(args: ParsedArgs, io: CommandIO): boolean {
  return io.isTTY && !args.flags.has('no-color') && !io.env.NO_COLOR;
}

/** COLUMNS when set, else the terminal's width, else 100. */
export function reportWidth(io: CommandIO): number {
  const columns = Number(io.env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return io.columns ?? PIPED_WIDTH;
}

/** The report files the options ask for (JSON to stdout when --json has no FILE). */
export function requestedFiles(args: ParsedArgs): { json?: string; html?: string; sarif?: string } {
  const json = args.files.get('json');
  const html = args.files.get('html');
  const sarif = args.files.get('sarif');
  return {
    ...(json !== undefined && { json: json || '-' }),
    ...(html !== undefined && { html: html || DEFAULT_HTML_FILE }),
    ...(sarif !== undefined && { sarif: sarif || DEFAULT_SARIF_FILE }),
  };
}

/** Writes reports, prints the plain report (unless JSON goes to stdout), returns the exit code. */
export function present(result: AuditResult, args: ParsedArgs, io: CommandIO, preamble = ''): number {
  const files = requestedFiles(args);
  writeOutputs(result, { ...files, rules: allRules() }, io);
  const failOn = failLevel('pyguard', args);
  if (files.json !== '-') {
    io.stdout(preamble + renderTerminal(result, { color: colorOn(args, io), verbose: args.flags.has('verbose'), width: reportWidth(io), failOn }));
  }
  return resultExitCode(result, failOn);
}

/** The exit code of a result: the policy's decision when one judged it, else --fail-on; unaudited targets always fail. */
export function resultExitCode(result: AuditResult, failOn: Severity): number {
  const unaudited = result.summary.unaudited ?? 0;
  if (result.policy) return result.policy.decision === 'fail' || unaudited > 0 ? EXIT_FINDINGS : EXIT_OK;
  return exitCodeFor(result.summary.risk, failOn, unaudited);
}

/** Fails when the risk reaches --fail-on, and whenever a target is unaudited (what was not read is never passed). */
export function exitCodeFor(risk: RiskLevel, failOn: Severity, unaudited = 0): number {
  if (unaudited > 0) return EXIT_FINDINGS;
  return RISK_LEVELS.indexOf(risk) >= RISK_LEVELS.indexOf(failOn) ? EXIT_FINDINGS : EXIT_OK;
}
