// What a payload does to the machine's files from Python itself, without a shell: deleting the home folder, the
// user's document folders or system folders (shutil.rmtree, os.remove over an os.walk), crashing Windows on purpose
// (NtRaiseHardError), and writing the files that redirect or hand over the machine: the hosts file, the account and
// sudo files, the preload list of the dynamic linker, an SSH authorized_keys file, and .pth / sitecustomize files that
// every Python start runs. Critical in code that runs by itself; when a user calls it, wiping stays high, and the
// writes are what system tools and installers do when asked (medium; low for .pth files, which pip and setuptools
// write).
import type { Severity } from '../../model/result.ts';
import { HOLE } from '../evaluate.ts';
import { type CallFact, callMatches } from '../facts.ts';
import { addFinding, type FileContext, triggerWeight } from '../file-context.ts';
import { type Node, unwrap } from '../syntax.ts';
import { pathlibReceiver, readsHome, writtenPath } from './install-writes.ts';

/** Calls that delete a file or a folder, and the index of the path argument. */
const DELETERS = new Map([
  ['shutil.rmtree', 0],
  ['os.remove', 0],
  ['os.unlink', 0],
  ['os.rmdir', 0],
  ['os.removedirs', 0],
]);
/** pathlib deletions, on a path object. */
const PATH_DELETES = ['unlink', 'rmdir'];
const PATH_DELETE_METHOD = /\.(unlink|rmdir)$/;
/** pathlib listings of a folder. */
const PATH_WALKS = ['rglob', 'glob', 'iterdir', 'walk'];
/** Calls that list a folder's contents for a loop to act on. */
const WALKERS = new Set(['os.walk', 'os.listdir', 'os.scandir', 'glob.glob', 'glob.iglob']);
/** Windows API calls that crash or hang the system on purpose. */
const SYSTEM_CRASH = /\.(NtRaiseHardError|RtlSetProcessIsCritical)$/;

/** The user's folder, a folder of their documents, the root, or a system folder: never a package's own files. */
const PRECIOUS_FOLDER =
  /^(\/|~|\$HOME|%USERPROFILE%|\/root|\/home(\/[^/]+)?|\/Users(\/[^/]+)?|[A-Za-z]:[\\/]*(Users([\\/]+[^\\/]+)?|Windows(\\System32)?|Program Files)?)([\\/]+(Documents|Desktop|Pictures|Downloads|Music|Videos|OneDrive))?[\\/]*\*?$|^\/(etc|usr|bin|sbin|boot|lib|lib64|var|opt|srv)[\\/]*\*?$/i;
/** The same folders reached from a home folder read at run time: what follows it, if anything. */
const HOME_RELATIVE = /^[\\/]*((Documents|Desktop|Pictures|Downloads|Music|Videos|OneDrive)[\\/]*)?\*?$/i;

