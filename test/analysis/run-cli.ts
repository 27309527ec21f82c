// Runs the whole pyguard CLI in-process with captured output, for the analysis tests. Results are cached in a
// temporary folder of this test process (removed when it exits), never in the user's ~/.cache/pyguard.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli.ts';
import type { AuditResult } from '../../src/model/result.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

const CACHE_DIR = mkdtempSync(join(tmpdir(), 'pyguard-test-cache-'));
process.on('exit', () => rmSync(CACHE_DIR, { recursive: true, force: true }));

export async function runCli(argv: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd,
    env: { PYGUARD_CACHE_DIR: CACHE_DIR },
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** `pyguard scan PATH [EXTRA...] --json` parsed (--json last: it takes no argument there); fails loudly when the output is not JSON. */
export async function scanJson(
  path: string,
  cwd: string,
  extra: string[] = [],
): Promise<{ code: number; result: AuditResult }> {
  const run = await runCli(['scan', path, ...extra, '--json'], cwd);
  try {
    return { code: run.code, result: JSON.parse(run.stdout) as AuditResult };
  } catch {
    throw new Error(`scan ${path} did not print JSON (exit ${run.code}): ${run.stderr}`);
  }
}
