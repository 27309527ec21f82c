// When does a piece of code run? install (setup.py), startup (.pth, sitecustomize), import (module
// level, and functions that module-level code calls), or call (inside functions a user calls).
import type { Trigger } from '../model/result.ts';
import { assignedValues } from './evaluate.ts';
import { moduleOfFile, STARTUP_MODULES } from './module-names.ts';
import { STDLIB_MODULES } from './package-checks/stdlib-modules.ts';
import type { Binder, FileScopes, Scope } from './scopes.ts';
import { callArguments, type Node, unwrap } from './syntax.ts';

/**
 * What runs a file's module-level code: pip (setup), the interpreter at start-up, an import, `python -m` (script), an
 * import made by setup.py while pip installs (install-import: its module level, and the functions setup.py calls,
 * run at install time), or another Python started on the file by code that runs on import (run-on-import: the file
 * runs as __main__ then, its `if __name__ == "__main__":` block included).
 */
export type FileRole = 'setup' | 'startup' | 'module' | 'script' | 'install-import' | 'run-on-import';

/** The role a file plays by its path inside a distribution (a file a .pth imports is marked startup by its caller). */
export function fileRole(path: string): FileRole {
  const parts = path.split('/');
  const base = parts[parts.length - 1];
  if (base === 'setup.py' && parts.length <= 2) return 'setup';
  if (STARTUP_MODULES.has(moduleOfFile(base) ?? '')) return 'startup';
  // `import pkg` never runs pkg/__main__.py: Python runs it for `python -m pkg` only, when the user asks
  if (base === '__main__.py') return 'script';
  return 'module';
}

const MODULE_LEVEL_TRIGGER: Record<FileRole, Trigger> = {
  setup: 'install',
  startup: 'startup',
  module: 'import',
  script: 'call',
  'install-import': 'install',
  'run-on-import': 'import',
};

/** The node types the trigger map reads. */
export const TRIGGER_TYPES = new Set(['call', 'if_statement', 'decorated_definition']);

/** Decides the trigger of any node of one file. */
export class TriggerMap {
  private readonly autoRun = new Set<number>();
  /** Ranges of the bodies of `if __name__ == "__main__":` (not their elif/else), whose code runs only as a script. */
  private readonly mainGuards: [number, number][] = [];

  /** Whether the guards and the functions that run by themselves are known: worked out on the first question. */
  private mapped = false;

  /**
   * `nodes`: the file's nodes in document order (at least those of TRIGGER_TYPES); `entries`: functions of the module
   * that code elsewhere calls when it runs this file's module level; `entryDepth`: how many levels of calls are
   * followed from the entries (all, when not given). The map is made when a rule first asks for a trigger (most files
   * report nothing and are never asked); it depends on the file alone, not on when it is made.
   */
  constructor(
    private readonly role: FileRole,
    private readonly nodes: Node[],
    private readonly scopes: FileScopes,
    private readonly entries: readonly string[] = [],
    private readonly entryDepth?: number,
  ) {}

  private map(): void {
    this.mapped = true;
    const { role, nodes, scopes } = this;
    // a module that assigns __name__ itself decides what the test says: no guard is trusted there
    // a file run as a program is __main__: its guard holds
    const nameRebound =
      role === 'run-on-import' ||
      scopes.lookup('__name__', scopes.module).some((binder) => !fromStandardStarImport(binder, scopes.module)) ||
      nodes.some(rebindsNameIndirectly);
    for (const node of nodes) {
      const body =
        node.type === 'if_statement' && !nameRebound && isMainGuard(node.childForFieldName('condition'))
          ? node.childForFieldName('consequence')
          : null;
      if (body) this.mainGuards.push([body.startIndex, body.endIndex]);
    }
    this.collectAutoRunFunctions(
      nodes.filter((node) => node.type === 'call' || node.type === 'decorated_definition'),
      this.entries.flatMap((entry) => entryFunctions(entry, scopes)),
    );
  }

