// Runs the real pyguard command line as a child process (node + tsx on src/cli.ts): real exit code, real streams.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CLI = join(import.meta.dirname, '../../src/cli.ts');
/** tsx by URL: `--import tsx` would be looked up from the child's working folder. */
const TSX = import.meta.resolve('tsx');

export interface Spawned {
  code: number;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  cwd?: string;
  /** Added to a clean environment (own HOME and cache, no pip configuration, no colour). */
  env?: Record<string, string>;
}

/** A fresh temporary folder and its removal. */
export function tempDir(prefix = 'pyguard-cli-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function pyguard(args: string[], options: SpawnOptions = {}): Promise<Spawned> {
  const cwd = options.cwd ?? tmpdir();
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: cwd,
    PYGUARD_CACHE_DIR: join(cwd, '.pyguard-cache'),
    PIP_CONFIG_FILE: '/dev/null',
    NO_COLOR: '1',
    ...options.env,
  };
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', TSX, CLI, ...args],
      { cwd, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        done({ code, stdout, stderr });
      },
    );
  });
}
