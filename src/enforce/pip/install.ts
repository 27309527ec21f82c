// `pyguard pip install ...`, the enforce stage: audits what pip would install into the interpreter's environment
// (check's resolution and audit), judges it by the user's policy, then blocks, asks, or runs that interpreter's pip
// on a requirements file pinning the audited files by sha256, with --require-hashes --no-deps and the same indexes.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditRequirements, judgedTree, probeCache, reportTargetErrors } from '../../commands/check.ts';
import { readInputs } from '../../commands/check/inputs.ts';
import type { ParsedArgs } from '../../commands/args.ts';
import { checkOutputPaths } from '../../commands/outputs.ts';
import type { CommandIO } from '../../commands/io.ts';
import { loadJudging, withPolicyIndex } from '../../commands/judging.ts';
import { present } from '../../commands/present.ts';
import { type AuditResult, type FailOn, RISK_LEVELS, type Severity } from '../../model/result.ts';
import { applyPolicy, decide } from '../../policy/apply.ts';
import { detectEnvironment } from '../../pypi/environment.ts';
import type { RequirementsFile } from '../../pypi/requirements-file.ts';
import { EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UserError } from '../../util/errors.ts';
import { parsePipInstall, type PipInstallRequest } from './arguments.ts';
import { findInterpreter, installedDistributions } from './interpreter.ts';
import { pinnedRequirements } from './pinned.ts';

/** The index options pip gets, as the audit used them: the command line's, then the requirements files' own lines. */
function indexArguments(args: ParsedArgs, files: RequirementsFile[]): string[] {
  const out: string[] = [];
  const indexUrl = args.values.get('index-url') ?? files.map((f) => f.indexUrl).find((u) => u !== undefined);
  if (indexUrl) out.push('--index-url', indexUrl);
  const extras = [...(args.multi.get('extra-index-url') ?? []), ...files.flatMap((f) => f.extraIndexUrls)];
  for (const url of new Set(extras)) out.push('--extra-index-url', url);
  const findLinks = [...(args.multi.get('find-links') ?? []), ...files.flatMap((f) => f.findLinks)];
  for (const location of new Set(findLinks)) out.push('--find-links', location);
  if (args.flags.has('no-index') || files.some((f) => f.noIndex)) out.push('--no-index');
  return out;
}

/** One line per target at or above `level`: what it is and why. */
function blockedLines(result: AuditResult, level: FailOn): string[] {
  return result.targets
    .filter(
      (t) => (level !== 'never' && RISK_LEVELS.indexOf(t.risk) >= RISK_LEVELS.indexOf(level)) || t.errors.length > 0,
    )
    .map(
      (t) =>
        `${t.name ?? t.filename} ${t.version ?? ''}`.trim() +
        `: ${t.errors.length > 0 ? 'not audited' : `risk ${t.risk}`}: ${[...t.errors.map((e) => e.message), ...t.reasons].slice(0, 3).join('; ')}`,
    );
}

/** At the warn level: --yes accepts, a person at a terminal is asked (default no), anything else declines. */
async function confirmed(request: PipInstallRequest, io: CommandIO, warnOn: Severity): Promise<boolean> {
  if (request.yes) return true;
  if (!io.ask) {
    io.stderr(
      `pyguard: findings at or above the warn level (${warnOn}); not installing without --yes in a non-interactive session\n`,
    );
    return false;
  }
  const answer = await io.ask(`pyguard: findings at or above the warn level (${warnOn}). Install anyway? [y/N] `);
  return /^y(es)?$/i.test(answer.trim());
}

/** Runs `python -m pip ARGS` in io.cwd, its output forwarded; resolves to pip's exit code. */
export function runPip(
  python: string,
  args: string[],
  io: CommandIO,
  stdio: 'forward' | 'inherit' = 'forward',
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-m', 'pip', ...args], {
      cwd: io.cwd,
      env: io.env,
      stdio: stdio === 'inherit' ? 'inherit' : ['inherit', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (chunk: Buffer) => io.stdout(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => io.stderr(chunk.toString()));
    child.on('error', (error) => reject(new UserError(`${python}: cannot run pip: ${error.message}`)));
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : EXIT_USAGE)));
  });
}

