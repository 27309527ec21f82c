// The interpreter `python3` resolves to on this machine, asked once. Tests that run the real pip call it by its path:
// through a version manager's shim (pyenv), every `pip install` rehashes the shims folder afterwards, and pip runs
// in parallel then race on that folder and fail.
import { execFileSync } from 'node:child_process';

let interpreter: string | undefined;

export function pythonInterpreter(): string {
  interpreter ??= execFileSync('python3', ['-c', 'import sys; print(sys.executable)'], { encoding: 'utf8' }).trim();
  return interpreter;
}
