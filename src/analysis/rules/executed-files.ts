// Files a module runs as Python whatever their name: exec or compile of what open(...).read(), Path.read_text()
// (also of a path joined with '/'), pkgutil.get_data or importlib.resources return, runpy.run_path, execfile, and the
// importlib loaders given a path. (A Python interpreter started on a data file is process.ts's, same finding.)
// A member not named like Python is reported (`file-executed-as-code`, its name in `path`), and the target stage
// analyses it as Python.
import { HOLE } from '../evaluate.ts';
import { addFinding, type FileContext, raise, triggerWeight } from '../file-context.ts';
import { type Node, unwrap } from '../syntax.ts';

const RUNS_SOURCE = new Set(['builtins.exec', 'builtins.eval', 'builtins.compile']);
/** Calls that run a file given by path, and the index of the path argument. */
const RUNS_PATH = new Map([
  ['runpy.run_path', 0],
  ['builtins.execfile', 0],
  ['importlib.machinery.SourceFileLoader', 1],
  ['importlib.util.spec_from_file_location', 1],
  ['importlib.machinery.SourcelessFileLoader', 1],
  ['zipimport.zipimporter', 0],
]);
const OPENERS = new Set([
  'builtins.open',
  'io.open',
  'codecs.open',
  'pathlib.Path',
  'pathlib.PosixPath',
  'pathlib.WindowsPath',
  'os.fdopen',
]);
const READERS = new Set(['read', 'read_text', 'read_bytes']);
/** Calls that return a package resource's contents, and the index of the resource name. */
const RESOURCE_READERS = new Map([
  ['pkgutil.get_data', 1],
  ['importlib.resources.read_text', 1],
  ['importlib.resources.read_binary', 1],
  ['importlib_resources.read_text', 1],
  ['importlib_resources.read_binary', 1],
]);
const MAX_HOPS = 4;

/** The member name the folded path ends with: what follows the last unknown part, without ./ or leading slashes. */
export function memberName(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const known = text
    .slice(text.lastIndexOf(HOLE) + 1)
    .replace(/^[/\\]+/, '')
    .replace(/^(\.\/)+/, '');
  return known.length > 0 ? known : undefined;
}

/** The path node of `open(PATH).read()`, `Path(PATH).read_text()`, through names bound to such values. */
function readPath(ctx: FileContext, node: Node, hops = 0): Node | undefined {
  const target = unwrap(node);
  if (target.type === 'identifier' && hops < MAX_HOPS) {
    const binders = ctx.scopes.lookup(target.text, ctx.scopes.scopeFor(target));
    for (const binder of binders) if (binder.kind === 'expr') return readPath(ctx, binder.node, hops + 1);
    return undefined;
  }
  if (target.type !== 'call') return undefined;
  const callee = target.childForFieldName('function');
  // pkgutil.get_data(__name__, "payload.txt"), importlib.resources.read_text(pkg, "payload.txt")
  const resource = callee
    ? ctx.evaluator
        .paths(callee)
        .map((path) => RESOURCE_READERS.get(path))
        .find((index) => index !== undefined)
    : undefined;
  if (resource !== undefined)
    return (
      target.childForFieldName('arguments')?.namedChildren.filter((arg) => arg?.type !== 'comment')[resource] ??
      undefined
    );
  if (callee?.type !== 'attribute' || !READERS.has(callee.childForFieldName('attribute')?.text ?? '')) return undefined;
  const opened = callee.childForFieldName('object');
  if (!opened) return undefined;
  const opener = unwrap(opened);
  if (opener.type === 'identifier' && hops < MAX_HOPS) {
    // f = open(path); exec(f.read())
    for (const binder of ctx.scopes.lookup(opener.text, ctx.scopes.scopeFor(opener)))
      if (binder.kind === 'expr') return openedPath(ctx, binder.node);
    return undefined;
  }
  return openedPath(ctx, opener);
}

function openedPath(ctx: FileContext, node: Node): Node | undefined {
  const call = unwrap(node);
  // (importlib.resources.files(pkg) / "data" / "payload.txt").read_text(): the joined path itself
  if (call.type === 'binary_operator' && call.childForFieldName('operator')?.text === '/') return call;
  if (call.type !== 'call') return undefined;
  const callee = call.childForFieldName('function');
  // importlib.resources.files(pkg).joinpath("payload.txt").read_text(): the last name joined
  if (callee?.type === 'attribute' && callee.childForFieldName('attribute')?.text === 'joinpath') {
    const parts = call.childForFieldName('arguments')?.namedChildren.filter((arg) => arg?.type !== 'comment') ?? [];
    return parts[parts.length - 1] ?? undefined;
  }
  if (!callee || !ctx.evaluator.paths(callee).some((path) => OPENERS.has(path))) return undefined;
  return (
    call
      .childForFieldName('arguments')
      ?.namedChildren.find((arg) => arg?.type !== 'keyword_argument' && arg?.type !== 'comment') ?? undefined
  );
}

/** The member whose contents an expression reads (`open("payload.txt").read()` and the like), if any. */
export function memberRead(ctx: FileContext, node: Node): string | undefined {
  const path = readPath(ctx, node);
  return path ? memberName(ctx.evaluator.text(path)) : undefined;
}

export function executedFileRules(ctx: FileContext): void {
  for (const call of ctx.facts.calls) {
    let pathNode: Node | undefined;
    if (call.paths.some((path) => RUNS_SOURCE.has(path)))
      pathNode = call.args.positional[0] ? readPath(ctx, call.args.positional[0]) : undefined;
    else {
      const index = call.paths.map((path) => RUNS_PATH.get(path)).find((i) => i !== undefined);
      if (index !== undefined)
        pathNode =
          call.args.positional[index] ??
          call.args.keywords.get(index === 0 ? 'path_name' : 'location') ??
          call.args.keywords.get('path');
    }
    const name = pathNode ? memberName(ctx.evaluator.text(pathNode)) : undefined;
    if (!name || /\.pyw?$/i.test(name)) continue;
    addFinding(ctx, call.node, {
      rule: 'file-executed-as-code',
      severity: raise('low', triggerWeight(ctx.triggers.triggerOf(call.node)) > 0 ? 1 : 0),
      message: `runs the file '${name}' as Python code, though it is not named like a Python file`,
      capability: 'dynamic-code',
      path: name,
    });
  }
}
