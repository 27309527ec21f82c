// Process rules: spawning programs, and above all programs that reach the network (curl, wget, nc,
// PowerShell web requests), fetch-and-run pipelines, encoded PowerShell and hidden windows.
import type { Severity } from '../../model/result.ts';
import { destinationFromUrl, isShady, showFolded } from '../destinations.ts';
import { HOLE } from '../evaluate.ts';
import type { CallFact } from '../facts.ts';
import { addFinding, type FileContext, raise, triggerWeight, writtenText } from '../file-context.ts';
import {
  BUILD_PROGRAMS,
  DECODE_TO_SHELL,
  INLINE_NETWORK_CODE,
  INTERPRETERS,
  NETWORK_TOOLS,
  PAYLOAD_LAUNCH,
  PIP_INSTALL,
  PIPE_TO_SHELL,
  POWERSHELL_ENCODED,
  PROCESS_APIS,
  type ProcessApi,
  RECON_COMMAND,
  REMOTE_RUN_PROGRAM,
  SILENT_EXECUTION,
} from '../indicators/process.ts';
import { findTyposquat } from '../metadata-checks/typosquat.ts';
import { SCRIPT_FILE } from '../shell-scripts.ts';
import { type Node, unwrap } from '../syntax.ts';
import type { DecodedPayloadFile } from './dynamic-code.ts';
import { memberName, memberRead } from './executed-files.ts';

const API_BY_PATH = new Map<string, ProcessApi>(PROCESS_APIS.map((api) => [api.path, api]));

export function processApiOf(call: Pick<CallFact, 'paths'>): ProcessApi | undefined {
  for (const path of call.paths) {
    const api = API_BY_PATH.get(path);
    if (api) return api;
  }
  return undefined;
}

/** The argument that holds a process call's command line (or its argv). */
function commandNode(call: CallFact, api: ProcessApi): Node | undefined {
  return call.args.positional[api.commandArg] ?? call.args.keywords.get('args');
}

/** The command line a process call runs, folded to text (list arguments joined by spaces). */
export function commandText(ctx: FileContext, call: CallFact, api: ProcessApi): string | undefined {
  const text = argumentsText(ctx, call, api);
  return api.program && text !== undefined ? `${api.program} ${text}` : text;
}

/** The command line a process call is given, as written: its program's arguments only, for an in-process program. */
function argumentsText(ctx: FileContext, call: CallFact, api: ProcessApi): string | undefined {
  const node = commandNode(call, api);
  if (!node) return undefined;
  const target = unwrap(node);
  if (target.type === 'list' || target.type === 'tuple') {
    const items = ctx.evaluator.sequenceTexts(target, 0);
    return items?.join(' ');
  }
  // command = [...]; Popen(command): the list the name is bound to
  const items = target.type === 'identifier' ? ctx.evaluator.sequenceTexts(target, 0) : undefined;
  if (items) return items.join(' ');
  // os.execv(path, argv), os.spawnl(mode, path, arg0, ...), os.posix_spawn(path, argv, env): the path, then the
  // arguments, written out or as a list (posix_spawn's environment is no part of the command)
  if (api.path.startsWith('os.exec') || api.path.startsWith('os.spawn') || api.path.startsWith('os.posix_spawn')) {
    const end = api.path.startsWith('os.posix_spawn') ? api.commandArg + 2 : undefined;
    const rest = call.args.positional
      .slice(api.commandArg, end)
      .map((arg: Node) => ctx.evaluator.sequenceTexts(unwrap(arg), 0)?.join(' ') ?? ctx.evaluator.text(arg) ?? HOLE);
    return rest.join(' ');
  }
  // ShellExecute(hwnd, verb, file, parameters, ...): the program and its parameters
  if (/ShellExecute[AW]$/.test(api.path)) {
    const [file, parameters] = call.args.positional.slice(api.commandArg, api.commandArg + 2);
    return [file, parameters]
      .filter((arg): arg is Node => !!arg)
      .map((arg) => ctx.evaluator.text(arg) ?? HOLE)
      .join(' ');
  }
  return ctx.evaluator.text(target);
}

