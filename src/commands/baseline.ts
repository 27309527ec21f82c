// `pyguard baseline write FILE check|scan ARGS...`: runs the audit and saves its result as the baseline that
// `--baseline FILE` reads, whatever it found (a baseline accepts today's findings); an incomplete audit is not saved.
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXIT_OK, EXIT_USAGE, UserError } from '../util/errors.ts';
import type { CommandIO } from './io.ts';

const USAGE = 'baseline: usage: pyguard baseline write FILE check|scan ARGS...';

export async function runBaseline(argv: string[], io: CommandIO): Promise<number> {
  const [action, file, command, ...rest] = argv;
  if (action !== 'write' || !file || file.startsWith('-') || (command !== 'check' && command !== 'scan'))
    throw new UserError(USAGE);
  const run = command === 'check' ? (await import('./check.ts')).runCheck : (await import('./scan.ts')).runScan;
  const code = await run([...rest, '--no-policy', `--json=${file}`], io);
  if (code >= EXIT_USAGE) {
    rmSync(resolve(io.cwd, file), { force: true });
    io.stderr(`pyguard: baseline: not written: the audit was incomplete\n`);
    return code;
  }
  io.stderr(`pyguard: baseline written to ${file}\n`);
  return EXIT_OK;
}
