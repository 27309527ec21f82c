// Python scopes and name bindings of one file: imports (with aliases, relative and star imports),
// assignments, definitions, parameters, `self.x = ...` attributes. Flow-insensitive: a name may have
// several bindings and every one is considered, as a careful reviewer would.
import type { Node } from './syntax.ts';

export type Binder =
  | { kind: 'import'; path: string }
  | { kind: 'expr'; node: Node; scope: Scope }
  | { kind: 'def'; node: Node; scope: Scope }
  | { kind: 'class'; node: Node }
  /** A parameter of a function or lambda: its value is the argument of a call, when the evaluator follows one. */
  | { kind: 'param'; fn: Node; index: number; name: string; fallback?: Node }
  /** `name += ...`: the name's value changes after it is bound, so it is no constant. */
  | { kind: 'update'; node: Node }
  /**
   * A loop variable: one item of the iterable `node` at a time (`for path in PATHS`), or, with `index`, that
   * position of each item unpacked (`for root, dirs, files in os.walk(top)`: root is position 0).
   */
  | { kind: 'item'; node: Node; index?: number }
  /** One item unpacked from the value of `node` (`a, b = node`): its provenance, not its value. */
  | { kind: 'element'; node: Node }
  | { kind: 'unknown' };

export interface Scope {
  kind: 'module' | 'function' | 'class';
  node: Node;
  parent?: Scope;
  bindings: Map<string, Binder[]>;
  /** Modules imported with `from m import *` in this scope. */
  starImports: string[];
}

/** The node types that bind names. */
export const BINDING_TYPES = new Set([
  'function_definition',
  'class_definition',
  'lambda',
  'import_statement',
  'import_from_statement',
  'assignment',
  'augmented_assignment',
  'named_expression',
  'for_statement',
  'for_in_clause',
  'with_item',
  'except_clause',
]);

export class FileScopes {
  readonly module: Scope;
  /** Bindings of `self.name = ...`, class attributes and methods, for every class of the file. */
  readonly selfAttributes = new Map<string, Binder[]>();
  /**
   * Scopes other than the module, in document order, with their ranges and the index of the innermost earlier range
   * that contains each (-1: none), so that the ranges around a position are a chain, not a scan back to the start.
   */
  private readonly ranges: { start: number; end: number; id: number; scope: Scope; enclosing: number }[] = [];

  /**
   * `nodes`: the file's nodes in document order (at least those of BINDING_TYPES); `inherited`: modules the code
   * sees without importing them (a payload exec'd where the decoding file had imported them), by name.
   */
  constructor(
    root: Node,
    private readonly packagePath: string[],
    nodes: Node[],
    private readonly inherited: Readonly<Record<string, string>> = {},
  ) {
    this.module = this.newScope('module', root);
    for (const node of nodes) if (BINDING_TYPES.has(node.type)) this.collect(node);
  }

  /** The innermost scope that contains a node (a definition node itself belongs to the enclosing scope). */
  scopeFor(node: Node): Scope {
    const position = node.startIndex;
    const id = node.id;
    let low = 0;
    let high = this.ranges.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (this.ranges[middle].start <= position) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    // every range around the position encloses the last range that starts before it
    for (let index = found; index >= 0; index = this.ranges[index].enclosing) {
      const range = this.ranges[index];
      if (range.id !== id && range.start <= position && position < range.end) return range.scope;
    }
    return this.module;
  }

  /** Bindings visible for a name from a scope (Python's LEGB, class scopes skipped for nested functions). */
  /** An identifier's assigned expressions (`x = <expr>`), or the node itself when it is no identifier. */
  valuesOf(node: Node): Node[] {
    if (node.type !== 'identifier') return [node];
    return this.lookup(node.text, this.scopeFor(node)).flatMap((binder) =>
      binder.kind === 'expr' ? [binder.node] : [],
    );
  }

  lookup(name: string, scope: Scope): Binder[] {
    let first = true;
    for (let current: Scope | undefined = scope; current; current = current.parent) {
      if (current.kind === 'class' && !first) continue;
      first = false;
      const found = current.bindings.get(name);
      if (found) return found;
      if (current.starImports.length > 0)
        return current.starImports.map((module) => ({ kind: 'import', path: `${module}.${name}` }));
    }
    const module = Object.hasOwn(this.inherited, name) ? this.inherited[name] : undefined;
    return module === undefined ? [] : [{ kind: 'import', path: module }];
  }

  /** The imported modules visible by name at a node (inner scopes first), with those this file inherited. */
  importsAt(node: Node): Record<string, string> {
    const visible: Record<string, string> = { ...this.inherited };
    const scopes: Scope[] = [];
    for (let current: Scope | undefined = this.scopeFor(node); current; current = current.parent) scopes.push(current);
    for (const scope of scopes.reverse())
      for (const [name, binders] of scope.bindings) {
        const imported = binders.find((binder) => binder.kind === 'import');
        if (imported?.kind === 'import') visible[name] = imported.path;
      }
    return visible;
  }

