// `pyguard report RESULT.json [--html [FILE]] [--sarif [FILE]] [--json [FILE]]`: re-renders a saved JSON result
// without fetching or scanning; with no output option it shows it (the app on a terminal, else the plain report).

import { allRules } from '../analysis/rules/rule-catalog.ts';
import { applyPolicy } from '../policy/apply.ts';
import { EXIT_OK, UserError } from '../util/errors.ts';
import type { ParsedArgs } from './args.ts';
import type { CommandIO } from './io.ts';
import { loadJudging } from './judging.ts';
import { DEFAULT_HTML_FILE, DEFAULT_SARIF_FILE, type OutputOptions, writeOutputs } from './outputs.ts';
import { failLevel } from './present.ts';
import { readResult } from './saved-result.ts';
import { openSession } from './session.ts';

const FLAGS = ['--html', '--sarif', '--json'] as const;
type Flag = (typeof FLAGS)[number];

/** Options that change how the result is shown, not which files are written. */
const DISPLAY_FLAGS: Record<string, string> = { '--verbose': 'verbose', '-v': 'verbose', '--no-tui': 'no-tui', '--quiet': 'quiet', '-q': 'quiet', '--no-color': 'no-color', '--no-policy': 'no-policy' };
/** Options of report that take a value and are not outputs: the thresholds, and the policy and baseline to judge the result with. */
const JUDGING_VALUES = ['--fail-on', '--warn-on', '--policy', '--baseline'];

export interface ReportArgs {
  input: string;
  outputs: OutputOptions;
  /** The judging options and the display flags, in the form the presenters read. */
  display: ParsedArgs;
}

export function parseReportArgs(argv: string[]): ReportArgs {
  const outputs: OutputOptions = {};
  const display: ParsedArgs = { positionals: [], flags: new Set(), values: new Map(), multi: new Map(), files: new Map() };
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
    if (DISPLAY_FLAGS[arg]) {
      display.flags.add(DISPLAY_FLAGS[arg]);
    } else if (JUDGING_VALUES.includes(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
      if (!value) throw new UserError(`report: ${name} needs a value`);
      display.values.set(name.slice(2), value);
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
  if (input === undefined) throw new UserError('report: missing RESULT.json (usage: pyguard report RESULT.json [--html [FILE]] [--sarif [FILE]] [--json [FILE]] [--fail-on LEVEL])');
  display.positionals.push(input);
  return { input, outputs, display };
}

/** With output options, writes those files (exit 0); without, shows the result like check does and exits by --fail-on. */
export async function runReport(argv: string[], io: CommandIO): Promise<number> {
  const { input, outputs, display } = parseReportArgs(argv);
  failLevel('report', display);
  const result = applyPolicy(readResult(input, io.cwd), loadJudging('report', display, io));
  if (outputs.html !== undefined || outputs.sarif !== undefined || outputs.json !== undefined) {
    writeOutputs(result, { ...outputs, rules: allRules() }, io);
    return EXIT_OK;
  }
  const session = await openSession({ ...display, flags: new Set([...display.flags, 'quiet']) }, io);
  try {
    return await session.show(result);
  } finally {
    session.close();
  }
}
