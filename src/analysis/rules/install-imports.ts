// Modules that install-time code imports (setup.py's `from pkg import tools; tools.init()` inside an install
// hook), with the functions it calls in them: the target stage analyses those modules of the archive as
// install-time code, so a payload moved out of setup.py into the package still counts as running at install. Likewise
// the functions of the target's own modules that import-time code calls (`__init__.py`'s `gather()` from .collect):
// the target stage analyses them as running on import.
import { isPythonBuiltin, SPEC } from '../evaluate.ts';
import type { CallFact, ImportFact } from '../facts.ts';
import { addFinding, type FileContext } from '../file-context.ts';
import { moduleOfMember } from '../module-names.ts';
import { STDLIB_MODULES } from '../package-checks/stdlib-modules.ts';
import type { Binder } from '../scopes.ts';
import type { Node } from '../syntax.ts';
import { CONSTRUCTOR_METHODS, type FileRole } from '../triggers.ts';

interface Imported {
  fact: ImportFact;
  calls: Set<string>;
}

/** `path` split at its last dot: the module and the name in it. */
function split(path: string): [string, string] {
  const dot = path.lastIndexOf('.');
  return [path.slice(0, dot), path.slice(dot + 1)];
}

/** A method called on an instance of a class another module defines: `pkg.net.Client().push`. */
const INSTANCE_METHOD = /^([\w.]+)\.(\w+)\(\)\.(\w+)$/;

/**
 * The module and function of another of the target's modules (`own`: its top-level modules; `self`: the calling
 * module) that one of a call's paths names, if any.
 */
export function otherOwnModuleCallee(
  paths: readonly string[],
  own: ReadonlySet<string>,
  self: string | null,
): [string, string] | undefined {
  for (const path of paths) {
    // most calls are of other libraries: their first name tells, before the path is split
    const dot = path.indexOf('.');
    if (dot < 0 || !own.has(path.slice(0, dot))) continue;
    const [module, name] = ownCallee(path);
    if (name && module !== self && own.has(module.split('.')[0])) return [module, name];
  }
  return undefined;
}

/**
 * The module and function a called path names: `pkg.net.ship` is ship of pkg.net, `pkg.net.Client().push` the
 * method push of its class Client (`Client.push`); a path through any other call names none (empty name).
 */
function ownCallee(path: string): [string, string] {
  const method = INSTANCE_METHOD.exec(path);
  if (method) return [method[1], `${method[2]}.${method[3]}`];
  return path.includes('(') ? ['', ''] : split(path);
}

/**
 * For setup.py, and for a module setup.py imports (`entries`: its functions that install-time code calls): one
 * `install-imports-module` finding per module imported at install time, naming the functions called in it.
 */
export function installImportRules(ctx: FileContext, role: FileRole, entries: readonly string[]): void {
  if (role !== 'setup' && role !== 'install-import') return;
  const imported = new Map<string, Imported>();
  for (const fact of ctx.facts.imports) {
    if (ctx.triggers.triggerOf(fact.node) !== 'install') continue;
    for (const module of fact.modules)
      if (!STDLIB_MODULES.has(module.split('.')[0]) && !imported.has(module))
        imported.set(module, { fact, calls: new Set() });
    // `from m import f` at install time: f is taken to be used (called, or handed to a thread) there
    for (const path of fact.modules) {
      const [module, name] = split(path);
      if (fact.modules.includes(module)) imported.get(module)?.calls.add(name);
    }
  }
  for (const call of ctx.facts.calls) {
    if (ctx.triggers.triggerOf(call.node) !== 'install') continue;
    // importlib.util.spec_from_file_location("pkg.post", path): the module is loaded from the archive by name
    const loaded = call.paths.includes('importlib.util.spec_from_file_location')
      ? ctx.evaluator
          .paths(call.node)
          .find((path) => path.endsWith(SPEC))
          ?.slice(0, -SPEC.length)
      : undefined;
    if (loaded && !imported.has(loaded))
      imported.set(loaded, { fact: { node: call.node, modules: [loaded] }, calls: new Set() });
    for (const path of call.paths) {
      const [module, name] = ownCallee(path);
      imported.get(module)?.calls.add(name);
    }
  }
  // an entry this module only re-exports (`from .main import init`) is a call of that other module's function
  const reExports = entries.flatMap((name) => ctx.scopes.module.bindings.get(name) ?? []);
  for (const binder of reExports.filter((b): b is Extract<Binder, { kind: 'import' }> => b.kind === 'import')) {
    const [module, name] = split(binder.path);
    const fact = ctx.facts.imports.find((f) => f.modules.includes(binder.path));
    if (!fact) continue;
    const entry = imported.get(module) ?? { fact, calls: new Set<string>() };
    entry.calls.add(name);
    imported.set(module, entry);
  }
  for (const [module, { fact, calls }] of imported) {
    const called = [...calls].sort();
    addFinding(ctx, fact.node, {
      rule: 'install-imports-module',
      severity: 'info',
      message: `imports ${module} while pip installs${called.length > 0 ? ` and calls ${called.map((name) => `${name}()`).join(', ')}` : ''}: its code runs at install time`,
      capability: 'install-hook',
      path: module,
      ...(called.length > 0 && { calls: called }),
      trigger: 'install',
    });
  }
}

