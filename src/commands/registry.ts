// The commands pyguard knows: for each, its one-line summary, usage lines and option groups. This table drives the
// parser, `pyguard --help`, `pyguard COMMAND --help` and the did-you-mean hints.
//
// To add an option: add a row to a group in options.ts (or a new group listed in a command's `groups` here); read it
// in the command from the parsed args (`args.flags.has('no-cache')`, `args.values.get('config')`, ...).
// To add a command: add an entry here, and write its module exporting a `Command` (src/commands/io.ts) that starts
// with `parseCommandArgs('NAME', argv)`; the compiler then asks for its loader in cli.ts's RUNNERS (the only import
// of the command modules, so that no command imports its way back to itself). A command whose arguments are another
// tool's (pip's) sets `ownArguments`: it parses them itself, and only `pyguard help NAME` shows its table.
import { parseArgs, type OptionTable, type ParsedArgs } from './args.ts';
import {
  CACHE_OPTIONS,
  GLOBAL_OPTIONS,
  INDEX_OPTIONS,
  JUDGING_OPTIONS,
  type OptionGroup,
  PIP_OPTIONS,
  REPORT_OPTIONS,
  REQUIREMENT_OPTIONS,
  SERVE_OPTIONS,
  TARGET_OPTIONS,
} from './options.ts';

export interface CommandSpec {
  summary: string;
  /** What follows `pyguard NAME` in each usage line. */
  usage: string[];
  /** More lines for `pyguard NAME --help`, after the usage. */
  description?: string;
  /** The option groups it takes besides GLOBAL_OPTIONS. */
  groups: OptionGroup[];
  /** It parses its own arguments (pip's): the command line is not checked against `groups`, --help goes to it. */
  ownArguments?: boolean;
}

const TABLE = {
  check: {
    summary: 'resolve what pip would install, fetch it, audit every file',
    usage: ['SPEC... [-r requirements.txt]... [options]', '[PROJECT_DIR | -r pyproject.toml] [options]'],
    description:
      'SPEC is a requirement as pip takes it (requests, "requests>=2.31", "requests[socks]==2.32.3").\n' +
      "A folder (. or path/to/project) or -r pyproject.toml audits the project's [project] dependencies,\n" +
      'its optional-dependencies and its [dependency-groups]. pip configuration is read as pip reads it.',
    groups: [REQUIREMENT_OPTIONS, TARGET_OPTIONS, INDEX_OPTIONS, REPORT_OPTIONS, JUDGING_OPTIONS],
  },
  scan: {
    summary: 'audit local files, folders and archives, or one package from the index',
    usage: ['PATH... [options]', 'NAME[==VERSION] [options]'],
    description:
      'PATH is a .py file, a folder, a wheel, an sdist or an egg; it is read in memory, nothing is run.\n' +
      'NAME is fetched from the index (without its dependencies) with the same index options as check.',
    groups: [TARGET_OPTIONS, INDEX_OPTIONS, REPORT_OPTIONS, JUDGING_OPTIONS],
  },
  report: {
    summary: 're-render a saved JSON result; gate CI on it with --fail-on',
    usage: ['RESULT.json [--html[=FILE]] [--sarif[=FILE]] [--json[=FILE]] [--fail-on LEVEL]'],
    description: 'Without an output option, prints the terminal report. Nothing is fetched or scanned again.',
    groups: [REPORT_OPTIONS, JUDGING_OPTIONS],
  },
  pip: {
    summary: 'audit what pip install would install, then install exactly the audited files (or block)',
    usage: ['install SPEC... [-r FILE] [pip options] [options]', 'OTHER...'],
    description:
      'Any other pip command is passed to pip unchanged. pip install options that would fetch unaudited code are refused.',
    groups: [PIP_OPTIONS, JUDGING_OPTIONS],
    ownArguments: true,
  },
  'shell-init': {
    summary: 'print shell functions that route pip install through pyguard',
    usage: ['bash|zsh|fish'],
    groups: [],
  },
  baseline: {
    summary: "save today's findings as known, for --baseline FILE",
    usage: ['write FILE check|scan ARGS...'],
    groups: [],
    ownArguments: true,
  },
  cache: {
    summary: 'show, delete or prune the cache (downloads, index pages, analysis results)',
    usage: ['info|clean|prune [--older-than AGE] [--cache-dir DIR]'],
    description:
      'info lists what each part holds and the analysis results per engine and rules version.\n' +
      'prune deletes results of other versions (never read again) and, with --older-than, anything unused for AGE.\n' +
      "clean deletes everything pyguard cached (only pyguard's own folders).",
    groups: [CACHE_OPTIONS],
  },
  'serve-index': {
    summary: 'serve a folder of distributions as a local package index',
    usage: ['DIR [--port N] [--host ADDRESS]'],
    groups: [SERVE_OPTIONS],
  },
} satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof TABLE;
export const COMMANDS: Record<CommandName, CommandSpec> = TABLE;
export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** Every option group of a command, GLOBAL_OPTIONS first. */
export function commandGroups(name: CommandName): OptionGroup[] {
  const spec = COMMANDS[name];
  if (!spec.ownArguments) return [GLOBAL_OPTIONS, ...spec.groups];
  // Its -q (pip's) is not pyguard's: only --help and --version, given first, are answered by pyguard.
  const { help, version } = GLOBAL_OPTIONS.options;
  return [{ title: GLOBAL_OPTIONS.title, options: { help, version } }, ...spec.groups];
}

export function commandOptions(name: CommandName): OptionTable {
  return Object.assign({}, ...commandGroups(name).map((group) => group.options)) as OptionTable;
}

/** The first command (in table order) that takes a long option, for the hint on a misplaced one. */
function ownerOf(option: string): string | undefined {
  return COMMAND_NAMES.find((name) => !COMMANDS[name].ownArguments && Object.hasOwn(commandOptions(name), option));
}

/** Parses a command's arguments against its table. */
export function parseCommandArgs(name: CommandName, argv: string[]): ParsedArgs {
  return parseArgs(name, argv, commandOptions(name), { ownerOf });
}
