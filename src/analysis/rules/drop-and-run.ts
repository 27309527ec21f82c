// Droppers: code that runs a program or script it names by a constant executable path (.exe, .vbs, .bat,
// .ps1, .scr, .cmd, .js, .hta), as a process or with a loader that runs a Python file in-process (runpy,
// importlib's file loaders, zipimport), typically one it has just written or downloaded. Written by urlretrieve, or by
// a function that also makes a network call, the file came from the network: download-execute.
import { HOLE } from '../evaluate.ts';
import type { CallFact } from '../facts.ts';
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import { NETWORK_TOOLS } from '../indicators/process.ts';
import { type Node, unwrap } from '../syntax.ts';
import { networkApiOf } from './network.ts';
import { commandText, processApiOf } from './process.ts';

const EXECUTABLE = /\.(exe|scr|vbs|vbe|bat|cmd|ps1|hta|js|jse|wsf|msi|com|pif)\b/i;
/** Scripts an interpreter runs: downloaded and run, as much a second stage as an .exe (written locally, ordinary). */
const SCRIPT = /\.(sh|bash|py|pyw|pl|rb)\b/i;

interface WrittenFile {
  name: string;
  /** The open() or urlretrieve() call that writes it. */
  call: Node;
  /** Its bytes come from the network: written by urlretrieve, or by a function that makes a network call. */
  downloaded: boolean;
}

/** The function definition around a node, or the module when it is at top level. */
export function enclosingBody(node: Node): Node {
  let current = node;
  while (current.parent && current.type !== 'function_definition') current = current.parent;
  return current;
}

/** Whether any network call of the file lies inside `body`. */
export function makesNetworkCall(ctx: FileContext, body: Node): boolean {
  return ctx.facts.calls.some(
    (call: CallFact) =>
      call.node.startIndex >= body.startIndex &&
      call.node.endIndex <= body.endIndex &&
      (networkApiOf(call) !== undefined || runsNetworkTool(ctx, call)),
  );
}

/** A process call whose command line reaches the network (os.system("wget -O ~/x.py https://...")). */
function runsNetworkTool(ctx: FileContext, call: CallFact): boolean {
  const api = processApiOf(call);
  const command = api ? commandText(ctx, call, api) : undefined;
  return command !== undefined && NETWORK_TOOLS.test(command.replaceAll(HOLE, ' '));
}

/** The path argument of an open() call whose mode writes ("w", "wb", "a", "x"); undefined for a read. */
export function openedForWriting(ctx: FileContext, call: CallFact): Node | undefined {
  const mode = call.args.positional[1] ?? call.args.keywords.get('mode');
  const modeText = mode ? ctx.evaluator.text(mode) : undefined;
  if (!modeText || !/[wax]/.test(modeText)) return undefined;
  return call.args.positional[0] ?? call.args.keywords.get('file');
}

/** Files this code writes, by folded name: open(p, "w"/"wb"/"a"/"x"), urlretrieve(url, p), shutil.copy(src, p). */
function writtenFiles(ctx: FileContext): WrittenFile[] {
  const files: WrittenFile[] = [];
  for (const call of ctx.facts.calls) {
    const path = call.paths.find((p) =>
      /^(builtins\.open|io\.open|urllib\.request\.urlretrieve|shutil\.copy\w*|shutil\.move)$/.test(p),
    );
    if (!path) continue;
    const target = path.endsWith('open') ? openedForWriting(ctx, call) : call.args.positional[1];
    const text = target ? ctx.evaluator.text(target) : undefined;
    const name = text
      ?.split(HOLE)
      .filter((part) => part.length >= 3)
      .pop();
    if (name && (EXECUTABLE.test(name) || SCRIPT.test(name)))
      files.push({
        call: call.node,
        name: name.replace(/^[\\/]+/, ''),
        downloaded: path === 'urllib.request.urlretrieve' || makesNetworkCall(ctx, enclosingBody(call.node)),
      });
  }
  return files;
}

/** Whether `body` writes or copies a program or script (by its extension): a dropper putting its payload in place. */
export function writesProgram(ctx: FileContext, body: Node): boolean {
  return writtenFiles(ctx).some(({ call }) => call.startIndex >= body.startIndex && call.endIndex <= body.endIndex);
}