  /** The trigger of the file's module-level code: no node runs by itself in a weightier way (the others on a call). */
  get moduleTrigger(): Trigger {
    return MODULE_LEVEL_TRIGGER[this.role];
  }

  triggerOf(node: Node): Trigger {
    const moduleTrigger = this.moduleTrigger;
    if (this.role === 'setup') return 'install';
    if (!this.mapped) this.map();
    const fn = this.enclosingFunction(node);
    if (fn) return this.autoRun.has(fn.id) ? moduleTrigger : 'call';
    return this.inMainGuard(node) ? 'call' : moduleTrigger;
  }

  private inMainGuard(node: Node): boolean {
    const position = node.startIndex;
    return this.mainGuards.some(([start, end]) => position >= start && position < end);
  }

  /**
   * The innermost function or lambda whose body holds a node (class bodies run with their enclosing code). Calls in
   * default values and annotations sit before the body: Python makes them when the def runs, with the enclosing code.
   * A plain value there (`cdir="/etc/cron.d"`) is used by the body, so it belongs to the function.
   */
  private enclosingFunction(node: Node): Node | undefined {
    for (let scope: Scope | undefined = this.scopes.scopeFor(node); scope; scope = scope.parent) {
      if (scope.kind !== 'function') continue;
      const body = scope.node.childForFieldName('body');
      if (!body || node.startIndex >= body.startIndex || !madeByACall(node, scope.node)) return scope.node;
    }
    return undefined;
  }

