#!/usr/bin/env node
// pyguard's command line: finds the command in the command table (src/commands/registry.ts), parses its options,
// answers --help and --version, checks the report destinations, then runs the command. Errors reach the user as
// one line and exit code 2, never as a stack trace.
import { interrupt } from './commands/interrupt.ts';
import { type Command, processIO, type CommandIO } from './commands/io.ts';
import { commandHelp, mainHelp } from './commands/help.ts';
import { checkOutputPaths } from './commands/outputs.ts';
import { type CommandName, COMMAND_NAMES, COMMANDS, isCommand, parseCommandArgs } from './commands/registry.ts';
import { toolVersion } from './model/build-result.ts';
import { StandardsError } from './pypi/standards-error.ts';
import { closestMatch } from './util/closest.ts';
import { describeError, EXIT_OK, EXIT_USAGE, UserError } from './util/errors.ts';

/** The module of each command in the table (src/commands/registry.ts), loaded when it runs. */
const RUNNERS: Record<CommandName, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.ts')).runCheck,
  scan: async () => (await import('./commands/scan.ts')).runScan,
  report: async () => (await import('./commands/report.ts')).runReport,
  pip: async () => (await import('./commands/pip.ts')).runPipCommand,
  'shell-init': async () => (await import('./commands/shell-init.ts')).runShellInit,
  baseline: async () => (await import('./commands/baseline.ts')).runBaseline,
  'serve-index': async () => (await import('./commands/serve-index.ts')).runServeIndex,
  cache: async () => (await import('./commands/cache.ts')).runCache,
};

async function run(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    io.stdout(mainHelp());
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`pyguard ${toolVersion()}\n`);
    return EXIT_OK;
  }
  if (name === 'help') return run(rest.length > 0 ? [rest[0], '--help'] : ['--help'], io);
  if (!isCommand(name)) {
    const what = name.startsWith('-') ? 'option' : 'command';
    const guess = closestMatch(name, what === 'option' ? ['--help', '--version'] : COMMAND_NAMES);
    throw new UserError(`unknown ${what} '${name}'${guess ? ` (did you mean '${guess}'?)` : ''} (see pyguard --help)`);
  }
  const load = RUNNERS[name];
  // A command that parses its own arguments (pip's) still answers --help and --version given first.
  const args = COMMANDS[name].ownArguments
    ? parseCommandArgs(name, ['-h', '--help', '-V', '--version'].includes(rest[0] ?? '') ? [rest[0]] : [])
    : parseCommandArgs(name, rest);
  if (args.flags.has('help')) {
    io.stdout(commandHelp(name));
    return EXIT_OK;
  }
  if (args.flags.has('version')) {
    io.stdout(`pyguard ${toolVersion()}\n`);
    return EXIT_OK;
  }
  if (!COMMANDS[name].ownArguments) checkOutputPaths(name, args.outputs, io.cwd);
  return (await load())(rest, io);
}

export async function main(argv: string[], io: CommandIO): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    const message = describeError(error).split('\n')[0];
    io.stderr(`pyguard: ${message}\n`);
    // A UserError, or a standards module's typed error (bad input text), is the user's to fix: no stack.
    const expected = error instanceof UserError || error instanceof StandardsError;
    if (!expected && io.env.PYGUARD_DEBUG) io.stderr(`${(error as Error).stack}\n`);
    return error instanceof UserError ? error.exitCode : EXIT_USAGE;
  }
}

const invokedDirectly = process.argv[1] && /(^|[\\/])(cli\.(ts|js)|pyguard)$/.test(process.argv[1]);
if (invokedDirectly) {
  // React's production build for the app (its development build checks every render and is several times slower).
  process.env.NODE_ENV ??= 'production';
  process.on('SIGINT', interrupt);
  const code = await main(process.argv.slice(2), processIO());
  process.exitCode = code;
}
