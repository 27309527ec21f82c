// Runs the whole pyguard CLI in-process with captured output, for the analysis tests.
import { main } from '../../src/cli.ts';
import type { AuditResult } from '../../src/model/result.ts';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

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
    env: {},
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
