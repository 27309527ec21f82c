// PEP 508 environment markers: parsing `python_version < "3.8" and extra == 'socks'` into a tree, evaluating it
// against a target's marker environment (version comparisons when both sides are PEP 440, else string ones).

import { InvalidMarker } from './standards-error.ts';
import { normalizeName } from './names.ts';
import { isValidSpecifier, satisfies } from './version.ts';

export interface MarkerEnvironment {
  python_version: string;
  python_full_version: string;
  os_name: string;
  sys_platform: string;
  platform_machine: string;
  platform_python_implementation: string;
  platform_release: string;
  platform_system: string;
  platform_version: string;
  implementation_name: string;
  implementation_version: string;
  extra?: string;
}

export type MarkerVariable = keyof MarkerEnvironment;
export type MarkerOperator = '<' | '<=' | '==' | '!=' | '>=' | '>' | '~=' | '===' | 'in' | 'not in';
export type MarkerValue = { variable: MarkerVariable } | { literal: string };

export type MarkerNode =
  | { type: 'and' | 'or'; children: MarkerNode[] }
  | { type: 'compare'; left: MarkerValue; op: MarkerOperator; right: MarkerValue };

const VARIABLES: Record<string, MarkerVariable> = {
  python_version: 'python_version',
  python_full_version: 'python_full_version',
  os_name: 'os_name',
  sys_platform: 'sys_platform',
  platform_machine: 'platform_machine',
  platform_python_implementation: 'platform_python_implementation',
  platform_release: 'platform_release',
  platform_system: 'platform_system',
  platform_version: 'platform_version',
  implementation_name: 'implementation_name',
  implementation_version: 'implementation_version',
  extra: 'extra',
  // legacy spellings that packaging still accepts
  'os.name': 'os_name',
  'sys.platform': 'sys_platform',
  'platform.version': 'platform_version',
  'platform.machine': 'platform_machine',
  'platform.python_implementation': 'platform_python_implementation',
  python_implementation: 'platform_python_implementation',
};

const TOKEN = /\s*(?:(\()|(\))|'([^']*)'|"([^"]*)"|(===|==|!=|<=|>=|~=|<|>)|(not\s+in\b)|([A-Za-z_][A-Za-z0-9_.]*))/y;

type Token =
  | { kind: '(' | ')' }
  | { kind: 'string'; value: string }
  | { kind: 'op'; value: MarkerOperator }
  | { kind: 'word'; value: string };

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    if (/^\s*$/.test(text.slice(pos))) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m)
      throw new InvalidMarker(
        `invalid marker ${JSON.stringify(text)}: unexpected ${JSON.stringify(text.slice(pos).trim())}`,
      );
    pos = TOKEN.lastIndex;
    if (m[1]) tokens.push({ kind: '(' });
    else if (m[2]) tokens.push({ kind: ')' });
    else if (m[3] !== undefined || m[4] !== undefined) tokens.push({ kind: 'string', value: m[3] ?? m[4] });
    else if (m[5]) tokens.push({ kind: 'op', value: m[5] as MarkerOperator });
    else if (m[6]) tokens.push({ kind: 'op', value: 'not in' });
    else if (m[7] === 'in') tokens.push({ kind: 'op', value: 'in' });
    else tokens.push({ kind: 'word', value: m[7] });
  }
  return tokens;
}

