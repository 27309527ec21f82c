// `pyguard shell-init bash|zsh|fish`: shell functions that route `pip install`, `pip3 install` and
// `python -m pip install` through `pyguard pip install`, with the interpreter that command would have used.

/** bash and zsh differ only in how they find the interpreter on PATH past the functions of the same name. */
const posix = (shell: string, which: string): string => `# pyguard: audit before pip installs (eval "$(pyguard shell-init ${shell})")
pip() {
  if [ "$1" = install ]; then command pyguard pip "$@"; else command pip "$@"; fi
}
pip3() {
  if [ "$1" = install ]; then command pyguard pip "$@"; else command pip3 "$@"; fi
}
python() {
  if [ "$1" = -m ] && [ "$2" = pip ] && [ "$3" = install ]; then
    shift 2; command pyguard pip --python "$(${which} python)" "$@"
  else command python "$@"; fi
}
python3() {
  if [ "$1" = -m ] && [ "$2" = pip ] && [ "$3" = install ]; then
    shift 2; command pyguard pip --python "$(${which} python3)" "$@"
  else command python3 "$@"; fi
}
`;

const FISH = `# pyguard: audit before pip installs (pyguard shell-init fish | source)
function pip --wraps pip
    if test "$argv[1]" = install
        command pyguard pip $argv
    else
        command pip $argv
    end
end
function pip3 --wraps pip3
    if test "$argv[1]" = install
        command pyguard pip $argv
    else
        command pip3 $argv
    end
end
function python --wraps python
    if test "$argv[1]" = -m -a "$argv[2]" = pip -a "$argv[3]" = install
        command pyguard pip --python (command -v python) $argv[3..-1]
    else
        command python $argv
    end
end
function python3 --wraps python3
    if test "$argv[1]" = -m -a "$argv[2]" = pip -a "$argv[3]" = install
        command pyguard pip --python (command -v python3) $argv[3..-1]
    else
        command python3 $argv
    end
end
`;

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

export function shellInit(shell: Shell): string {
  if (shell === 'fish') return FISH;
  return shell === 'zsh' ? posix('zsh', 'whence -p') : posix('bash', 'type -P');
}
