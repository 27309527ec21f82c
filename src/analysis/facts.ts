// One pass over a parsed file that gathers what the rules read: calls (with the qualified names they may
// resolve to, and the calls of functions handed to threads, pools and map: handed-calls.ts), string literals
// used by code, and imports.

import type { Evaluator } from './evaluate.ts';
import { handedCall } from './handed-calls.ts';
import { VENDOR_MARKERS } from './indicators/network.ts';
import { anyPatternTest } from './pattern-union.ts';
import { type CallArguments, callArguments, type Node } from './syntax.ts';

export interface CallFact {
  node: Node;
  /** Qualified names the callee may denote, vendoring prefixes removed ("pip._vendor.requests.get" → "requests.get"). */
  paths: string[];
  args: CallArguments;
}

export interface ImportFact {
  node: Node;
  /** Absolute module names the statement imports (for `from m import x`: "m" and "m.x"). */
  modules: string[];
}

export interface FileFacts {
  calls: CallFact[];
  /** String literals that are not docstrings (top-level strings of concatenations are merged). */
  strings: Node[];
  imports: ImportFact[];
}

const ALIASES: [string, string][] = [
  ['six.moves.urllib.request.', 'urllib.request.'],
  ['six.moves.http_client.', 'http.client.'],
  ['future.moves.urllib.request.', 'urllib.request.'],
  ['urllib.request.urllib.request.', 'urllib.request.'],
  // the C modules behind os (os.system is posix.system; a pickle names it so) and Python 2's names
  ['posix.', 'os.'],
  ['nt.', 'os.'],
  ['__builtin__.', 'builtins.'],
  ['commands.', 'subprocess.'],
];

const HOLDS_VENDOR_MARKER = anyPatternTest(
  VENDOR_MARKERS.map((marker) => new RegExp(marker.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))),
);

/** Whether a call may resolve to a name the pattern matches (a loop: no closure made per call of every file). */
export function callMatches(call: Pick<CallFact, 'paths'>, pattern: RegExp): boolean {
  for (const path of call.paths) if (pattern.test(path)) return true;
  return false;
}

/** Removes vendoring prefixes and maps compatibility aliases to the real module. */
export function normalizePath(path: string): string {
  let result = path;
  // one scan for any marker first: most paths hold none (this is asked of every path of every call)
  if (HOLDS_VENDOR_MARKER(result))
    for (const marker of VENDOR_MARKERS) {
      const index = result.lastIndexOf(marker);
      if (index >= 0) result = result.slice(index + marker.length);
    }
  for (const [from, to] of ALIASES) if (result.startsWith(from)) result = to + result.slice(from.length);
  return result;
}

/**
 * A call fact whose arguments are read from the tree only when a rule asks for them (a class: no closure per call),
 * unless they are given (a handed call's). Every fact is one: the rules' reads of facts see one hidden class.
 */
class LazyCallFact implements CallFact {
  constructor(
    readonly node: Node,
    readonly paths: string[],
    private readArgs?: CallArguments,
  ) {}
  get args(): CallArguments {
    this.readArgs ??= callArguments(this.node);
    return this.readArgs;
  }
}

/** The node types the facts are made of. */
export const FACT_TYPES = new Set([
  'call',
  'string',
  'concatenated_string',
  'import_statement',
  'import_from_statement',
]);

/** `nodes`: the file's nodes in document order (at least those of FACT_TYPES); `docstrings`: their start offsets. */
export function collectFacts(nodes: Node[], docstrings: ReadonlySet<number>, evaluator: Evaluator): FileFacts {
  const calls: CallFact[] = [];
  const strings: Node[] = [];
  const imports: ImportFact[] = [];
  let concatenationEnd = -1;
  for (const node of nodes) {
    switch (node.type) {
      case 'call': {
        const callee = node.childForFieldName('function');
        const paths = callee ? evaluator.paths(callee).map(normalizePath) : [];
        calls.push(new LazyCallFact(node, paths));
        break;
      }
      case 'concatenated_string':
        concatenationEnd = node.endIndex;
        if (!docstrings.has(node.startIndex)) strings.push(node);
        break;
      case 'string':
        // the parts of "a" "b" are read through their concatenation
        if (node.startIndex >= concatenationEnd && !docstrings.has(node.startIndex)) strings.push(node);
        break;
      case 'import_statement':
      case 'import_from_statement':
        imports.push({ node, modules: importedModules(node, evaluator) });
        break;
      default:
        break;
    }
  }
  for (const call of [...calls]) {
    const handed = handedCall(call, evaluator, normalizePath);
    if (handed) calls.push(new LazyCallFact(handed.node, handed.paths, handed.args));
  }
  return { calls, strings, imports };
}

function importedModules(node: Node, evaluator: Evaluator): string[] {
  const modules = new Set<string>();
  for (const child of node.namedChildren) {
    if (!child) continue;
    const nameNode =
      child.type === 'aliased_import' ? child.childForFieldName('name') : child.type === 'dotted_name' ? child : null;
    if (!nameNode) continue;
    if (node.type === 'import_statement') modules.add(nameNode.text);
    else {
      const moduleName = node.childForFieldName('module_name');
      if (moduleName?.id === nameNode.id) continue;
      // the binding's path is already absolute (relative imports resolved by the scopes)
      // the name bound: the alias, or the single identifier of the imported name's dotted_name
      const alias = child.type === 'aliased_import' ? child.childForFieldName('alias') : nameNode.namedChild(0);
      for (const path of alias ? evaluator.paths(alias) : []) {
        modules.add(path);
        modules.add(path.slice(0, path.lastIndexOf('.')));
      }
    }
  }
  if (node.type === 'import_from_statement' && node.namedChildren.some((c) => c?.type === 'wildcard_import')) {
    const name = node.childForFieldName('module_name')?.text;
    if (name) modules.add(name);
  }
  return [...modules].map(normalizePath).filter(Boolean);
}