/** A PowerShell parameter as PowerShell reads it: any prefix of its name, with - or /, then the value. */
function powerShellParameter(name: string, shortest: number, value: string, alias?: string): RegExp {
  const prefixes = [];
  for (let length = name.length; length >= shortest; length--) prefixes.push(name.slice(0, length));
  if (alias) prefixes.push(alias);
  return new RegExp(`(^|\\s)[-/](${prefixes.join('|')})[\\s:]+["']?${value}\\b`, 'i');
}

const POLICY_BYPASS = powerShellParameter('executionpolicy', 2, 'bypass', 'ep');
const HIDDEN_WINDOW = powerShellParameter('windowstyle', 1, 'hidden');

/** PowerShell told to skip the execution policy and hide its window: how droppers start a script unseen. */
function hiddenPowerShell(command: string): boolean {
  const start = /\b(powershell|pwsh)(\.exe)?\b/i.exec(command);
  if (!start) return false;
  const rest = command.slice(start.index);
  return POLICY_BYPASS.test(rest) && HIDDEN_WINDOW.test(rest);
}

/** An interpreter given its code on the command line: a second process that runs whatever the string says. */
const INLINE_INTERPRETER = /(^|[\s;&|/\\])(python[\d.]*|pythonw|py)(\.exe)?["']?\s+(-\w+\s+)*-c\b/i;

/** A shell started with nothing to run: an interactive shell, for whoever holds its input. */
const BARE_SHELL = /^\s*["']?(\/bin\/|\/usr\/bin\/)?(sh|bash|zsh|dash|cmd(\.exe)?|powershell(\.exe)?)["']?\s*$/i;

/** Shell substitutions that fill a command line with who and where the user is (`$(whoami)`, `` `hostname` ``). */
const SHELL_IDENTITY = /(\$\(|`)\s*(whoami|hostname|uname|id|pwd)\b/;

/** `attrib +h` / `+s` on a file: hides it from the user as a hidden or system file (linear: the first attrib only). */
function hidesFile(command: string): boolean {
  const at = /\battrib(\.exe)?\s/i.exec(command);
  if (!at) return false;
  const segment = command.slice(at.index).split(/[;&|\n]/)[0];
  return /(^|\s)\+[hs]\b/i.test(segment);
}

/** A command line that downloads a file and makes it executable: the first half of a dropper. */
function fetchesAndMakesExecutable(command: string): boolean {
  return NETWORK_TOOLS.test(command) && /\bchmod\s+(\S*\+x|[0-7]*[157])\b/.test(command);
}

/** A command line that downloads with one program and then starts an interpreter or the file (curl -o x.py && python x.py). */
function fetchesThenRuns(command: string): boolean {
  const tool = NETWORK_TOOLS.exec(command);
  if (!tool) return false;
  const after = command.slice(tool.index);
  // (cmd separates commands with a single & too: `bitsadmin ... a.exe & start a.exe`)
  // PowerShell starts or evaluates what it fetched with Start-Process, Invoke-Item or Invoke-Expression, anywhere
  // later in its script
  return (
    /(&&?|;|\|\|)\s*(start\b|\.[\\/]|(python[\d.]*|pythonw|py|sh|bash|powershell|pwsh|cmd)(\.exe)?\s)/i.test(after) ||
    // or names the fetched program as the next command (certutil ... a.exe && a.exe, & %TEMP%\\a.exe)
    /(&&|;|\|\||&)\s*["']?[^\s&|;"']{1,200}\.(exe|bat|cmd|scr|vbs|ps1|msi)\b/i.test(after) ||
    /\b(Start-Process|Invoke-Item|saps|Invoke-Expression|iex)\b/i.test(after)
  );
}

const WRAPPERS = new Set(['sudo', 'env', 'exec', 'nice', 'nohup', 'time', 'command']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'cmd', 'powershell', 'pwsh']);

/**
 * The program a command line starts: its first word without quotes, folder and .exe, looking past variable
 * assignments, sudo/env and `sh -c` / `cmd /c`. Undefined when that word is not known (sys.executable, a variable).
 */
function programOf(command: string): string | undefined {
  const words = command
    .trim()
    .split(/\s+/)
    .map((word) => word.replace(/^["'(]+|["')]+$/g, ''));
  let index = 0;
  while (index < words.length) {
    const word = words[index].toLowerCase();
    if (/^\w+=/.test(word) || WRAPPERS.has(word)) index++;
    else if (SHELLS.has(baseName(word)) && /^[-/][ck]$/i.test(words[index + 1] ?? '')) index += 2;
    else break;
  }
  const first = words[index];
  // an option first (` -b3000 {…}`: the program came from a setting that folded to nothing) names no program
  if (!first || first.includes(HOLE) || first.startsWith('-')) return undefined;
  return baseName(first.toLowerCase());
}

/** A program name none of whose longer words the (lower-cased) file text contains: it was decoded or assembled. */
function isHiddenName(program: string, lowered: string): boolean {
  if (INTERPRETERS.test(program)) return false;
  const words = program.split(/[^a-z0-9]+/).filter((word) => word.length >= 4);
  return words.length > 0 && words.some((word) => !lowered.includes(word));
}

function baseName(word: string): string {
  return (word.split(/[\\/]/).pop() ?? word).replace(/\.exe$/, '');
}

/** File operations a build runs in its own tree. */
const FILE_OPERATIONS = new Set(['cp', 'mv', 'rm', 'mkdir', 'rmdir', 'ln', 'chmod', 'ls', 'tar', 'unzip', 'install']);
/** An argument in the user's own folders: ~, $HOME, /root, /home/x, /Users/x, C:\Users\x, %APPDATA% and kin. */
const HOME_ARGUMENT =
  /(^|[\s"'=])(~|\$\{?HOME\b|\/root\b|\/home\/|\/Users\/|[A-Za-z]:[\\/]+Users[\\/]|%(USERPROFILE|APPDATA|LOCALAPPDATA|HOMEPATH)%)/i;

/** A file operation on the user's home folder: a build works in its build tree, not there. */
function worksOnHome(program: string, command: string): boolean {
  return FILE_OPERATIONS.has(program) && HOME_ARGUMENT.test(command.replaceAll(HOLE, ' '));
}

/** A build tool, an interpreter or shell running a script, or a configuration query: what a package build runs. */
function isBuildStep(program: string, command: string): boolean {
  if (worksOnHome(program, command)) return false;
  if (BUILD_PROGRAMS.has(program) || INTERPRETERS.test(program) || /[-_]config$/.test(program)) return true;
  if (/^(gcc|g\+\+|clang|clang\+\+|cc|c\+\+|pip|cython|swig)[-\d.]+$/.test(program)) return true;
  // a shell running a script or a command line is judged by the other rules; a bare shell is not a build step
  return SHELLS.has(program) && command.trim().split(/\s+/).length > 1;
}

export type PowerShellDecoder = (encoded: string) => string | undefined;

const POWERSHELL_AT = new RegExp(POWERSHELL_ENCODED.source, 'iy');

/**
 * POWERSHELL_ENCODED tried from the first "powershell" only (any later one would match a subset of the same text):
 * from every occurrence its `.*` would make a command of many "powershell" words quadratic.
 */
function encodedPowerShell(command: string): RegExpExecArray | null {
  const first = /\bpowershell(\.exe)?\b/i.exec(command);
  if (!first) return null;
  POWERSHELL_AT.lastIndex = first.index;
  return POWERSHELL_AT.exec(command);
}

const PIPE_TO_SHELL_AT = new RegExp(PIPE_TO_SHELL.source, 'iy');
/** Where PIPE_TO_SHELL can start: a fetcher (its first two alternatives) or iex (its third). */
const PIPE_STARTS = [
  /(curl|wget|iwr|Invoke-WebRequest|irm|Invoke-RestMethod)\b/gi,
  /(curl|wget|iwr|irm)\b/gi,
  /\b(iex|Invoke-Expression)\b/gi,
];

/**
 * PIPE_TO_SHELL tried only from the first start of each kind in each pipe segment (a later one in the same segment
 * sees a subset of the same text): tried from every word, a command of many "curl"s would be quadratic.
 */
function pipesToShell(command: string): boolean {
  let offset = 0;
  for (const segment of command.split('|')) {
    for (const start of PIPE_STARTS) {
      start.lastIndex = 0;
      const first = start.exec(segment);
      if (!first) continue;
      PIPE_TO_SHELL_AT.lastIndex = offset + first.index;
      if (PIPE_TO_SHELL_AT.test(command)) return true;
    }
    offset += segment.length + 1;
  }
  return false;
}

/** Inline code given to a Python interpreter on its command line (`python -c "..."`), to analyse as a file. */
const INLINE_CODE = /(?:^|[\s;&|/\\])(?:python[\d.]*|pythonw|py)(?:\.exe)?["']?\s+(?:-\w+\s+)*-c\s+([\s\S]{10,})$/i;

function inlinePython(command: string | undefined): string | undefined {
  const code = command === undefined ? undefined : INLINE_CODE.exec(command)?.[1]?.trim();
  if (!code) return undefined;
  const quote = code[0];
  const unquoted = (quote === "'" || quote === '"') && code.endsWith(quote) ? code.slice(1, -1) : code;
  return unquoted.replaceAll(HOLE, '_');
}

/**
 * Every process call's finding; the code a `python -c` command runs is returned as a payload, analysed as a virtual
 * file like a decoded one (a reverse shell or a downloader written inline is read as the code it is).
 */
export function processRules(ctx: FileContext, decodePowerShell?: PowerShellDecoder): DecodedPayloadFile[] {
  const payloads: DecodedPayloadFile[] = [];
  let lowered: string | undefined;
  for (const call of ctx.facts.calls) {
    const api = processApiOf(call);
    if (!api) continue;
    const before = ctx.findings.length;
    const command = commandText(ctx, call, api);
    // pip's own entry point given no arguments runs the command line pip was started with: pip's __main__
    if (api.program && command === undefined) continue;
    processCallRules(ctx, call, api, command, decodePowerShell);
    const program = command === undefined ? undefined : programOf(command);
    lowered ??= program ? writtenText(ctx) : undefined;
    if (program && lowered !== undefined && isHiddenName(program, lowered))
      for (const finding of ctx.findings.slice(before)) {
        finding.severity = finding.severity === 'critical' ? 'critical' : 'high';
        finding.message += `; '${program}' is written nowhere in the file (decoded or assembled at run time to hide it)`;
      }
    const inline = inlinePython(command);
    const finding = ctx.findings[before];
    if (!inline || !finding) continue;
    finding.decoded = { chain: ['python -c'], preview: inline.slice(0, 2000), size: inline.length };
    payloads.push({ call: call.node, chain: ['python -c'], text: inline, finding });
  }
  return payloads;
}

function processCallRules(
  ctx: FileContext,
  call: CallFact,
  api: ProcessApi,
  command: string | undefined,
  decodePowerShell: PowerShellDecoder | undefined,
): void {
  const trigger = ctx.triggers.triggerOf(call.node);
  const weight = triggerWeight(trigger);
  const shown = command === undefined ? undefined : showFolded(command).slice(0, 200);
  const silent = SILENT_EXECUTION.test(call.node.text);
  // `python {dir}/data/x.dat`: a data file run as Python is analysed as Python (at install, scriptRun below does it)
  const dataFile = (weight < 2 ? pythonRunsDataFile(command) : undefined) ?? inlineCodeMember(ctx, call, api);
  const commandFile = commandsMember(ctx, call, api);
  if (commandFile)
    addFinding(ctx, call.node, {
      rule: 'file-run-as-commands',
      severity: raise('low', weight > 0 ? 1 : 0),
      message: `runs the lines of the file '${commandFile}' as command lines (${api.path})`,
      capability: 'dynamic-code',
      path: commandFile,
    });
  if (dataFile)
    addFinding(ctx, call.node, {
      rule: 'file-executed-as-code',
      severity: raise('low', weight > 0 ? 1 : 0),
      message: `runs the file '${dataFile}' as Python code (${api.path}), though it is not named like a Python file`,
      capability: 'dynamic-code',
      path: dataFile,
    });
  const encoded = command ? encodedPowerShell(command) : null;
  if (encoded) {
    const decoded = decodePowerShell?.(encoded[encoded.length - 1]);
    addFinding(ctx, call.node, {
      rule: 'powershell-encoded-command',
      severity: raise('high', weight > 0 ? 1 : 0),
      message: `runs PowerShell with an encoded command${decoded ? `: ${decoded.slice(0, 160)}` : ''}`,
      capability: 'obfuscation',
      decoded: decoded
        ? { chain: ['base64', 'utf-16le'], preview: decoded.slice(0, 2000), size: decoded.length }
        : undefined,
      destination: decoded ? destinationFromUrl(decoded) : undefined,
      trigger,
    });
    return;
  }
  if (
    command &&
    (pipesToShell(command) ||
      REMOTE_RUN_PROGRAM.test(command) ||
      fetchesAndMakesExecutable(command) ||
      fetchesThenRuns(command))
  ) {
    addFinding(ctx, call.node, {
      rule: 'download-execute',
      severity: raise('high', weight > 0 ? 1 : 0),
      message: `${fetchesAndMakesExecutable(command) ? 'downloads a file and makes it executable' : 'downloads and runs code'} in one command: ${shown}`,
      capability: 'process',
      destination: destinationFromUrl(command),
      trigger,
    });
    return;
  }
  if (command && hidesFile(command)) {
    addFinding(ctx, call.node, {
      rule: 'process-launch-payload',
      severity: 'high',
      message: `hides a file from the user as a hidden or system file (${api.path}): ${shown}`,
      capability: 'process',
      trigger,
    });
    return;
  }
  if (command && DECODE_TO_SHELL.test(command)) {
    addFinding(ctx, call.node, {
      rule: 'exec-decoded-payload',
      severity: raise('medium', weight > 0 ? 1 : 0),
      message: `decodes a hidden command and pipes it into an interpreter: ${shown}`,
      capability: 'obfuscation',
      trigger,
    });
    return;
  }
  if (command && (NETWORK_TOOLS.test(command) || INLINE_NETWORK_CODE.test(command))) {
    const recon = SHELL_IDENTITY.test(command);
    const destination = destinationFromUrl(command);
    // like a network call made in-process: a capability when called (git push, ssh, wget in a tool's command),
    // more when the destination is one exfiltration favours or the code runs by itself
    addFinding(ctx, call.node, {
      rule: 'process-network-tool',
      severity: hiddenPowerShell(command) || recon ? 'high' : raise(isShady(destination) ? 'medium' : 'low', weight),
      message: `runs a program that reaches the network${recon ? ", sending the user's and host's identity" : ''}: ${shown}`,
      capability: 'network',
      destination,
      trigger,
    });
    return;
  }
  const plain = command?.replaceAll(HOLE, ' ');
  if (
    plain !== undefined &&
    (PAYLOAD_LAUNCH.test(plain) || (api.path === 'os.startfile' && !/^\s*https?:/i.test(plain))) &&
    !platformTest(call.node, plain)
  ) {
    addFinding(ctx, call.node, {
      rule: 'process-launch-payload',
      severity: weight > 0 || hiddenPowerShell(plain) ? 'high' : 'low',
      message: `launches a program, script or shell that is not a build step (${api.path}): ${shown}`,
      capability: 'process',
      trigger,
    });
    return;
  }
  if (plain !== undefined && weight > 0 && PIP_INSTALL.test(plain)) {
    // from a URL or a repository (git+https://, https://...whl): code no index has vetted, fetched by itself; or a
    // name one typo away from a popular project's: the second stage of a typosquat
    const fromUrl = /\b(git\+|hg\+|svn\+|bzr\+)?(https?|ftp):\/\/|\s--(extra-)?index-url\b|\s-i\s/i.test(plain);
    const squat = installedNames(plain)
      .map((name) => ({ name, squat: findTyposquat(name) }))
      .find(({ squat }) => squat !== null);
    // `pip install .` (or a folder path) installs code already on the machine, not a second stage
    const localOnly =
      installedTargets(plain).length > 0 && installedTargets(plain).every((word) => LOCAL_PATH.test(word));
    addFinding(ctx, call.node, {
      rule: 'process-pip-install',
      severity: fromUrl || squat ? 'high' : localOnly ? 'low' : 'medium',
      message: `installs packages with pip while it runs, a second stage no lock file pins (${api.path}): ${shown}${squat ? `; '${squat.name}' imitates the popular project '${squat.squat!.popular}'` : ''}`,
      capability: 'process',
      trigger,
    });
    return;
  }
  // a child Python whose output the import reads (check_output of platform.mac_ver()) is a query, its code judged
  // as a file of its own; one left running, or whose code this file cannot read, is a payload started on import
  const query = isQuery(call, api) && !(command ?? '').includes(HOLE);
  if (
    plain !== undefined &&
    (trigger === 'import' || trigger === 'startup') &&
    ((INLINE_INTERPRETER.test(plain) && !query) || BARE_SHELL.test(plain))
  ) {
    addFinding(ctx, call.node, {
      rule: 'process-launch-payload',
      severity: 'high',
      message: `starts ${BARE_SHELL.test(plain) ? 'an interactive shell' : 'another Python running inline code'} when imported (${api.path}): ${shown}`,
      capability: 'process',
      trigger,
    });
    return;
  }
  const program = weight === 2 && plain !== undefined ? programOf(command ?? '') : undefined;
  if (program && !isBuildStep(program, command ?? '')) {
    addFinding(ctx, call.node, {
      rule: 'process-launch-unknown',
      severity: 'high',
      message: worksOnHome(program, command ?? '')
        ? `runs '${program}' on the user's home folder, where no package build works (${api.path}): ${shown}`
        : `runs '${program}', a program no package build needs (${api.path}): ${shown}`,
      capability: 'process',
      trigger,
    });
    return;
  }
  const base: Severity = silent ? (weight > 0 ? 'medium' : 'low') : 'info';
  addFinding(ctx, call.node, {
    rule: silent ? 'silent-process' : 'process-spawn',
    severity: raise(base, silent ? weight : Math.min(weight, 1)),
    message: `${silent ? 'starts a hidden or detached process' : 'starts a process'} (${api.path})${shown ? `: ${shown}` : ''}`,
    capability: 'process',
    trigger,
    // setup.py running a script of the package: the target stage analyses that script as install-time code (and a
    // Python file run on import as code run on import)
    path: weight === 2 ? scriptRun(command) : weight === 1 ? pythonScriptRun(command) : undefined,
  });
}

