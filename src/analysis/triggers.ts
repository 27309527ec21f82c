// When does a piece of code run? install (setup.py), startup (.pth, sitecustomize), import (module
// level, and functions that module-level code calls), or call (inside functions a user calls).
import type { Trigger } from '../model/result.ts';
import type { FileScopes } from './scopes.ts';
import { callArguments, walk, type Node } from './syntax.ts';

export type FileRole = 'setup' | 'startup' | 'module';

/** The role a file plays by its path inside a distribution. */
export function fileRole(path: string, startupModules: Set<string> = new Set()): FileRole {
  const parts = path.split('/');
  const base = parts[parts.length - 1];
  if (base === 'setup.py' && parts.length <= 2) return 'setup';
  if (base === 'sitecustomize.py' || base === 'usercustomize.py') return 'startup';
  const module = parts.filter((p) => !/\.(dist|egg)-info$|-\d/.test(p)).join('/').replace(/(\/__init__)?\.py$/, '').replace(/\//g, '.');
  if (startupModules.has(module)) return 'startup';
  return 'module';
}

const MODULE_LEVEL_TRIGGER: Record<FileRole, Trigger> = { setup: 'install', startup: 'startup', module: 'import' };

const TRIGGER_TYPES = new Set(['call', 'function_definition', 'lambda', 'if_statement']);

/** Decides the trigger of any node of one file. */
export class TriggerMap {
  private readonly autoRun = new Set<number>();

  constructor(
    private readonly role: FileRole,
    root: Node,
    private readonly scopes: FileScopes,
  ) {
    this.collectAutoRunFunctions(root);
  }

  triggerOf(node: Node): Trigger {
    const moduleTrigger = MODULE_LEVEL_TRIGGER[this.role];
    if (this.role === 'setup') return 'install';
    for (let current: Node | null = node.parent; current; current = current.parent) {
      if (current.type === 'function_definition' || current.type === 'lambda') {
        return this.autoRun.has(current.id) ? moduleTrigger : 'call';
      }
      if (current.type === 'if_statement' && isMainGuard(current)) return 'call';
    }
    return moduleTrigger;
  }

  /** Functions that run without a user calling them: called from module level, thread targets, atexit, cmdclass. */
  private collectAutoRunFunctions(root: Node): void {
    const pending: Node[] = [];
    const consider = (callee: Node | null | undefined) => {
      if (!callee || callee.type !== 'identifier') return;
      for (const binder of this.scopes.lookup(callee.text, this.scopes.scopeFor(callee))) {
        if (binder.kind === 'def' && !this.autoRun.has(binder.node.id)) {
          this.autoRun.add(binder.node.id);
          pending.push(binder.node);
        }
        if (binder.kind === 'class') {
          for (const method of constructorMethods(binder.node)) {
            if (this.autoRun.has(method.id)) continue;
            this.autoRun.add(method.id);
            pending.push(method);
          }
        }
      }
    };
    const visitCalls = (scopeRoot: Node, topLevel: boolean) => {
      walk(scopeRoot, (node) => {
        if (node !== scopeRoot && topLevel && (node.type === 'function_definition' || node.type === 'lambda')) return false;
        if (node.type === 'if_statement' && isMainGuard(node)) return false;
        if (node.type !== 'call') return;
        consider(node.childForFieldName('function'));
        const args = callArguments(node);
        for (const key of ['target', 'function', 'func']) consider(args.keywords.get(key));
        if (/(^|\.)(register|submit|start_new_thread|Timer|run_in_executor|call_soon|create_task)$/.test(node.childForFieldName('function')?.text ?? '')) {
          for (const arg of args.positional) consider(arg);
        }
      }, TRIGGER_TYPES);
    };
    visitCalls(root, true);
    while (pending.length) {
      const fn = pending.pop()!;
      visitCalls(fn, false);
    }
  }
}

/** Methods that run when a class is instantiated (or started, for threads). */
function constructorMethods(classNode: Node): Node[] {
  const body = classNode.childForFieldName('body');
  const methods: Node[] = [];
  for (const child of body?.namedChildren ?? []) {
    const definition = child?.type === 'decorated_definition' ? child.childForFieldName('definition') : child;
    const name = definition?.type === 'function_definition' ? definition.childForFieldName('name')?.text : undefined;
    if (definition && name && ['__init__', '__new__', 'run', '__enter__'].includes(name)) methods.push(definition);
  }
  return methods;
}

function isMainGuard(node: Node): boolean {
  const condition = node.childForFieldName('condition')?.text.replace(/\s+/g, '') ?? '';
  return condition === "__name__=='__main__'" || condition === '__name__=="__main__"' || condition === "'__main__'==__name__" || condition === '"__main__"==__name__';
}