  /**
   * Functions that run without a user calling them: called from module level, thread targets, atexit, cmdclass,
   * the methods of an import hook put on sys.meta_path, functions a decorator of this file calls as it decorates.
   * `sites`: the file's calls and decorated definitions.
   */
  private collectAutoRunFunctions(sites: Node[], entries: Node[]): void {
    const byFunction = new Map<number, Node[]>();
    const topLevel: Node[] = [];
    for (const site of sites) {
      const fn = this.enclosingFunction(site);
      if (!fn) {
        if (!this.inMainGuard(site)) topLevel.push(site);
      } else {
        // appended in place: a copy per call is quadratic in a function of 30 000 calls (sympy's rubi tests)
        const list = byFunction.get(fn.id);
        if (list) list.push(site);
        else byFunction.set(fn.id, [site]);
      }
    }
    const pending: Node[] = [];
    // how many calls a function is from the entries (absent: reached from the module's own top level, no limit)
    const depthOf = new Map<number, number>();
    let depth: number | undefined;
    const mark = (fn: Node) => {
      if (this.autoRun.has(fn.id)) {
        // reached again from the top level: its calls are followed without the entries' limit
        if (depth === undefined && depthOf.delete(fn.id)) pending.push(fn);
        return;
      }
      if (depth !== undefined && this.entryDepth !== undefined && depth > this.entryDepth) return;
      this.autoRun.add(fn.id);
      if (depth !== undefined) depthOf.set(fn.id, depth);
      pending.push(fn);
    };
    const consider = (callee: Node | null | undefined) => {
      // (lambda: ...)() and a lambda handed to atexit.register or a thread run it
      if (callee && unwrap(callee).type === 'lambda') mark(unwrap(callee));
      if (callee?.type !== 'identifier') return;
      for (const binder of this.scopes.lookup(callee.text, this.scopes.scopeFor(callee))) {
        if (binder.kind === 'def') mark(binder.node);
        // run = lambda c: os.system(c), then run(...)
        if (binder.kind === 'expr' && unwrap(binder.node).type === 'lambda') mark(unwrap(binder.node));
        if (binder.kind === 'class') for (const method of constructorMethods(binder.node)) mark(method);
      }
    };
    /**
     * Reporter().flush(), or `r = Reporter()` then `r.flush()`: the method of a class of this file called on an
     * instance made there.
     */
    const considerMethod = (callee: Node | null) => {
      const object = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
      const method = callee?.childForFieldName('attribute')?.text;
      if (!object || !method) return;
      const instances = object.type === 'identifier' ? assignedValues(this.scopes, object).map(unwrap) : [object];
      for (const instance of instances) {
        const cls = instance.type === 'call' ? instance.childForFieldName('function') : null;
        if (cls?.type !== 'identifier') continue;
        for (const binder of this.scopes.lookup(cls.text, this.scopes.scopeFor(cls))) {
          if (binder.kind === 'class') for (const fn of methodsNamed(binder.node, [method])) mark(fn);
        }
      }
    };
    /** sys.meta_path.insert(0, Finder()): Python calls the finder's methods on every later import. */
    const considerImportHook = (call: Node, callee: string) => {
      if (!/^sys\.(meta_path|path_hooks)\.(insert|append)$/.test(callee)) return;
      for (const arg of callArguments(call).positional) {
        const cls = unwrap(arg).type === 'call' ? unwrap(arg).childForFieldName('function') : unwrap(arg);
        if (cls?.type !== 'identifier') continue;
        for (const binder of this.scopes.lookup(cls.text, this.scopes.scopeFor(cls)))
          if (binder.kind === 'class') for (const method of methodsOf(binder.node)) mark(method);
      }
    };
    /** @atexit.register, or a decorator of this file whose own body calls the function it is given. */
    const considerDecorators = (decorated: Node) => {
      const fn = decorated.childForFieldName('definition');
      if (fn?.type !== 'function_definition') return;
      for (const decorator of decorated.namedChildren) {
        const expression = decorator?.type === 'decorator' ? decorator.namedChildren[0] : undefined;
        if (!expression) continue;
        // @lambda f: ... is called as the def runs
        if (unwrap(expression).type === 'lambda') mark(unwrap(expression));
        if (expression.text === 'atexit.register' || this.callsItsArgument(expression)) mark(fn);
      }
    };
    const visit = (call: Node) => {
      if (call.type === 'decorated_definition') {
        considerDecorators(call);
        return;
      }
      considerImportHook(call, call.childForFieldName('function')?.text ?? '');
      consider(call.childForFieldName('function'));
      considerMethod(call.childForFieldName('function'));
      const args = callArguments(call);
      for (const key of ['target', 'function', 'func']) consider(args.keywords.get(key));
      if (
        /(^|\.)(register|submit|start_new_thread|Timer|run_in_executor|call_soon|create_task)$/.test(
          call.childForFieldName('function')?.text ?? '',
        )
      ) {
        for (const arg of args.positional) consider(arg);
      }
    };
    topLevel.forEach(visit);
    depth = 0;
    entries.forEach(mark);
    while (pending.length) {
      const fn = pending.pop()!;
      const from = depthOf.get(fn.id);
      depth = from === undefined ? undefined : from + 1;
      (byFunction.get(fn.id) ?? []).forEach(visit);
    }
  }

  /** A decorator that is a function of this file calling its first parameter in its own body (not in a wrapper). */
  private callsItsArgument(decorator: Node): boolean {
    if (decorator.type !== 'identifier') return false;
    return this.scopes.lookup(decorator.text, this.scopes.scopeFor(decorator)).some((binder) => {
      if (binder.kind !== 'def') return false;
      const first = binder.node.childForFieldName('parameters')?.namedChildren[0];
      const name = first?.type === 'identifier' ? first.text : undefined;
      return (
        name !== undefined &&
        binder.node
          .descendantsOfType('call')
          .some(
            (call) =>
              call?.childForFieldName('function')?.text === name && this.enclosingFunction(call)?.id === binder.node.id,
          )
      );
    });
  }
}