/**
 * A shell start-up line that sets up the environment (PATH, completion, conda's hook) rather than starting a program.
 * An alias is a command: it runs what it names whenever the user types the word (alias sudo='...').
 */
const SHELL_SETUP_LINE =
  /^\s*(export\b|[A-Za-z_]\w*=|source\b|\.\s|eval\b|#|complete\b|fpath\b|autoload\b|compinit\b|unset\b|set\b|fi\b|done\b|\[|\]|$)/;
/** Shell keywords that open a branch or loop: the command after them is read as its own line. */
const SHELL_BRANCH = /^\s*((if|then|else|elif|do|while|until)\s+)+/;

/**
 * The command lines (no environment set-up: `~/.drv &`, `python x.py`) in text that `body` writes to a file, and
 * whether it writes back lines it built at run time (a list of lines edited and written with writelines).
 */
export function writtenCommands(ctx: FileContext, body: Node): { commands: string[]; unreadable: boolean } {
  const commands: string[] = [];
  let unreadable = false;
  for (const call of ctx.facts.calls) {
    if (call.node.startIndex < body.startIndex || call.node.endIndex > body.endIndex) continue;
    const method = /\.write(lines)?$/.exec(call.node.childForFieldName('function')?.text ?? '');
    if (!method) continue;
    const written = call.args.positional[0] ? ctx.evaluator.text(call.args.positional[0]) : undefined;
    // lines read, edited and written back (readlines ... writelines): text, built at run time; a write() of
    // unknown bytes is as often a download saved elsewhere
    if (method[1] && (written === undefined || written.replaceAll(HOLE, '').trim() === '')) unreadable = true;
    // set-up that runs something (export X=$(curl ...), a pipe) is a command too
    for (const line of written?.replaceAll(HOLE, '').split(/\r?\n|;/) ?? [])
      if (!SHELL_SETUP_LINE.test(line.replace(SHELL_BRANCH, '')) || /\$\(|`|\|/.test(line)) commands.push(line);
  }
  return { commands, unreadable };
}

/**
 * Files a function writes under a path held in a variable (`open(file_path, "wb")`) while it also makes a network
 * call: the variable names a downloaded file, whatever its extension.
 */
function downloadedPathVariables(ctx: FileContext): Set<string> {
  const variables = new Set<string>();
  for (const call of ctx.facts.calls) {
    // urlretrieve(url, path) downloads by itself
    const retrieved = call.paths.includes('urllib.request.urlretrieve');
    if (!retrieved && !call.paths.some((p) => p === 'builtins.open' || p === 'io.open')) continue;
    const target = retrieved
      ? (call.args.positional[1] ?? call.args.keywords.get('filename'))
      : openedForWriting(ctx, call);
    if (target?.type !== 'identifier') continue;
    const body = enclosingBody(call.node);
    if (retrieved || makesNetworkCall(ctx, body)) variables.add(`${body.id}:${target.text}`);
  }
  return variables;
}

/** The program a process call starts, when it is a plain name: `run([path, ...])`, `Popen(path)`, `os.startfile(path)`. */
function programVariable(call: CallFact, commandArg: number): Node | undefined {
  const command = call.args.positional[commandArg] ?? call.args.keywords.get('args');
  const target = command ? unwrap(command) : undefined;
  const program = target?.type === 'list' || target?.type === 'tuple' ? target.namedChildren[0] : target;
  return program?.type === 'identifier' ? program : undefined;
}

/**
 * Loaders that run a Python file in this very process, and where they take its path; a path put on the import path
 * is there to be imported from (a downloaded archive or folder of modules).
 */
const PYTHON_LOADERS: ReadonlyMap<string, { arg: number; keyword: string }> = new Map([
  ['runpy.run_path', { arg: 0, keyword: 'path_name' }],
  ['sys.path.insert', { arg: 1, keyword: 'object' }],
  ['sys.path.append', { arg: 0, keyword: 'object' }],
  ['importlib.util.spec_from_file_location', { arg: 1, keyword: 'location' }],
  ['importlib.machinery.SourceFileLoader', { arg: 1, keyword: 'path' }],
  ['zipimport.zipimporter', { arg: 0, keyword: 'path' }],
  ['imp.load_source', { arg: 1, keyword: 'pathname' }],
]);

/** What a call starts: a process's command line, or the file a Python loader runs; and the name holding it, if any. */
function started(ctx: FileContext, call: CallFact): { command: string | undefined; program?: Node } | undefined {
  const api = processApiOf(call);
  if (api) return { command: commandText(ctx, call, api), program: programVariable(call, api.commandArg) };
  const loader = firstOf(PYTHON_LOADERS, call.paths);
  const file = loader ? (call.args.positional[loader.arg] ?? call.args.keywords.get(loader.keyword)) : undefined;
  if (!file) return undefined;
  const target = unwrap(file);
  return { command: ctx.evaluator.text(target), program: target.type === 'identifier' ? target : undefined };
}

/** The entry of the first of a call's paths that a table holds (a loop: asked of every call). */
function firstOf<T>(table: ReadonlyMap<string, T>, paths: readonly string[]): T | undefined {
  for (const path of paths) {
    const found = table.get(path);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Calls that unpack an archive into a folder, and where they take the folder. */
const EXTRACTORS: ReadonlyMap<string, { arg: number; keyword: string }> = new Map([
  ['zipfile.ZipFile().extractall', { arg: 0, keyword: 'path' }],
  ['tarfile.open().extractall', { arg: 0, keyword: 'path' }],
  ['tarfile.TarFile().extractall', { arg: 0, keyword: 'path' }],
  ['shutil.unpack_archive', { arg: 1, keyword: 'extract_dir' }],
]);

/**
 * Folders a downloading function unpacks an archive into (`ZipFile(BytesIO(data)).extractall("/tmp/lib")`), by
 * folded path, and by variable (`body:name`) when the path is held in one.
 */
function extractedDownloads(ctx: FileContext): { paths: Set<string>; variables: Set<string> } {
  const paths = new Set<string>();
  const variables = new Set<string>();
  for (const call of ctx.facts.calls) {
    const extractor = firstOf(EXTRACTORS, call.paths);
    const folder = extractor
      ? (call.args.positional[extractor.arg] ?? call.args.keywords.get(extractor.keyword))
      : undefined;
    if (!folder) continue;
    const body = enclosingBody(call.node);
    if (!makesNetworkCall(ctx, body)) continue;
    const text = ctx.evaluator.text(folder);
    if (text !== undefined && text.replaceAll(HOLE, '') !== '') paths.add(text);
    const target = unwrap(folder);
    if (target.type === 'identifier') variables.add(`${body.id}:${target.text}`);
  }
  return { paths, variables };
}

/** A downloaded archive's folder put on the import path or loaded from (`sys.path.insert(0, "/tmp/lib")`). */
function loadsExtractedDownload(ctx: FileContext): void {
  const extracted = extractedDownloads(ctx);
  if (extracted.paths.size === 0 && extracted.variables.size === 0) return;
  for (const call of ctx.facts.calls) {
    const loader = firstOf(PYTHON_LOADERS, call.paths);
    const file = loader ? (call.args.positional[loader.arg] ?? call.args.keywords.get(loader.keyword)) : undefined;
    if (!file) continue;
    const text = ctx.evaluator.text(file);
    const target = unwrap(file);
    const variable = target.type === 'identifier' ? `${enclosingBody(call.node).id}:${target.text}` : undefined;
    const fromDownload =
      (text !== undefined && [...extracted.paths].some((folder) => text === folder || text.startsWith(`${folder}/`))) ||
      (variable !== undefined && extracted.variables.has(variable));
    if (!fromDownload) continue;
    addFinding(ctx, call.node, {
      rule: 'download-execute',
      severity: raise('high', triggerWeight(ctx.triggers.triggerOf(call.node)) > 0 ? 1 : 0),
      message: `loads code from an archive it has just downloaded and unpacked (${call.node.text.slice(0, 80)})`,
      capability: 'process',
    });
  }
}

export function dropAndRunRules(ctx: FileContext): void {
  const downloadedVariables = downloadedPathVariables(ctx);
  if (downloadedVariables.size > 0) runsDownloadedVariable(ctx, downloadedVariables);
  loadsExtractedDownload(ctx);
  const written = writtenFiles(ctx);
  if (written.length === 0) return;
  decodedExecutableDrop(ctx, written);
  for (const call of ctx.facts.calls) {
    const command = started(ctx, call)?.command;
    const plain = command?.replaceAll(HOLE, ' ');
    if (command === undefined || plain === undefined || !(EXECUTABLE.test(plain) || SCRIPT.test(plain))) continue;
    const run = written.filter(
      ({ name, downloaded }) =>
        (downloaded || EXECUTABLE.test(name)) && (command.includes(name) || name.includes(command.split(/\s+/)[0])),
    );
    if (run.length === 0) continue;
    const weight = triggerWeight(ctx.triggers.triggerOf(call.node));
    const shown = command.replaceAll(HOLE, '{…}').slice(0, 100);
    // a downloaded executable started as it is (not an archive unpacked first) is a dropper's second stage
    if (run.some((file) => file.downloaded))
      addFinding(ctx, call.node, {
        rule: 'download-execute',
        severity: raise('high', weight > 0 ? 1 : 0),
        message: `downloads an executable or script and runs it (${shown})`,
        capability: 'process',
      });
    else
      addFinding(ctx, call.node, {
        rule: 'drop-and-run',
        severity: raise('medium', weight > 0 ? 1 : 0),
        message: `writes files and runs an executable or script (${shown})`,
        capability: 'process',
      });
  }
}

/** A process started on the very path a downloading function wrote (`subprocess.run([file_path])`). */
/** Extensions of documents a viewer opens (os.startfile of a page shows it in the browser; nothing runs). */
const DOCUMENT = /\.(html?|txt|pdf|png|jpe?g|gif|svg|csv|json|xml|md)$/i;
/** Keywords that give a temporary file's extension: tempfile's suffix, and its look-alikes in libraries. */
const EXTENSION_KEYWORDS = new Set(['suffix', 'autoext', 'ext', 'extension']);

/**
 * The variable a process call starts names a document: its folded value ends with a document extension, or it was
 * made by a call given one as its suffix (`get_temp_file(autoext=".html")`, `NamedTemporaryFile(suffix=".png")`).
 */
function namesDocument(ctx: FileContext, program: Node): boolean {
  if (DOCUMENT.test(ctx.evaluator.text(program) ?? '')) return true;
  return ctx.scopes.valuesOf(program).some((value) =>
    value.descendantsOfType('keyword_argument').some((keyword) => {
      const name = keyword?.childForFieldName('name')?.text ?? '';
      const given = keyword?.childForFieldName('value');
      return EXTENSION_KEYWORDS.has(name) && !!given && DOCUMENT.test(ctx.evaluator.text(given) ?? '');
    }),
  );
}

function runsDownloadedVariable(ctx: FileContext, variables: Set<string>): void {
  for (const call of ctx.facts.calls) {
    const program = started(ctx, call)?.program;
    if (!program || !variables.has(`${enclosingBody(call.node).id}:${program.text}`)) continue;
    if (namesDocument(ctx, program)) continue;
    addFinding(ctx, call.node, {
      rule: 'download-execute',
      severity: raise('high', triggerWeight(ctx.triggers.triggerOf(call.node)) > 0 ? 1 : 0),
      message: `runs the file it has just downloaded (${call.node.text.slice(0, 80)})`,
      capability: 'process',
    });
  }
}

/** Decoders that turn fetched text back into binary: hex or base64 text carries an executable past download filters. */
const TEXT_TO_BYTES = /^(base64\.\w*decode\w*|binascii\.(unhexlify|a2b_\w+)|builtins\.bytes\.fromhex|codecs\.decode)$/;

/**
 * An executable (.exe, .scr, ...) written by a function that downloads text and decodes it to bytes: a dropper's
 * first stage, even before anything starts it (it is started later, or by the user).
 */
function decodedExecutableDrop(ctx: FileContext, written: readonly WrittenFile[]): void {
  for (const file of written) {
    if (!file.downloaded || !EXECUTABLE.test(file.name)) continue;
    const body = enclosingBody(file.call);
    const decodes = ctx.facts.calls.some(
      (call) =>
        call.node.startIndex >= body.startIndex &&
        call.node.endIndex <= body.endIndex &&
        call.paths.some((path) => TEXT_TO_BYTES.test(path)),
    );
    if (!decodes) continue;
    addFinding(ctx, file.call, {
      rule: 'drop-and-run',
      severity: raise('high', triggerWeight(ctx.triggers.triggerOf(file.call)) > 0 ? 1 : 0),
      message: `writes an executable (${file.name}) decoded from text it downloads: a dropper's first stage`,
      capability: 'process',
    });
    return;
  }
}