/** `os.system(open("cmd.txt").read())`: the member whose contents are the command line a process runs. */
function commandsMember(ctx: FileContext, call: CallFact, api: ProcessApi): string | undefined {
  const command = commandNode(call, api);
  return command ? memberRead(ctx, command) : undefined;
}

/** `[sys.executable, "-c", open("payload.txt").read()]`: the member whose contents a Python runs as its code. */
function inlineCodeMember(ctx: FileContext, call: CallFact, api: ProcessApi): string | undefined {
  const argv = commandNode(call, api);
  const items = argv && ['list', 'tuple'].includes(unwrap(argv).type) ? unwrap(argv).namedChildren : [];
  const [program, flag, code] = items.filter((item): item is Node => !!item && item.type !== 'comment');
  if (!program || !flag || !code || ctx.evaluator.text(flag) !== '-c') return undefined;
  const interpreter = ctx.evaluator.text(program);
  if (interpreter === undefined || !INTERPRETERS.test(baseName(interpreter.toLowerCase()))) return undefined;
  const name = memberRead(ctx, code);
  return name && !/\.pyw?$/i.test(name) ? name : undefined;
}

/** The member a named Python interpreter runs when it is not named like Python or another language's script. */
function pythonRunsDataFile(command: string | undefined): string | undefined {
  const first = command?.trim().split(/\s+/)[0];
  const name = scriptRun(command);
  if (!first || !name || !INTERPRETERS.test(baseName(first.toLowerCase()))) return undefined;
  return /\.pyw?$/i.test(name) || SCRIPT_FILE.test(name) ? undefined : name;
}

