// `pyguard shell-init bash|zsh|fish`: prints the shell functions that put pyguard in front of pip install.
import { shellInit, SHELLS, type Shell } from '../enforce/shell-init.ts';
import { EXIT_OK, UserError } from '../util/errors.ts';
import type { CommandIO } from './io.ts';

export async function runShellInit(argv: string[], io: CommandIO): Promise<number> {
  const [shell, ...extra] = argv;
  if (!shell || extra.length > 0 || !(SHELLS as readonly string[]).includes(shell)) {
    throw new UserError(`shell-init: give one shell: ${SHELLS.join('|')}`);
  }
  io.stdout(shellInit(shell as Shell));
  return EXIT_OK;
}
