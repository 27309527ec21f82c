// `pyguard report RESULT.json [--html [FILE]] [--sarif [FILE]] [--json [FILE]]`: re-renders a saved JSON result
// without fetching or scanning. Also the writer the scan and check commands use for their report flags.

import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, basename, join, resolve } from 'node:path';
import { allRules } from '../analysis/rules/rule-catalog.ts';
import type { AuditResult } from '../model/result.ts';
import type { RuleInfo } from '../model/rules.ts';
import { renderHtml } from '../report/html/index.ts';
import { renderJson } from '../report/json.ts';
import { renderSarif } from '../report/sarif.ts';
import { describeError, EXIT_OK, UserError } from '../util/errors.ts';
import type { CommandIO } from './io.ts';
import { loadJudging } from './judging.ts';
import { readResult } from './saved-result.ts';
import { applyPolicy } from '../policy/apply.ts';

export const DEFAULT_HTML_FILE = 'pyguard-report.html';
export const DEFAULT_SARIF_FILE = 'pyguard.sarif';

export interface OutputOptions {
  /** HTML report file. */
  html?: string;
  /** SARIF file. */
  sarif?: string;
  /** JSON file, or '-' for stdout. */
  json?: string;
  /** Rule descriptions for SARIF and HTML; without them, rules are named by id only. */
  rules?: RuleInfo[];
}

/** Writes a file so that readers see either the old content or the new one, never half of it. */
export function writeFileAtomic(path: string, content: string, label = path): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, content, { flag: 'wx' });
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'the folder does not exist' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : describeError(error);
    throw new UserError(`${label}: cannot write: ${why}`);
  }
}

/** Renders the requested outputs (paths relative to io.cwd) and writes each one atomically. */
export function writeOutputs(result: AuditResult, opts: OutputOptions, io: CommandIO): void {
  const rules = opts.rules ?? [];
  const write = (file: string, content: string): void => writeFileAtomic(resolve(io.cwd, file), content, file);
  if (opts.json !== undefined) {
    const json = renderJson(result);
    if (opts.json === '-') io.stdout(json);
    else write(opts.json, json);
  }
  if (opts.sarif !== undefined) write(opts.sarif, JSON.stringify(renderSarif(result, rules), null, 2) + '\n');
  if (opts.html !== undefined) write(opts.html, renderHtml(result, { rules }));
}

const FLAGS = ['--html', '--sarif', '--json'] as const;
type Flag = (typeof FLAGS)[number];

/** Options of report that take a value and are not outputs: the policy and baseline to judge the result with. */
const JUDGING_VALUES = ['--policy', '--baseline'];

export function parseReportArgs(argv: string[]): { input: string; outputs: OutputOptions; judging?: Map<string, string> } {
  const outputs: OutputOptions = {};
  const judging = new Map<string, string>();
  const set = (flag: Flag, value: string | undefined): void => {
    if (flag === '--html') outputs.html = value ?? DEFAULT_HTML_FILE;
    else if (flag === '--sarif') outputs.sarif = value ?? DEFAULT_SARIF_FILE;
    else outputs.json = value ?? '-';
  };
  let input: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (JUDGING_VALUES.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (!value) throw new UserError(`report: ${name} needs a value`);
      judging.set(name.slice(2), value);
    } else if (name === '--no-policy') {
      judging.set('no-policy', '');
    } else if ((FLAGS as readonly string[]).includes(name)) {
      if (eq > 0) {
        set(name as Flag, arg.slice(eq + 1) || undefined);
      } else {
        // The optional FILE: the next word, unless it is another option or the only word left to be RESULT.
        const next = argv[i + 1];
        const takesNext = next !== undefined && (!next.startsWith('-') || next === '-') && (input !== undefined || i + 2 < argv.length);
        set(name as Flag, takesNext ? next : undefined);
        if (takesNext) i++;
      }
    } else if (arg.startsWith('-') && arg !== '-') {
      throw new UserError(`report: unknown option ${arg}`);
    } else if (input === undefined) {
      input = arg;
    } else {
      throw new UserError(`report: unexpected argument ${arg}`);
    }
  }
  if (input === undefined) throw new UserError('report: missing RESULT.json (usage: pyguard report RESULT.json [--html [FILE]] [--sarif [FILE]] [--json [FILE]])');
  if (outputs.html === undefined && outputs.sarif === undefined && outputs.json === undefined) {
    throw new UserError('report: choose at least one output: --html [FILE], --sarif [FILE] or --json [FILE]');
  }
  return { input, outputs, ...(judging.size > 0 ? { judging } : {}) };
}

export async function runReport(argv: string[], io: CommandIO): Promise<number> {
  const { input, outputs, judging = new Map<string, string>() } = parseReportArgs(argv);
  const values = new Map([...judging].filter(([key]) => key !== 'no-policy'));
  const args = { positionals: [input], flags: new Set(judging.has('no-policy') ? ['no-policy'] : []), values, multi: new Map(), files: new Map() };
  const result = applyPolicy(readResult(input, io.cwd), loadJudging('report', args, io));
  writeOutputs(result, { ...outputs, rules: allRules() }, io);
  return EXIT_OK;
}