  private newScope(kind: Scope['kind'], node: Node, parent?: Scope): Scope {
    const scope: Scope = { kind, node, parent, bindings: new Map(), starImports: [] };
    if (parent) {
      const start = node.startIndex;
      const end = node.endIndex;
      let enclosing = this.ranges.length - 1;
      while (enclosing >= 0 && !(this.ranges[enclosing].start <= start && end <= this.ranges[enclosing].end))
        enclosing = this.ranges[enclosing].enclosing;
      this.ranges.push({ start, end, id: node.id, scope, enclosing });
    }
    return scope;
  }

  private bind(scope: Scope, name: string, binder: Binder): void {
    const list = scope.bindings.get(name);
    if (list) list.push(binder);
    else scope.bindings.set(name, [binder]);
  }

  private collect(node: Node): void {
    const scope = this.scopeFor(node);
    switch (node.type) {
      case 'function_definition':
      case 'class_definition': {
        const name = node.childForFieldName('name')?.text;
        if (name)
          this.bind(
            scope,
            name,
            node.type === 'class_definition' ? { kind: 'class', node } : { kind: 'def', node, scope },
          );
        if (name && node.type === 'function_definition' && scope.kind === 'class') {
          // a method: self.name(...) calls it
          const list = this.selfAttributes.get(name) ?? [];
          list.push({ kind: 'def', node, scope });
          this.selfAttributes.set(name, list);
        }
        const opened = this.newScope(node.type === 'class_definition' ? 'class' : 'function', node, scope);
        if (node.type === 'function_definition') this.bindParameters(opened, node);
        return;
      }
      case 'lambda': {
        const opened = this.newScope('function', node, scope);
        this.bindParameters(opened, node);
        return;
      }
      case 'import_statement':
        this.bindImport(scope, node);
        return;
      case 'import_from_statement':
        this.bindImportFrom(scope, node);
        return;
      case 'assignment':
        this.bindAssignment(scope, node);
        return;
      case 'augmented_assignment': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (left?.type === 'identifier' && right) this.bind(scope, left.text, { kind: 'update', node: right });
        return;
      }
      case 'named_expression': {
        const name = node.childForFieldName('name')?.text;
        const value = node.childForFieldName('value');
        if (name && value) this.bind(scope, name, { kind: 'expr', node: value, scope });
        return;
      }
      case 'for_statement':
      case 'for_in_clause': {
        const left = node.childForFieldName('left');
        const iterable = node.childForFieldName('right');
        // for path in PATHS: the name takes each item of the sequence in turn
        if (left?.type === 'identifier' && iterable) this.bind(scope, left.text, { kind: 'item', node: iterable });
        else if (iterable && (left?.type === 'pattern_list' || left?.type === 'tuple_pattern'))
          left.namedChildren.forEach((target, index) => {
            if (target?.type === 'identifier') this.bind(scope, target.text, { kind: 'item', node: iterable, index });
            else this.bindTargets(scope, target);
          });
        else this.bindTargets(scope, left);
        return;
      }
      case 'with_item': {
        const value = node.childForFieldName('value');
        if (value?.type === 'as_pattern') {
          const target = value.childForFieldName('alias') ?? value.namedChildren[value.namedChildren.length - 1];
          const expr = value.namedChildren[0];
          const name = target?.type === 'as_pattern_target' ? target.namedChildren[0] : target;
          if (name?.type === 'identifier' && expr) this.bind(scope, name.text, { kind: 'expr', node: expr, scope });
          else this.bindTargets(scope, name ?? null);
        }
        return;
      }
      case 'except_clause': {
        for (const child of node.namedChildren) {
          if (child?.type === 'as_pattern') this.bindTargets(scope, child.namedChildren[1] ?? null);
        }
        return;
      }
      default:
        return;
    }
  }

  private bindParameters(scope: Scope, node: Node): void {
    const parameters = node.childForFieldName('parameters');
    let index = 0;
    for (const parameter of parameters?.namedChildren ?? []) {
      if (!parameter) continue;
      const name =
        parameter.type === 'identifier'
          ? parameter
          : (parameter.childForFieldName('name') ?? parameter.namedChildren.find((c) => c?.type === 'identifier'));
      if (!name) continue;
      const splat = parameter.type === 'list_splat_pattern' || parameter.type === 'dictionary_splat_pattern';
      const fallback = parameter.childForFieldName('value') ?? undefined;
      this.bind(
        scope,
        name.text,
        splat ? { kind: 'unknown' } : { kind: 'param', fn: node, index, name: name.text, fallback },
      );
      index++;
    }
  }

  /** Binds every name in an assignment target, in document order; iterative, as targets can nest 50 000 deep. */
  private bindTargets(scope: Scope, target: Node | null): void {
    const pending = target ? [target] : [];
    while (pending.length > 0) {
      const node = pending.pop()!;
      if (node.type === 'identifier') this.bind(scope, node.text, { kind: 'unknown' });
      else for (const child of node.namedChildren.reverse()) if (child) pending.push(child);
    }
  }

  /** `r, w = socket.socketpair()`, `self.a, self.b = f()`: each name holds an item of the call's value. */
  private bindUnpacked(scope: Scope, left: Node, right: Node): void {
    for (const target of left.namedChildren) {
      if (target?.type === 'identifier') {
        this.bind(scope, target.text, { kind: 'element', node: right });
        continue;
      }
      const object = target?.type === 'attribute' ? target.childForFieldName('object') : null;
      const attribute = target?.childForFieldName('attribute')?.text;
      if (attribute && (object?.text === 'self' || object?.text === 'cls')) {
        const list = this.selfAttributes.get(attribute) ?? [];
        list.push({ kind: 'element', node: right });
        this.selfAttributes.set(attribute, list);
      } else if (target?.type !== 'attribute' && target?.type !== 'subscript') {
        this.bindTargets(scope, target);
      }
    }
  }

  private bindAssignment(scope: Scope, node: Node): void {
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left) return;
    if (!right) {
      this.bindTargets(scope, left); // annotation only
      return;
    }
    if (left.type === 'identifier') {
      this.bind(scope, left.text, { kind: 'expr', node: right, scope });
    } else if (left.type === 'attribute') {
      const object = left.childForFieldName('object');
      const attribute = left.childForFieldName('attribute')?.text;
      if (attribute && object && (object.text === 'self' || object.text === 'cls')) {
        const list = this.selfAttributes.get(attribute) ?? [];
        list.push({ kind: 'expr', node: right, scope });
        this.selfAttributes.set(attribute, list);
      }
    } else if (
      (left.type === 'pattern_list' || left.type === 'tuple_pattern') &&
      (right.type === 'expression_list' || right.type === 'tuple')
    ) {
      const targets = left.namedChildren;
      const values = right.namedChildren;
      targets.forEach((target, index) => {
        const value = values[index];
        if (target?.type === 'identifier' && value && targets.length === values.length) {
          this.bind(scope, target.text, { kind: 'expr', node: value, scope });
        } else {
          this.bindTargets(scope, target);
        }
      });
    } else if (left.type === 'pattern_list' || left.type === 'tuple_pattern') {
      this.bindUnpacked(scope, left, right);
    } else {
      this.bindTargets(scope, left.type === 'subscript' ? null : left);
    }
    if (scope.kind === 'class' && left.type === 'identifier') {
      const list = this.selfAttributes.get(left.text) ?? [];
      list.push({ kind: 'expr', node: right, scope });
      this.selfAttributes.set(left.text, list);
    }
  }

  private bindImport(scope: Scope, node: Node): void {
    for (const child of node.namedChildren) {
      if (!child) continue;
      if (child.type === 'dotted_name') {
        const top = child.text.split('.')[0];
        this.bind(scope, top, { kind: 'import', path: top });
      } else if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (name && alias) this.bind(scope, alias, { kind: 'import', path: name.replace(/\s+/g, '') });
      }
    }
  }

  private bindImportFrom(scope: Scope, node: Node): void {
    const moduleNode = node.childForFieldName('module_name');
    if (!moduleNode) return;
    const module = this.absoluteModule(moduleNode.text.replace(/\s+/g, ''));
    for (const child of node.namedChildren) {
      if (!child || child.id === moduleNode.id) continue;
      if (child.type === 'wildcard_import') {
        scope.starImports.push(module);
      } else if (child.type === 'dotted_name') {
        this.bind(scope, child.text, { kind: 'import', path: joinPath(module, child.text) });
      } else if (child.type === 'aliased_import') {
        const name = child.childForFieldName('name')?.text;
        const alias = child.childForFieldName('alias')?.text;
        if (name && alias) this.bind(scope, alias, { kind: 'import', path: joinPath(module, name) });
      }
    }
  }

  /** Resolves `.mod` / `..mod` against the file's package. */
  private absoluteModule(name: string): string {
    const dots = /^\.*/.exec(name)![0].length;
    if (dots === 0) return name;
    const base = this.packagePath.slice(0, Math.max(0, this.packagePath.length - (dots - 1)));
    return [...base, name.slice(dots)].filter(Boolean).join('.');
  }
}

function joinPath(module: string, name: string): string {
  return module ? `${module}.${name}` : name;
}
