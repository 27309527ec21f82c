#!/usr/bin/env node
// pyguard's command line: parses the command name and hands the rest to src/commands/*. Errors reach the
// user as one line and exit code 2, never as a stack trace.
import type { Command, CommandIO } from './commands/io.ts';
import { processIO } from './commands/io.ts';
import { toolVersion } from './model/build-result.ts';
import { StandardsError } from './pypi/standards-error.ts';
import { describeError, EXIT_OK, EXIT_USAGE, UserError } from './util/errors.ts';

const HELP = `pyguard: audit Python packages before you install them

Usage:
  pyguard pip install SPEC... [-r FILE]            audit, then install exactly the audited files (or block)
  pyguard pip OTHER...                             any other pip command, passed through unchanged
  pyguard shell-init bash|zsh|fish                 shell functions routing pip install through pyguard
  pyguard check SPEC... [-r requirements.txt]...   resolve what pip would install, fetch it, audit every file
  pyguard scan PATH...                             audit a .py file, a folder, a wheel, an sdist or an egg
  pyguard scan NAME[==VERSION]                     audit one package from the index (no dependencies)
  pyguard report RESULT.json --html [FILE]         re-render a saved JSON result (also --sarif, --json)
  pyguard serve-index DIR [--port N]               serve a folder of distributions as a local package index
  pyguard baseline write FILE check|scan ARGS...   save today's findings as known (for --baseline FILE)

Report options (scan, check):
  --json [FILE]      machine-readable result (stdout when FILE is omitted)
  --html [FILE]      self-contained HTML report (default pyguard-report.html)
  --sarif [FILE]     SARIF 2.1.0 for code-scanning dashboards (default pyguard.sarif)
  --fail-on LEVEL    exit 1 when the overall risk reaches LEVEL: info|low|medium|high|critical (default high)
  --warn-on LEVEL    pip install asks before installing at LEVEL (--yes accepts; never asks when not interactive)
  --policy FILE      the policy (default: nearest pyguard.toml or pyproject.toml [tool.pyguard]); --no-policy
  --baseline FILE    a saved JSON result: its findings are known and do not count towards --fail-on
  -v, --verbose      show info-level findings too
  --no-color         plain output

Check options:
  --python-version X.Y  --platform TAG  --pre  --no-deps  --all-files  --offline
  --pypi-url URL  --index-url URL  --extra-index-url URL  --find-links DIR  --no-index  --isolated  --cache-dir DIR

Exit codes: 0 below --fail-on, 1 at or above it or when anything could not be analysed (UNAUDITED),
2 usage, input or network errors.
Run 'pyguard COMMAND --help' for the options of one command.`;

const COMMANDS: Record<string, () => Promise<Command>> = {
  scan: async () => (await import('./commands/scan.ts')).runScan,
  check: async () => (await import('./commands/check.ts')).runCheck,
  report: async () => (await import('./commands/report.ts')).runReport,
  'serve-index': async () => (await import('./commands/serve-index.ts')).runServeIndex,
  pip: async () => (await import('./commands/pip.ts')).runPipCommand,
  'shell-init': async () => (await import('./commands/shell-init.ts')).runShellInit,
  baseline: async () => (await import('./commands/baseline.ts')).runBaseline,
};

export async function main(argv: string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(`${HELP}\n`);
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`pyguard ${toolVersion()}\n`);
    return EXIT_OK;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.stderr(`pyguard: unknown command '${name}' (try: pyguard --help)\n`);
    return EXIT_USAGE;
  }
  if (name !== 'pip' && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout(`${HELP}\n`);
    return EXIT_OK;
  }
  try {
    return await (await load())(rest, io);
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
  const code = await main(process.argv.slice(2), processIO());
  process.exitCode = code;
}
