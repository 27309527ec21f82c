// Install-time code that writes into the user's own folders: a file or folder made in the home folder, on the
// Desktop or in Documents while pip installs. A build writes into its build tree; a marker dropped in the home
// folder is how install-time code-execution proofs and pranks announce themselves, and where droppers put payloads.
import { HOLE } from '../evaluate.ts';
import type { CallFact } from '../facts.ts';
import { addFinding, type FileContext, triggerWeight } from '../file-context.ts';
import type { Node } from '../syntax.ts';
import { openedForWriting } from './drop-and-run.ts';

/** Calls that create or write a file or folder, and the index of the path argument. */
const WRITERS = new Map([
  ['builtins.open', 0],
  ['io.open', 0],
  ['os.mkdir', 0],
  ['os.makedirs', 0],
  ['shutil.copy', 1],
  ['shutil.copyfile', 1],
  ['shutil.copy2', 1],
  ['shutil.move', 1],
]);
/** pathlib writes, on a path object. */
const PATH_WRITES = ['write_text', 'write_bytes', 'touch', 'mkdir'];
/** A folded path that starts in a user's folder: ~, /home/x, /root, /Users/x, C:\Users\x, %APPDATA%. */
const HOME_TEXT = /^(~|\/root\b|\/home\/|\/Users\/|[A-Za-z]:[\\/]+Users[\\/]|%(USERPROFILE|APPDATA|LOCALAPPDATA)%)/i;
/**
 * The calls and names through which code reaches the home folder, Windows' per-user application folders (APPDATA,
 * LOCALAPPDATA: under the user's profile) included.
 */
const HOME_SOURCES = /expanduser|Path\.home|getlogin|getuser|USERPROFILE|["']HOME["']|HOMEPATH|["'](LOCAL)?APPDATA["']/;

export function installWriteRules(ctx: FileContext): void {
  // only install and start-up code counts, which no code of a file imported or called is
  if (triggerWeight(ctx.triggers.moduleTrigger) < 2) return;
  for (const call of ctx.facts.calls) {
    // the trigger only for a write (most calls are none): its paths alone tell, nothing is evaluated for it
    if (!isWrite(call)) continue;
    const trigger = ctx.triggers.triggerOf(call.node);
    if (triggerWeight(trigger) < 2) continue;
    const target = writtenPath(ctx, call);
    if (!target) continue;
    const text = ctx.evaluator.text(target);
    if (!(text !== undefined && HOME_TEXT.test(text.replaceAll(HOLE, ''))) && !readsHome(ctx, target)) continue;
    addFinding(ctx, call.node, {
      rule: 'install-writes-home',
      severity: 'high',
      message: `writes into the user's home folder ${trigger === 'install' ? 'while pip installs' : 'whenever Python starts'} (${(text ?? target.text).replaceAll(HOLE, '{…}').slice(0, 100)})`,
      capability: 'install-hook',
    });
    return;
  }
}

/** A call of a writer of WRITERS or PATH_WRITES (whose written path writtenPath finds). */
function isWrite(call: CallFact): boolean {
  return call.paths.some((path) => WRITERS.has(path)) || pathlibReceiver(call, PATH_WRITES) !== undefined;
}

/** The path a call writes: open(p, "w"/"a"/"x"), os.mkdir(p), shutil.copy(src, p), Path(p).write_text(...). */
export function writtenPath(ctx: FileContext, call: CallFact): Node | undefined {
  const path = call.paths.find((p) => WRITERS.has(p));
  if (path) return path.endsWith('open') ? openedForWriting(ctx, call) : call.args.positional[WRITERS.get(path)!];
  return pathlibReceiver(call, PATH_WRITES);
}

/**
 * The path object a pathlib method is called on (`Path(p).write_text(...)`, `Path.home().rglob("*")`), when the call
 * is one of `methods` of pathlib's path classes.
 */
export function pathlibReceiver(call: CallFact, methods: readonly string[]): Node | undefined {
  const called = call.paths.some((path) => {
    // most paths are not pathlib's: the pattern runs on those that are
    const match = path.startsWith('pathlib.') ? PATHLIB_METHOD.exec(path) : null;
    return !!match && methods.includes(match[1]);
  });
  return called ? (call.node.childForFieldName('function')?.childForFieldName('object') ?? undefined) : undefined;
}

/** A method called on a pathlib path: Path(...).m, Path.home().m, Path(...).parent.m. */
const PATHLIB_METHOD = /^pathlib\.(?:Path|PosixPath|WindowsPath)(?:\(\)|\.\w+(?:\(\))?)*\.(\w+)$/;

/** Whether the path expression, or what its names are assigned (one step), reads the home folder. */
export function readsHome(ctx: FileContext, node: Node): boolean {
  if (HOME_SOURCES.test(node.text.slice(0, 400))) return true;
  const names = node.type === 'identifier' ? [node] : node.descendantsOfType('identifier').slice(0, 8);
  return names.some((name) => ctx.scopes.valuesOf(name).some((value) => HOME_SOURCES.test(value.text.slice(0, 400))));
}