/** The home folder read as it is: os.environ["HOME"], os.getenv("USERPROFILE"), Path.home(). */
const HOME_VARIABLE =
  /^(os\.(environ\s*\[|environ\.get\(|getenv\()\s*["'](HOME|USERPROFILE)["']\s*[\])]|(pathlib\.)?Path\.home\(\))$/;

/** Files whose writing redirects the machine, hands it over or runs code at every start. */
const HANDED_OVER: { pattern: RegExp; what: string; installers?: boolean }[] = [
  { pattern: /(^|[\\/])etc[\\/]+hosts$/i, what: 'the hosts file (redirects any name to any address)' },
  { pattern: /^\/etc\/(passwd|shadow|sudoers(\.d\/.*)?|ld\.so\.preload)$/, what: 'an account, sudo or preload file' },
  { pattern: /(^|[\\/])\.ssh[\\/]+authorized_keys2?$/, what: 'an SSH authorized_keys file (lets a key log in)' },
  {
    pattern: /\.pth$|(^|[\\/])(sitecustomize|usercustomize)\.py$/,
    what: 'a file every Python start runs (.pth, sitecustomize)',
    installers: true,
  },
];

export function fileTamperingRules(ctx: FileContext): void {
  for (const call of ctx.facts.calls) {
    if (callMatches(call, SYSTEM_CRASH)) {
      report(
        ctx,
        call,
        'wipes-files',
        selfRunning(ctx, call) ? 'critical' : 'high',
        'crashes Windows on purpose (a blue screen)',
      );
      continue;
    }
    const deleted = deletedPath(call);
    if (deleted) {
      const folder = preciousFolder(ctx, deleted) ?? walkedFolder(ctx, call.node);
      if (folder)
        report(
          ctx,
          call,
          'wipes-files',
          selfRunning(ctx, call) ? 'critical' : 'high',
          `deletes ${folder}, not files of its own`,
        );
      continue;
    }
    const written = writtenPath(ctx, call);
    const text = written ? ctx.evaluator.text(written)?.replaceAll(HOLE, '') : undefined;
    const target = text === undefined ? undefined : HANDED_OVER.find(({ pattern }) => pattern.test(text));
    if (!target) continue;
    const severity: Severity = selfRunning(ctx, call) ? 'critical' : target.installers ? 'low' : 'medium';
    report(ctx, call, 'tampers-system-files', severity, `writes ${target.what}`);
  }
}

/** Whether the call runs by itself; asked only of calls that match (asking maps the file's triggers). */
function selfRunning(ctx: FileContext, call: CallFact): boolean {
  return triggerWeight(ctx.triggers.triggerOf(call.node)) > 0;
}

function report(ctx: FileContext, call: CallFact, rule: string, severity: Severity, what: string): void {
  addFinding(ctx, call.node, {
    rule,
    severity,
    message: `${what} (${call.node.text.slice(0, 100)})`,
    capability: 'process',
  });
}

/** The path a deleting call removes: rmtree(p), os.remove(p), Path(p).unlink(). */
function deletedPath(call: CallFact): Node | undefined {
  const path = call.paths.find((p) => DELETERS.has(p));
  if (path) return call.args.positional[DELETERS.get(path)!] ?? call.args.keywords.get('path');
  const receiver = pathlibReceiver(call, PATH_DELETES);
  if (receiver) return receiver;
  // p.unlink() of a loop's path object (for p in Path.home().rglob("*")): what p is, only the loop tells (a callee
  // resolved to anything else is no such method: asked of every call, so without reading the tree)
  if (call.paths.length > 0 && !callMatches(call, PATH_DELETE_METHOD)) return undefined;
  const callee = call.node.childForFieldName('function');
  const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
  if (!method || !PATH_DELETES.includes(method) || call.args.positional.length > 0) return undefined;
  return callee?.childForFieldName('object') ?? undefined;
}

/** What a path names, when it is the home folder, a document folder, the root or a system folder. */
function preciousFolder(ctx: FileContext, node: Node): string | undefined {
  const text = ctx.evaluator.text(node);
  if (text === undefined) return HOME_VARIABLE.test(unwrap(node).text) ? 'the home folder' : undefined;
  if (PRECIOUS_FOLDER.test(text) && text.trim() !== '') return `'${text}'`;
  // expanduser("~"), Path.home() / "Documents", os.environ["HOME"]: the home folder read at run time
  const start = text.indexOf(HOLE);
  if (start !== 0 || text.lastIndexOf(HOLE) !== 0 || !HOME_RELATIVE.test(text.slice(1))) return undefined;
  if (!readsHome(ctx, node)) return undefined;
  return `the home folder${text.length > 1 ? ` (${text.slice(1)})` : ''}`;
}

/** The folder a loop around `node` walks (for root, _, files in os.walk(FOLDER)), when it is a precious one. */
function walkedFolder(ctx: FileContext, node: Node): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'function_definition' || current.type === 'module') return undefined;
    // a for loop's iterable, or those of a comprehension's for clauses (siblings of its body, not ancestors)
    const loops =
      current.type === 'for_statement'
        ? [current]
        : COMPREHENSIONS.has(current.type)
          ? current.namedChildren.filter((child): child is Node => child?.type === 'for_in_clause')
          : [];
    for (const loop of loops) {
      const named = walkedPrecious(ctx, loop.childForFieldName('right'));
      if (named) return `every file under ${named}`;
    }
  }
  return undefined;
}

const COMPREHENSIONS = new Set(['list_comprehension', 'generator_expression', 'set_comprehension']);

/** The precious folder an iterable lists: os.walk(FOLDER), glob.glob(PATTERN), Path(FOLDER).rglob("*"). */
function walkedPrecious(ctx: FileContext, iterable: Node | null): string | undefined {
  const walk = iterable ? unwrap(iterable) : undefined;
  if (walk?.type !== 'call') return undefined;
  const fact = ctx.facts.calls.find((call) => call.node.id === walk.id);
  if (!fact) return undefined;
  // Path(FOLDER).rglob("*"): the folder is the path object's
  const folder = fact.paths.some((path) => WALKERS.has(path))
    ? fact.args.positional[0]
    : pathlibReceiver(fact, PATH_WALKS);
  return folder ? preciousFolder(ctx, folder) : undefined;
}