const USAGE = `Usage: pyguard pip install [pip install options] SPEC... [-r FILE]... [--yes] [--python PATH]
  Audits what pip would install into the interpreter's environment (--python, else the active virtualenv, else
  python3), then installs exactly the audited files, or blocks without running pip.
  pyguard's options: --yes (accept findings at the warn level), --warn-on LEVEL, --fail-on LEVEL, --policy FILE,
  --no-policy, --baseline RESULT.json, --json [FILE], --html [FILE], --sarif [FILE], --no-osv, --osv-url URL.
  Refused: URLs, VCS requirements, local paths, editables (-e), --no-binary: pyguard audits what an index serves.
`;

export async function runPipInstall(argv: string[], io: CommandIO): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(USAGE);
    return EXIT_OK;
  }
  const request = parsePipInstall(argv, io.cwd);
  checkOutputPaths('pip install', request.audit.outputs, io.cwd);
  const judging = loadJudging(request.audit, io);
  const args = withPolicyIndex(request.audit, judging.policy);
  if (args.positionals.length === 0 && !args.multi.has('requirement'))
    throw new UserError('pip install: give at least one requirement (NAME[SPEC] or -r FILE)');
  const inputs = await readInputs(args, io);
  const refused = inputs.notAuditable[0];
  if (refused) throw new UserError(`pip install: refused ${refused.requirement}: ${refused.reason}`);

  const python = findInterpreter(request.python, io.env);
  const pythonVersion = args.values.get('python-version');
  const platform = args.values.get('platform');
  const env = await detectEnvironment({
    python,
    pythonVersion,
    platform,
    env: io.env,
    probes: probeCache(args, io.env),
  });
  const selectors = pythonVersion !== undefined || platform !== undefined;
  const installed = request.ignoreInstalled || selectors ? [] : await installedDistributions(python, io.env);
  const audit = await auditRequirements(args, inputs, io, ['pip', 'install', ...argv], {
    env,
    installed,
    upgrade: request.upgrade,
  });
  const result = applyPolicy(audit.result, judging);
  reportTargetErrors(result.targets, io);
  const satisfied = audit.satisfied
    .map((s) => `Requirement already satisfied (not audited again): ${s.name} ${s.version}\n`)
    .join('');
  present(result, args, io, judgedTree(audit, result) + satisfied);

  const decision = result.policy?.decision ?? decide(result, judging.failOn, judging.warnOn);
  if (decision === 'fail') {
    for (const line of blockedLines(result, judging.failOn)) io.stderr(`pyguard: blocked ${line}\n`);
    io.stderr(
      `pyguard: nothing was installed (fail-on ${judging.failOn}${judging.policy.file ? `, policy ${judging.policy.file}` : ''})\n`,
    );
    return result.summary.errors > 0 ? EXIT_USAGE : EXIT_FINDINGS;
  }
  if (decision === 'warn' && !(await confirmed(request, io, judging.warnOn!))) return EXIT_FINDINGS;
  if (audit.distributions.length === 0) {
    io.stderr('pyguard: everything requested is already installed; pip is not run\n');
    return EXIT_OK;
  }
  const folder = await mkdtemp(join(tmpdir(), 'pyguard-pip-'));
  try {
    const file = join(folder, 'audited-requirements.txt');
    await writeFile(file, pinnedRequirements(audit.distributions, result.targets), { mode: 0o600 });
    // With the JSON result on stdout, pip's own output goes to stderr so stdout stays one JSON document.
    const jsonOnStdout = [...args.outputs.values()].includes('-');
    const pipIO = jsonOnStdout ? { ...io, stdout: io.stderr } : io;
    return await runPip(
      python,
      [
        'install',
        '--require-hashes',
        '--no-deps',
        '-r',
        file,
        ...indexArguments(args, inputs.files),
        ...request.passed,
      ],
      pipIO,
    );
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}