/** Parses a PEP 508 marker expression. Throws InvalidMarker with a one-line message naming the text. */
export function parseMarker(text: string): MarkerNode {
  const tokens = tokenize(text);
  let i = 0;
  const fail = (why: string): never => {
    throw new InvalidMarker(`invalid marker ${JSON.stringify(text)}: ${why}`);
  };
  const isWord = (w: string) => tokens[i]?.kind === 'word' && (tokens[i] as { value: string }).value === w;

  const value = (): MarkerValue => {
    const t = tokens[i++];
    if (t?.kind === 'string') return { literal: t.value };
    if (t?.kind === 'word' && VARIABLES[t.value]) return { variable: VARIABLES[t.value] };
    return fail(t?.kind === 'word' ? `unknown variable ${t.value}` : 'expected a variable or a quoted string');
  };
  const atom = (): MarkerNode => {
    if (tokens[i]?.kind === '(') {
      i++;
      const inner = or();
      if (tokens[i++]?.kind !== ')') fail('missing )');
      return inner;
    }
    const left = value();
    const t = tokens[i++];
    if (t?.kind !== 'op') return fail('expected a comparison operator');
    const right = value();
    if ('literal' in left && 'literal' in right) fail('a comparison needs a variable');
    return { type: 'compare', left, op: t.value, right };
  };
  const chain = (type: 'and' | 'or', next: () => MarkerNode) => (): MarkerNode => {
    const children = [next()];
    while (isWord(type)) {
      i++;
      children.push(next());
    }
    return children.length === 1 ? children[0] : { type, children };
  };
  const and = chain('and', atom);
  const or = chain('or', and);

  if (tokens.length === 0) fail('empty marker');
  const node = or();
  if (i < tokens.length) fail('unexpected trailing text');
  return node;
}

/** The canonical text of a marker tree (`python_version < "3.8" and (extra == "a" or extra == "b")`). */
export function formatMarker(node: MarkerNode, parentType?: 'and' | 'or'): string {
  if (node.type === 'compare') return `${formatValue(node.left)} ${node.op} ${formatValue(node.right)}`;
  const text = node.children.map((c) => formatMarker(c, node.type)).join(` ${node.type} `);
  return parentType ? `(${text})` : text;
}

function formatValue(v: MarkerValue): string {
  if ('variable' in v) return v.variable;
  return v.literal.includes('"') ? `'${v.literal}'` : `"${v.literal}"`;
}

/** Whether the marker mentions the `extra` variable anywhere. */
export function markerUsesExtra(node: MarkerNode): boolean {
  if (node.type !== 'compare') return node.children.some(markerUsesExtra);
  return [node.left, node.right].some((v) => 'variable' in v && v.variable === 'extra');
}

const STRING_OPS: Record<string, (l: string, r: string) => boolean> = {
  in: (l, r) => r.includes(l),
  'not in': (l, r) => !r.includes(l),
  '==': (l, r) => l === r,
  '!=': (l, r) => l !== r,
  '<': (l, r) => l < r,
  '<=': (l, r) => l <= r,
  '>': (l, r) => l > r,
  '>=': (l, r) => l >= r,
};

/** packaging's `_eval_op`: a PEP 440 comparison when `op rhs` is a valid specifier, else a string comparison. */
function compare(lhs: string, op: MarkerOperator, rhs: string): boolean {
  if (op !== 'in' && op !== 'not in') {
    const spec = `${op}${rhs}`;
    if (isValidSpecifier(spec)) return satisfies(lhs, spec, { prereleases: true });
  }
  const fn = STRING_OPS[op];
  if (!fn) throw new InvalidMarker(`invalid marker comparison: ${JSON.stringify(lhs)} ${op} ${JSON.stringify(rhs)}`);
  return fn(lhs, rhs);
}

function evaluateWith(node: MarkerNode, env: MarkerEnvironment, extra: string): boolean {
  if (node.type !== 'compare') {
    const holds = (c: MarkerNode) => evaluateWith(c, env, extra);
    return node.type === 'and' ? node.children.every(holds) : node.children.some(holds);
  }
  const isExtra = [node.left, node.right].some((v) => 'variable' in v && v.variable === 'extra');
  const resolve = (v: MarkerValue): string => {
    const s = 'literal' in v ? v.literal : v.variable === 'extra' ? extra : (env[v.variable] ?? '');
    return isExtra ? normalizeName(s) : s;
  };
  return compare(resolve(node.left), node.op, resolve(node.right));
}

/**
 * Evaluates a marker. The `extra` variable is compared after name normalisation; with `extras` given, the marker is
 * true if it holds for any one of them (as pip evaluates it once per requested extra); with none, `extra` is
 * `env.extra` or empty, so `extra == "socks"` is false.
 */
export function evaluateMarker(marker: MarkerNode, env: MarkerEnvironment, extras?: string[]): boolean {
  if (extras && extras.length > 0) return extras.some((e) => evaluateWith(marker, env, e));
  return evaluateWith(marker, env, env.extra ?? '');
}
