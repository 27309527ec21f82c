// The argument parser every command shares, driven by option tables (src/commands/options.ts, registry.ts):
// flags, options with a value (`--x V`, `--x=V`, `-xV`, clustered `-qv`), repeatable options, values from a fixed
// list (any case), and report outputs whose FILE is optional but can never swallow an argument: a separate word is
// the FILE only when it is `-` or ends in the option's extension, otherwise the parse fails with a one-line error.
import { closestMatch } from '../util/closest.ts';
import { UserError } from '../util/errors.ts';

export type OptionKind = 'boolean' | 'value' | 'multi' | 'output';

export interface OptionSpec {
  kind: OptionKind;
  /** One-line description for `pyguard COMMAND --help` (every option of a registered command's groups has one). */
  help?: string;
  /** A one-letter alias, e.g. 'r' for -r. */
  short?: string;
  /** The value's name in help (value, multi, output), e.g. URL, FILE. */
  arg?: string;
  /** value: the accepted values, matched in any case and stored lower-case. */
  choices?: readonly string[];
  /** output: the endings that let the next word be the FILE ('-' always may: stdout). */
  extensions?: readonly string[];
  /** output: where it goes when no FILE is given ('-' is stdout). */
  defaultFile?: string;
}

export type OptionTable = Record<string, OptionSpec>;

export interface ParsedArgs {
  command: string;
  /** The command's arguments as given. */
  argv: string[];
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
  multi: Map<string, string[]>;
  /** Output options that were given: name → FILE, or '-' for stdout (the option's default when no FILE was named). */
  outputs: Map<string, string>;
}

export interface ParseContext {
  /** For the hint on an option this command lacks: the command that has it. */
  ownerOf?: (option: string) => string | undefined;
}

function unknownOption(command: string, raw: string, table: OptionTable, context: ParseContext): UserError {
  const long = raw.startsWith('--') ? raw.slice(2) : undefined;
  const owner = long ? context.ownerOf?.(long) : undefined;
  if (owner)
    return new UserError(
      `${command}: ${raw} is an option of '${owner}', not of '${command}' (see pyguard ${command} --help)`,
    );
  const names = raw.startsWith('--')
    ? Object.keys(table).map((n) => `--${n}`)
    : Object.values(table).flatMap((s) => (s.short ? [`-${s.short}`] : []));
  const guess = raw.startsWith('--') ? closestMatch(raw, names) : undefined;
  return new UserError(
    `${command}: unknown option ${raw}${guess ? ` (did you mean ${guess}?)` : ''} (see pyguard ${command} --help)`,
  );
}

function choose(command: string, raw: string, spec: OptionSpec, value: string): string {
  if (!spec.choices) return value;
  const lower = value.toLowerCase();
  if (spec.choices.includes(lower)) return lower;
  const guess = closestMatch(lower, spec.choices);
  throw new UserError(
    `${command}: ${raw} must be one of ${spec.choices.join('|')}, not '${value}'${guess ? ` (did you mean ${guess}?)` : ''}`,
  );
}

/** The FILE of an output option given without `=`: the next word when it can only be a file, else the default. */
function outputFile(
  command: string,
  raw: string,
  spec: OptionSpec,
  next: string | undefined,
): { file: string; consumed: boolean } {
  const fallback = { file: spec.defaultFile ?? '-', consumed: false };
  if (next === undefined || (next.startsWith('-') && next !== '-')) return fallback;
  const extensions = spec.extensions ?? [];
  if (next === '-' || extensions.some((ext) => next.toLowerCase().endsWith(ext))) return { file: next, consumed: true };
  throw new UserError(
    `${command}: ${raw} ${next}: an ${raw} FILE must end in ${extensions.join(' or ')}; write ${raw}=${next} to use that name, or put ${raw} after the arguments`,
  );
}

export function parseArgs(command: string, argv: string[], table: OptionTable, context: ParseContext = {}): ParsedArgs {
  const parsed: ParsedArgs = {
    command,
    argv,
    positionals: [],
    flags: new Set(),
    values: new Map(),
    multi: new Map(),
    outputs: new Map(),
  };
  const byShort = new Map(
    Object.entries(table)
      .filter(([, s]) => s.short)
      .map(([name, s]) => [s.short!, name]),
  );

  /** Records option `name`; returns how many of the following words it took. */
  const take = (name: string, raw: string, inline: string | undefined, next: string | undefined): number => {
    const spec = table[name];
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UserError(`${command}: ${raw} takes no value`);
      parsed.flags.add(name);
      return 0;
    }
    if (spec.kind === 'output') {
      if (inline === '') throw new UserError(`${command}: ${raw}= needs a FILE (or - for stdout)`);
      const { file, consumed } =
        inline !== undefined ? { file: inline, consumed: false } : outputFile(command, raw, spec, next);
      parsed.outputs.set(name, file);
      return consumed ? 1 : 0;
    }
    const value = inline ?? next;
    if (value === undefined || (inline === undefined && value.startsWith('-') && value !== '-')) {
      throw new UserError(`${command}: ${raw} needs a value${spec.arg ? ` (${spec.arg})` : ''}`);
    }
    const chosen = choose(command, raw, spec, value);
    if (spec.kind === 'multi') parsed.multi.set(name, [...(parsed.multi.get(name) ?? []), chosen]);
    else parsed.values.set(name, chosen);
    return inline === undefined ? 1 : 0;
  };

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
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const raw = eq > 0 ? arg.slice(0, eq) : arg;
      const name = raw.slice(2);
      if (!Object.hasOwn(table, name)) throw unknownOption(command, raw, table, context);
      i += take(name, raw, eq > 0 ? arg.slice(eq + 1) : undefined, argv[i + 1]);
      continue;
    }
    // Short options: a cluster of flags (-qv), the last of which may take a value, attached (-rFILE) or next (-r FILE).
    for (let j = 1; j < arg.length; j++) {
      const raw = `-${arg[j]}`;
      const name = byShort.get(arg[j]);
      if (!name) throw unknownOption(command, raw, table, context);
      if (table[name].kind === 'boolean') {
        take(name, raw, undefined, undefined);
        continue;
      }
      const attached = arg.slice(j + 1).replace(/^=/, '');
      i += take(name, raw, attached === '' ? undefined : attached, argv[i + 1]);
      break;
    }
  }
  return parsed;
}
