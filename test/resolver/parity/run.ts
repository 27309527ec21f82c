// Runs the real pip (dry run, JSON report) and pyguard's resolver against the same local index and target, and
// reduces both to comparable sets of "name version filename" lines.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '../../../src/pypi/archive/index.ts';
import { buildEnvironment, detectEnvironment, type TargetEnvironment } from '../../../src/pypi/environment.ts';
import { createFetchContext } from '../../../src/pypi/fetch/context.ts';
import { fetchArtifact } from '../../../src/pypi/fetch/download.ts';
import { SimpleIndex } from '../../../src/pypi/index/simple.ts';
import { normalizeName } from '../../../src/pypi/names.ts';
import { parseRequirement } from '../../../src/pypi/pep508.ts';
import { platformTags } from '../../../src/pypi/tags.ts';
import { resolve, type ResolutionOutcome } from '../../../src/pypi/resolver/index.ts';
import { normalizeVersion } from '../../../src/pypi/version.ts';
import { pythonInterpreter } from '../../python-interpreter.ts';

export interface Target {
  pythonVersion: string;
  platform: string;
}

export interface RunOptions {
  roots: string[];
  /** pip's --python-version/--platform (which need --only-binary=:all:); default: this machine's python3. */
  target?: Target;
  pre?: boolean;
  noDeps?: boolean;
}

export interface PipOutcome {
  ok: boolean;
  installs: string[];
  stderr: string;
}

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  return new Promise((done) => {
    execFile(
      cmd,
      args,
      { cwd, env: { PATH: process.env.PATH, HOME: cwd, PYTHONDONTWRITEBYTECODE: '1' }, timeout: 120_000 },
      (error, _stdout, stderr) => {
        done({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stderr });
      },
    );
  });
}

export async function runPip(simpleUrl: string, options: RunOptions): Promise<PipOutcome> {
  const work = await mkdtemp(join(tmpdir(), 'pyguard-pip-'));
  try {
    const report = join(work, 'report.json');
    const args = [
      '-m',
      'pip',
      '--isolated',
      '--disable-pip-version-check',
      '--no-color',
      'install',
      '--dry-run',
      '--ignore-installed',
      '--no-cache-dir',
      '--quiet',
      '--report',
      report,
      '--index-url',
      simpleUrl,
    ];
    if (options.target) {
      // pip accepts --python-version/--platform only with --target (nothing is written: this is a dry run). pip 23
      // does not widen `manylinux_2_28_x86_64` to the older glibc tags a real machine accepts, so all are given.
      args.push(
        '--target',
        join(work, 'target'),
        '--python-version',
        options.target.pythonVersion,
        '--only-binary=:all:',
      );
      for (const platform of platformTags(options.target.platform)) args.push('--platform', platform);
    }
    if (options.pre) args.push('--pre');
    if (options.noDeps) args.push('--no-deps');
    args.push(...options.roots);
    const { code, stderr } = await run(pythonInterpreter(), args, work);
    if (code !== 0) return { ok: false, installs: [], stderr };
    const data = JSON.parse(await readFile(report, 'utf8')) as {
      install: { metadata: { name: string; version: string }; download_info: { url: string } }[];
    };
    const installs = data.install.map((i) =>
      line(i.metadata.name, i.metadata.version, decodeURIComponent(i.download_info.url.split('/').pop() ?? '')),
    );
    return { ok: true, installs: installs.sort(), stderr };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function line(name: string, version: string, filename: string): string {
  return `${normalizeName(name)} ${normalizeVersion(version)} ${filename}`;
}

let nativeEnv: Promise<TargetEnvironment> | undefined;

export function environmentFor(target: Target | undefined): Promise<TargetEnvironment> {
  if (target) return Promise.resolve(buildEnvironment(target.pythonVersion, target.platform));
  nativeEnv ??= detectEnvironment({ env: process.env });
  return nativeEnv;
}

export async function runPyguard(
  simpleUrl: string,
  options: RunOptions,
): Promise<{ outcome: ResolutionOutcome; installs: string[] }> {
  const ctx = createFetchContext({ env: {}, noCache: true });
  const env = await environmentFor(options.target);
  const outcome = await resolve(
    options.roots.map((r) => ({ requirement: parseRequirement(r) })),
    {
      index: new SimpleIndex(ctx, simpleUrl),
      env,
      fetchFile: async (file) => (await fetchArtifact(file, ctx)).bytes,
      openArchive: (bytes, filename) => openArchive(bytes, filename),
      pre: options.pre,
      noDeps: options.noDeps,
      onlyBinary: Boolean(options.target),
    },
  );
  const installs = outcome.distributions.map((d) => line(d.name, d.version, d.file.filename)).sort();
  return { outcome, installs };
}
