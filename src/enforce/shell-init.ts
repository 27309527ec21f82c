// `pyguard shell-init bash|zsh|fish`: shell functions that route `pip install`, `pip3 install` and
// `python -m pip install` through `pyguard pip install`, with the interpreter that command would have used.

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

const PIPS = ['pip', 'pip3'];
const PYTHONS = ['python', 'python3'];

/** bash and zsh differ only in how they find an interpreter on PATH past the function of the same name. */
function posix(shell: Shell, which: string): string {
  const pip = (name: string) => `${name}() {
  if [ "$1" = install ]; then command pyguard pip "$@"; else command ${name} "$@"; fi
}`;
  const python = (name: string) => `${name}() {
  if [ "$1" = -m ] && [ "$2" = pip ] && [ "$3" = install ]; then
    shift 2; command pyguard pip --python "$(${which} ${name})" "$@"
  else command ${name} "$@"; fi
}`;
  return (
    [
      `# pyguard: audit before pip installs (eval "$(pyguard shell-init ${shell})")`,
      ...PIPS.map(pip),
      ...PYTHONS.map(python),
    ].join('\n') + '\n'
  );
}

function fish(): string {
  const pip = (name: string) => `function ${name} --wraps ${name}
    if test "$argv[1]" = install
        command pyguard pip $argv
    else
        command ${name} $argv
    end
end`;
  const python = (name: string) => `function ${name} --wraps ${name}
    if test "$argv[1]" = -m -a "$argv[2]" = pip -a "$argv[3]" = install
        command pyguard pip --python (command -v ${name}) $argv[3..-1]
    else
        command ${name} $argv
    end
end`;
  return (
    [
      '# pyguard: audit before pip installs (pyguard shell-init fish | source)',
      ...PIPS.map(pip),
      ...PYTHONS.map(python),
    ].join('\n') + '\n'
  );
}

export function shellInit(shell: Shell): string {
  if (shell === 'fish') return fish();
  return posix(shell, shell === 'zsh' ? 'whence -p' : 'type -P');
}
