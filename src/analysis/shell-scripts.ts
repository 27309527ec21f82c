// Scripts in other languages that install-time code runs (`bash install.sh`, `cmd /c setup.bat`, `powershell -File
// x.ps1`, `node post.js`): shell and batch scripts are analysed line by line as the command lines they are, each
// wrapped as `os.system(line)` so every process rule reads it; languages pyguard does not analyse (JavaScript,
// VBScript) are reported as not analysed, which makes the target unaudited.

/** Continued lines are joined up to this length (a hostile script of endless continuations stays linear). */
const MAX_COMMAND = 65_536;

/** Scripts whose lines are command lines. */
export const COMMAND_SCRIPT = /\.(sh|bash|bat|cmd|ps1)$/i;
/** Any script file a command line can run by name or through its interpreter. */
export const SCRIPT_FILE = /\.(sh|bash|bat|cmd|ps1|js|vbs)$/i;

/**
 * The script as Python that runs each of its command lines, one per line in the same place (blank and comment lines
 * stay empty, continued lines are joined on the first): what the process rules read. PowerShell lines keep their
 * interpreter's name in front, as a command line would.
 */
export function commandsAsPython(path: string, data: Uint8Array): Uint8Array {
  const powershell = /\.ps1$/i.test(path);
  const lines = new TextDecoder('utf-8', { fatal: false }).decode(data).split(/\r?\n/);
  const out: string[] = [];
  for (let index = 0; index < lines.length; index++) {
    const start = index;
    // a line continued with \ (sh), ^ (cmd) or ` (PowerShell) goes on on the next one
    const parts = [lines[index]];
    let length = parts[0].length;
    while (/[\\^`]$/.test(parts[parts.length - 1]) && index + 1 < lines.length && length < MAX_COMMAND) {
      parts[parts.length - 1] = parts[parts.length - 1].slice(0, -1);
      parts.push(lines[++index]);
      length += lines[index].length;
    }
    const command = parts.join(' ').trim();
    const skipped = /^(#|::|rem\b|@?echo\s+off\b)/i.test(command) || plainBuiltin(command);
    out.push(
      command && !skipped
        ? `import os; os.system(${JSON.stringify(powershell ? `powershell -Command ${command}` : command)})`
        : '',
    );
    for (let joined = start; joined < index; joined++) out.push('');
  }
  return new TextEncoder().encode(out.join('\n'));
}

/** Shell words that steer the script or print, and commands that only arrange files where the script runs. */
const BUILTINS =
  /^(echo|printf|set|setlocal|endlocal|cd|pushd|popd|export|unset|true|false|exit|return|shift|local|read|test|\[|\[\[|:|if|then|else|elif|fi|for|do|done|while|until|case|esac|function|mkdir|md|pwd|ls|dir|title|cls|pause|goto|call\s+:)(\s|$)/i;

/**
 * A builtin line with no pipe, redirection, chaining (&&, ;, &) or command substitution: it cannot run or write
 * anything by itself (`cd /tmp && ./x` is a command).
 */
function plainBuiltin(command: string): boolean {
  return BUILTINS.test(command) && !/[|>`&;<]|\$\(/.test(command);
}