const NAME_KEY = /^[rRuU]?["']__name__["']$/;

/** globals()["__name__"] = ..., setattr(module, "__name__", ...), globals().update(__name__=...): rebinding by another road. */
function rebindsNameIndirectly(node: Node): boolean {
  if (node.type === 'assignment') {
    const left = node.childForFieldName('left');
    return left?.type === 'subscript' && NAME_KEY.test(left.childForFieldName('subscript')?.text ?? '');
  }
  if (node.type !== 'call') return false;
  const callee = node.childForFieldName('function');
  // getattr(obj, "__name__") reads it; only setattr(..., "__name__", ...) and update(__name__=...) write it
  if (callee?.type === 'identifier' && callee.text === 'setattr')
    return NAME_KEY.test(callArguments(node).positional[1]?.text ?? '');
  return (
    callee?.type === 'attribute' &&
    callee.childForFieldName('attribute')?.text === 'update' &&
    callArguments(node).keywords.has('__name__')
  );
}

/**
 * A binding of __name__ that only a star import of a standard-library module could make: none, since a star import
 * skips names that start with _ unless the module's __all__ lists them, and no standard module's does. A star
 * import of any other module (the target's own, a dependency) may list it, and still untrusts the guard.
 */
function fromStandardStarImport(binder: Binder, module: Scope): boolean {
  if (binder.kind !== 'import' || module.bindings.has('__name__')) return false;
  const imported = binder.path.slice(0, -'.__name__'.length);
  return module.starImports.includes(imported) && STDLIB_MODULES.has(imported.split('.')[0]);
}

/** Methods of a class body with one of the given names. */
function methodsNamed(classNode: Node, names: string[]): Node[] {
  const body = classNode.childForFieldName('body');
  const methods: Node[] = [];
  for (const child of body?.namedChildren ?? []) {
    const definition = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    const name = definition?.type === 'function_definition' ? definition.childForFieldName('name')?.text : undefined;
    if (definition && name && names.includes(name)) methods.push(definition);
  }
  return methods;
}

/** The node is a call, or part of one, below `within` (a def's header). */
function madeByACall(node: Node, within: Node): boolean {
  for (let current: Node | null = node; current && current.id !== within.id; current = current.parent)
    if (current.type === 'call') return true;
  return false;
}

/** Every method of a class body. */
export function methodsOf(classNode: Node): Node[] {
  return (classNode.childForFieldName('body')?.namedChildren ?? []).flatMap((child) => {
    const definition = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    return definition?.type === 'function_definition' ? [definition] : [];
  });
}

/**
 * The functions an entry names: a module-level function, a class (the methods that run when it is instantiated), or
 * `Class.method`, a method called on an instance of a class of the module.
 */
function entryFunctions(entry: string, scopes: FileScopes): Node[] {
  const [name, method] = entry.split('.', 2);
  return (scopes.module.bindings.get(name) ?? []).flatMap((binder) => {
    if (binder.kind === 'def') return method === undefined ? [binder.node] : [];
    if (binder.kind !== 'class') return [];
    return method === undefined ? constructorMethods(binder.node) : methodsNamed(binder.node, [method]);
  });
}

/** Methods that run when a class is instantiated (or started, for threads, or dropped). */
function constructorMethods(classNode: Node): Node[] {
  return methodsNamed(classNode, CONSTRUCTOR_METHODS);
}

/** (an instance made and dropped is destroyed at once: its __del__ runs then) */
export const CONSTRUCTOR_METHODS = ['__init__', '__new__', 'run', '__enter__', '__del__'];

/** `__name__ == "__main__"` (either way round), alone or as one operand of `and` (both must hold for the body to run). */
function isMainGuard(condition: Node | null): boolean {
  const node = condition ? unwrap(condition) : null;
  if (!node) return false;
  if (node.type === 'boolean_operator') {
    return (
      node.childForFieldName('operator')?.type === 'and' &&
      (isMainGuard(node.childForFieldName('left')) || isMainGuard(node.childForFieldName('right')))
    );
  }
  if (
    node.type !== 'comparison_operator' ||
    node.namedChildCount !== 2 ||
    node.children.filter((c) => c?.type === '==').length !== 1
  )
    return false;
  const [left, right] = node.namedChildren.map((c) => (c ? unwrap(c) : null));
  const isName = (n: Node | null) => n?.type === 'identifier' && n.text === '__name__';
  const isMain = (n: Node | null) => n?.type === 'string' && /^(['"])__main__\1$/.test(n.text);
  return (isName(left) && isMain(right)) || (isMain(left) && isName(right));
}
