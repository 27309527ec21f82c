// `pyguard pip install ...` audits, then installs exactly what was audited (src/enforce/pip/); `pyguard pip OTHER...`
// hands any other pip command to the same interpreter's pip unchanged.
import { findInterpreter } from '../enforce/pip/interpreter.ts';
import { runPip, runPipInstall } from '../enforce/pip/install.ts';
import { EXIT_OK, UserError } from '../util/errors.ts';
import { commandHelp } from './help.ts';
import type { CommandIO } from './io.ts';

export async function runPipCommand(argv: string[], io: CommandIO): Promise<number> {
  const [first, value, ...after] = argv;
  const leading = first === '--python' ? ['--python', value] : first?.startsWith('--python=') ? [first] : [];
  const rest = first === '--python' ? after : leading.length ? argv.slice(1) : argv;
  if (first === '--python' && value === undefined) throw new UserError('pip: --python needs a value');
  if (rest[0] === 'install' && (rest.includes('--help') || rest.includes('-h'))) {
    io.stdout(commandHelp('pip'));
    return EXIT_OK;
  }
  if (rest[0] === 'install') return runPipInstall([...leading, ...rest.slice(1)], io);
  if (rest.length === 0) throw new UserError('pip: give a pip command, e.g. pyguard pip install NAME');
  const python = findInterpreter(leading.length === 2 ? leading[1] : leading[0]?.slice('--python='.length), io.env);
  return runPip(python, rest, io, 'inherit');
}