/**
 * `b"Windows Server 2016" in check_output(("systeminfo",))`: one reconnaissance command whose output only a comparison
 * reads (through .decode() and the like) tests the platform; it keeps nothing of the machine.
 */
function platformTest(call: Node, command: string): boolean {
  if (!RECON_COMMAND.test(command) || !/^\s*[\w.-]+(\s+-{1,2}\w+)*\s*$/.test(command)) return false;
  let current = call;
  for (let depth = 0; current.parent && depth < 8; depth++) {
    const parent = current.parent;
    if (parent.type === 'comparison_operator') return true;
    if (!['parenthesized_expression', 'attribute', 'call'].includes(parent.type)) return false;
    current = parent;
  }
  return false;
}

/** A process call whose output the caller reads: check_output, getoutput, or run/Popen with stdout piped. */
function isQuery(call: CallFact, api: ProcessApi): boolean {
  if (/(check_output|getoutput|getstatusoutput|popen)$/.test(api.path)) return true;
  return call.args.keywords.has('capture_output') || /PIPE/.test(call.args.keywords.get('stdout')?.text ?? '');
}

/** The requirement names a pip install command line names (options, URLs and paths left out, versions cut off). */
/** The words after `install` that are not options: names, requirement specifiers, URLs, paths. */
function installedTargets(command: string): string[] {
  const words = command.trim().split(/\s+/);
  return words.slice(words.indexOf('install') + 1).filter((word) => word !== '' && !word.startsWith('-'));
}

