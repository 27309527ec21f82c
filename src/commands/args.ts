// A small argument parser for the commands: boolean flags, options with a value, repeatable options,
// and report options whose FILE is optional (taken only when the next word looks like that kind of file).
import { UserError } from '../util/errors.ts';

export type OptionKind = 'boolean' | 'value' | 'multi' | 'optional-file';

export interface OptionSpec {
  kind: OptionKind;
  /** For optional-file: the file name endings that mark the next word as the FILE. */
  extensions?: string[];
  short?: string;
}

export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
  multi: Map<string, string[]>;
  /** optional-file options that were given; the value is '' when no FILE followed. */
  files: Map<string, string>;
}

export function parseArgs(command: string, argv: string[], spec: Record<string, OptionSpec>): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], flags: new Set(), values: new Map(), multi: new Map(), files: new Map() };
  const byShort = new Map(Object.entries(spec).filter(([, s]) => s.short).map(([name, s]) => [s.short!, name]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('-') || arg === '-') {
      parsed.positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const raw = eq > 0 ? arg.slice(0, eq) : arg;
    const name = raw.startsWith('--') ? raw.slice(2) : byShort.get(raw.slice(1));
    const option = name ? spec[name] : undefined;
    if (!name || !option) throw new UserError(`${command}: unknown option ${raw}`);
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    if (option.kind === 'boolean') {
      if (inline !== undefined) throw new UserError(`${command}: ${raw} takes no value`);
      parsed.flags.add(name);
    } else if (option.kind === 'optional-file') {
      const next = argv[i + 1];
      const takesNext = inline === undefined && next !== undefined && (next === '-' || (option.extensions ?? []).some((ext) => next.toLowerCase().endsWith(ext)));
      parsed.files.set(name, inline ?? (takesNext ? next : ''));
      if (takesNext) i++;
    } else {
      const value = inline ?? argv[++i];
      if (value === undefined || (inline === undefined && value.startsWith('-') && value !== '-')) throw new UserError(`${command}: ${raw} needs a value`);
      if (option.kind === 'multi') parsed.multi.set(name, [...(parsed.multi.get(name) ?? []), value]);
      else parsed.values.set(name, value);
    }
  }
  return parsed;
}

/** The report options every auditing command accepts. */
export const REPORT_OPTIONS: Record<string, OptionSpec> = {
  json: { kind: 'optional-file', extensions: ['.json'] },
  html: { kind: 'optional-file', extensions: ['.html', '.htm'] },
  sarif: { kind: 'optional-file', extensions: ['.sarif', '.json'] },
  'fail-on': { kind: 'value' },
  verbose: { kind: 'boolean', short: 'v' },
  'no-color': { kind: 'boolean' },
  quiet: { kind: 'boolean', short: 'q' },
  'no-tui': { kind: 'boolean' },
};