/** Calls of other modules' functions, by module: `{ "pkg.net": ["ship"] }`. */
export type CallsByModule = Record<string, string[]>;

/**
 * The functions of the target's other modules that this module's self-running code (on import or start-up) calls,
 * and those each of its top-level functions and classes calls (followed by the target stage when that function turns
 * out to run by itself; a call through a local helper shows once the module is analysed with it as an entry).
 */
export function ownModuleCalls(
  ctx: FileContext,
  role: FileRole,
  path: string,
): { onImport: CallsByModule; byFunction: Record<string, CallsByModule> } | undefined {
  if (role === 'setup' || role === 'install-import' || ctx.ownModules.length === 0) return undefined;
  const self = moduleOfMember(path);
  const own = new Set(ctx.ownModules);
  const onImport: CallsByModule = {};
  const byFunction: Record<string, CallsByModule> = {};
  let any = false;
  for (const call of ctx.facts.calls) {
    const called = otherOwnModuleCallee(call.paths, own, self);
    if (!called) continue;
    const [module, name] = called;
    if (isPythonBuiltin(name) || boundByPartial(ctx, call)) continue;
    const whenCalled = ctx.triggers.triggerOf(call.node) === 'call';
    const owner = whenCalled ? topLevelName(call.node) : undefined;
    if (whenCalled && owner === undefined) continue;
    const calls = owner === undefined ? onImport : (byFunction[owner] ??= {});
    const names = (calls[module] ??= []);
    if (!names.includes(name)) names.push(name);
    any = true;
  }
  return any ? { onImport, byFunction } : undefined;
}

/**
 * A function handed to functools.partial (handed-calls.ts makes it a call fact at the partial's node): partial
 * binds it for a later call and runs nothing itself.
 */
function boundByPartial(ctx: FileContext, call: CallFact): boolean {
  const callee = call.node.childForFieldName('function');
  return !!callee && ctx.evaluator.paths(callee).includes('functools.partial');
}

/**
 * The name of the module-level function a node sits in, or of the class whose body or constructor (the methods
 * that run when an instance is made: CONSTRUCTOR_METHODS) it sits in, or `Class.method` for another method.
 */
function topLevelName(node: Node): string | undefined {
  let current = node;
  let method: string | undefined;
  while (current.parent && current.parent.type !== 'module') {
    if (current.type === 'function_definition') method = current.childForFieldName('name')?.text;
    current = current.parent;
  }
  const definition = current.type === 'decorated_definition' ? current.childForFieldName('definition') : current;
  if (definition?.type === 'function_definition') return definition.childForFieldName('name')?.text;
  if (definition?.type !== 'class_definition') return undefined;
  const name = definition.childForFieldName('name')?.text;
  return method === undefined || CONSTRUCTOR_METHODS.includes(method) || name === undefined
    ? name
    : `${name}.${method}`;
}