/** A folder on this machine: `.`, `..`, `./sub`, `/abs/path`, `~/src`. */
const LOCAL_PATH = /^(\.{1,2}|\.{1,2}\/\S*|\/\S*|~\/\S*)$/;

function installedNames(command: string): string[] {
  return installedTargets(command)
    .filter((word) => /^[A-Za-z0-9][\w.-]*([[<>=!~;].*)?$/.test(word) && !/[/:]/.test(word))
    .map((word) => word.replace(/[[<>=!~;].*$/, ''));
}

/** Programs that run a script file of another language given on their command line. */
const SCRIPT_RUNNERS = /^((ba|z|da|k)?sh|cmd|powershell|pwsh|node|cscript|wscript)(\.exe)?$/;

/** The Python file of the package a command runs (`python helper.py`), if any. */
function pythonScriptRun(command: string | undefined): string | undefined {
  const name = scriptRun(command);
  return name && /\.pyw?$/i.test(name) ? name : undefined;
}

/**
 * The Python script an interpreter command line runs (`{sys.executable} {dir}/hello.py`), by its member name. A
 * named interpreter (sys.executable reads as `python`) runs whatever file it is given as Python (`python {dir}/pkg/version`);
 * an unknown program counts as one only for a .py file.
 */
function scriptRun(command: string | undefined): string | undefined {
  const words = command?.trim().split(/\s+/) ?? [];
  const first = words[0];
  if (first === undefined) return undefined;
  // a shell, batch, PowerShell or JavaScript file, started by its interpreter or by its own name
  const unquoted = words.map((word) => word.replace(/^["']|["']$/g, ''));
  if (SCRIPT_RUNNERS.test(baseName(first.toLowerCase())) || SCRIPT_FILE.test(unquoted[0])) {
    const script = unquoted.find((word) => SCRIPT_FILE.test(word));
    return script ? memberName(script) : undefined;
  }
  const python = INTERPRETERS.test(baseName(first.toLowerCase()));
  const script = words[1]?.replace(/^["']|["']$/g, '');
  if (!script || script.startsWith('-')) return undefined;
  return python || (first.includes(HOLE) && /\.pyw?$/i.test(script)) ? memberName(script) : undefined;
}
