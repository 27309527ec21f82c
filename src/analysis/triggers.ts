// When does a piece of code run? install (setup.py), startup (.pth, sitecustomize), import (module
// level, and functions that module-level code calls), or call (inside functions a user calls).
import type { Trigger } from '../model/result.ts';
import { moduleOfFile, STARTUP_MODULES } from './module-names.ts';
import type { FileScopes, Scope } from './scopes.ts';
import { callArguments, type Node } from './syntax.ts';

export type FileRole = 'setup' | 'startup' | 'module';

/** The role a file plays by its path inside a distribution (a file a .pth imports is marked startup by its caller). */
export function fileRole(path: string): FileRole {
  const parts = path.split('/');
  const base = parts[parts.length - 1];
  if (base === 'setup.py' && parts.length <= 2) return 'setup';
  if (STARTUP_MODULES.has(moduleOfFile(base) ?? '')) return 'startup';
  return 'module';
}

const MODULE_LEVEL_TRIGGER: Record<FileRole, Trigger> = { setup: 'install', startup: 'startup', module: 'import' };

/** The node types the trigger map reads. */
export const TRIGGER_TYPES = new Set(['call', 'if_statement']);

/** Decides the trigger of any node of one file. */
export class TriggerMap {
  private readonly autoRun = new Set<number>();
  /** Ranges of `if __name__ == "__main__":` blocks, whose code runs only as a script. */
  private readonly mainGuards: [number, number][] = [];

  /** `nodes`: the file's nodes in document order (at least those of TRIGGER_TYPES). */
  constructor(
    private readonly role: FileRole,
    nodes: Node[],
    private readonly scopes: FileScopes,
  ) {
    for (const node of nodes) if (node.type === 'if_statement' && isMainGuard(node)) this.mainGuards.push([node.startIndex, node.endIndex]);
    this.collectAutoRunFunctions(nodes.filter((node) => node.type === 'call'));
  }

  triggerOf(node: Node): Trigger {
    const moduleTrigger = MODULE_LEVEL_TRIGGER[this.role];
    if (this.role === 'setup') return 'install';
    const fn = this.enclosingFunction(node);
    if (fn) return this.autoRun.has(fn.id) ? moduleTrigger : 'call';
    return this.inMainGuard(node) ? 'call' : moduleTrigger;
  }

  private inMainGuard(node: Node): boolean {
    const position = node.startIndex;
    return this.mainGuards.some(([start, end]) => position >= start && position < end);
  }

  /** The innermost function or lambda around a node (class bodies run with their enclosing code). */
  private enclosingFunction(node: Node): Node | undefined {
    for (let scope: Scope | undefined = this.scopes.scopeFor(node); scope; scope = scope.parent) {
      if (scope.kind === 'function') return scope.node;
    }
    return undefined;
  }

  /** Functions that run without a user calling them: called from module level, thread targets, atexit, cmdclass. */
  private collectAutoRunFunctions(calls: Node[]): void {
    const byFunction = new Map<number, Node[]>();
    const topLevel: Node[] = [];
    for (const call of calls) {
      const fn = this.enclosingFunction(call);
      if (!fn) {
        if (!this.inMainGuard(call)) topLevel.push(call);
      } else byFunction.set(fn.id, [...(byFunction.get(fn.id) ?? []), call]);
    }
    const pending: Node[] = [];
    const mark = (fn: Node) => {
      if (this.autoRun.has(fn.id)) return;
      this.autoRun.add(fn.id);
      pending.push(fn);
    };
    const consider = (callee: Node | null | undefined) => {
      if (!callee || callee.type !== 'identifier') return;
      for (const binder of this.scopes.lookup(callee.text, this.scopes.scopeFor(callee))) {
        if (binder.kind === 'def') mark(binder.node);
        if (binder.kind === 'class') for (const method of constructorMethods(binder.node)) mark(method);
      }
    };
    /** Reporter().flush(): the method of a class of this file called on a fresh instance. */
    const considerMethod = (callee: Node | null) => {
      const instance = callee?.type === 'attribute' ? callee.childForFieldName('object') : null;
      const cls = instance?.type === 'call' ? instance.childForFieldName('function') : null;
      const method = callee?.childForFieldName('attribute')?.text;
      if (!cls || cls.type !== 'identifier' || !method) return;
      for (const binder of this.scopes.lookup(cls.text, this.scopes.scopeFor(cls))) {
        if (binder.kind === 'class') for (const fn of methodsNamed(binder.node, [method])) mark(fn);
      }
    };
    const visit = (call: Node) => {
      consider(call.childForFieldName('function'));
      considerMethod(call.childForFieldName('function'));
      const args = callArguments(call);
      for (const key of ['target', 'function', 'func']) consider(args.keywords.get(key));
      if (/(^|\.)(register|submit|start_new_thread|Timer|run_in_executor|call_soon|create_task)$/.test(call.childForFieldName('function')?.text ?? '')) {
        for (const arg of args.positional) consider(arg);
      }
    };
    topLevel.forEach(visit);
    while (pending.length) {
      const fn = pending.pop()!;
      (byFunction.get(fn.id) ?? []).forEach(visit);
    }
  }
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

/** Methods that run when a class is instantiated (or started, for threads). */
function constructorMethods(classNode: Node): Node[] {
  return methodsNamed(classNode, ['__init__', '__new__', 'run', '__enter__']);
}

function isMainGuard(node: Node): boolean {
  // `if __name__ == "__main__":`, also as one conjunct of an `and` (`if sys.platform != "win32" and __name__ == ...`)
  const condition = node.childForFieldName('condition')?.text ?? '';
  if (/\bor\b|\bnot\b/.test(condition)) return false;
  const compact = condition.replace(/\s+/g, '');
  return /__name__==(['"])__main__\1|(['"])__main__\2==__name__/.test(compact);
}
