// Home-made ciphers written as one comprehension over constant data: `chr(c ^ 42) for c in DATA`,
// `chr(ord(c) - 3) for c in TEXT`, `b ^ KEY[i % len(KEY)] for i, b in enumerate(DATA)`. The item expression is
// integer arithmetic on the item (or ord() of it), its index, literals, a constant key's items and len(); it is
// compiled once into a function and applied to every item, so a payload of any length decodes in one pass.
import { callArguments, type Node, unwrap } from './syntax.ts';

/** Most items a cipher comprehension is decoded for. */
const MAX_ITEMS = 65_536;
const MAX_EXPRESSION_DEPTH = 16;

/** What the evaluator knows, for the pieces of a comprehension. */
export interface CipherContext {
  /** An expression's folded text (a constant key or data), or undefined. */
  text(node: Node): string | undefined;
  /** The integers of a literal list or tuple (or a name bound to one), or undefined. */
  integers(node: Node): number[] | undefined;
  /** Whether a callee denotes the builtin `name` (chr, ord, len, enumerate). */
  isBuiltin(callee: Node, name: string): boolean;
}

type Item = { code: bigint; index: bigint };
type Expression = (item: Item) => bigint | undefined;

/** Python's integer operators, exactly (modulo and floor division round toward negative infinity). */
export const INTEGER_OPERATIONS: Record<string, (x: bigint, y: bigint) => bigint | undefined> = {
  '^': (x, y) => x ^ y,
  '&': (x, y) => x & y,
  '|': (x, y) => x | y,
  '+': (x, y) => x + y,
  '-': (x, y) => x - y,
  '*': (x, y) => x * y,
  '%': (x, y) => (y === 0n ? undefined : ((x % y) + y) % y),
  '//': (x, y) => (y === 0n ? undefined : x / y - (x % y !== 0n && x < 0n !== y < 0n ? 1n : 0n)),
  '<<': (x, y) => (y >= 0n && y <= 64n ? x << y : undefined),
  '>>': (x, y) => (y >= 0n && y <= 64n ? x >> y : undefined),
};

interface Names {
  item: string;
  index?: string;
}

/** The codes a constant key or data stands for: integers of a list, else the characters of its folded text. */
function codesOf(node: Node, ctx: CipherContext): number[] | undefined {
  const integers = ctx.integers(node);
  if (integers) return integers;
  const text = ctx.text(node);
  if (text === undefined || text.length > MAX_ITEMS) return undefined;
  return [...text].map((character) => character.codePointAt(0)!);
}

function callOf(node: Node, ctx: CipherContext, name: string): readonly Node[] | undefined {
  const callee = node.childForFieldName('function');
  return callee && ctx.isBuiltin(callee, name) ? callArguments(node).positional : undefined;
}

function compile(node: Node, names: Names, ctx: CipherContext, depth: number): Expression | undefined {
  const target = unwrap(node);
  if (depth > MAX_EXPRESSION_DEPTH) return undefined;
  switch (target.type) {
    case 'integer': {
      let value: bigint;
      try {
        value = BigInt(target.text.replace(/_/g, ''));
      } catch {
        return undefined; // an imaginary literal
      }
      return () => value;
    }
    case 'identifier':
      if (target.text === names.item) return (item) => item.code;
      if (target.text === names.index) return (item) => item.index;
      return undefined;
    case 'call': {
      // ord(c) and ord(KEY[i]): the codes are what the items already are
      const ord = callOf(target, ctx, 'ord');
      if (ord?.length === 1) return compile(ord[0], names, ctx, depth + 1);
      const len = callOf(target, ctx, 'len');
      const codes = len?.length === 1 ? codesOf(len[0], ctx) : undefined;
      if (!codes) return undefined;
      const length = BigInt(codes.length);
      return () => length;
    }
    case 'subscript': {
      // KEY[i % len(KEY)]: an item of a constant key
      const value = target.childForFieldName('value');
      const subscript = target.childForFieldName('subscript');
      const codes = value ? codesOf(value, ctx) : undefined;
      const index = subscript ? compile(subscript, names, ctx, depth + 1) : undefined;
      if (!codes || !index) return undefined;
      return (item) => {
        const at = index(item);
        if (at === undefined) return undefined;
        const position = Number(at < 0n ? at + BigInt(codes.length) : at);
        return position >= 0 && position < codes.length ? BigInt(codes[position]) : undefined;
      };
    }
    case 'binary_operator': {
      const operation = INTEGER_OPERATIONS[target.childForFieldName('operator')?.text ?? ''];
      const left = target.childForFieldName('left');
      const right = target.childForFieldName('right');
      const a = left ? compile(left, names, ctx, depth + 1) : undefined;
      const b = right ? compile(right, names, ctx, depth + 1) : undefined;
      if (!operation || !a || !b) return undefined;
      return (item) => {
        const x = a(item);
        const y = b(item);
        return x === undefined || y === undefined ? undefined : operation(x, y);
      };
    }
    default:
      return undefined;
  }
}

/** The loop's names and the data it runs over: `c in DATA`, or `i, c in enumerate(DATA)`. */
function loopOf(comprehension: Node, ctx: CipherContext): { names: Names; data: Node } | undefined {
  const clauses = comprehension.namedChildren.filter((c) => c?.type === 'for_in_clause' || c?.type === 'if_clause');
  const clause = clauses.length === 1 && clauses[0]?.type === 'for_in_clause' ? clauses[0] : undefined;
  const left = clause?.childForFieldName('left');
  const right = clause ? unwrap(clause.childForFieldName('right')!) : undefined;
  if (!left || !right) return undefined;
  if (left.type === 'identifier') return { names: { item: left.text }, data: right };
  const pair = left.namedChildren.filter((n): n is Node => !!n && n.type === 'identifier');
  const enumerated = right.type === 'call' ? callOf(right, ctx, 'enumerate') : undefined;
  if (pair.length !== 2 || left.namedChildren.length !== 2 || enumerated?.length !== 1) return undefined;
  return { names: { index: pair[0].text, item: pair[1].text }, data: enumerated[0] };
}

/**
 * The items a comprehension yields when it is a cipher over constant data: characters for `chr(EXPR)`, integers
 * (as decimal text) for a bare EXPR (what bytes() is built from); undefined for anything else.
 */
export function cipherItems(comprehension: Node, ctx: CipherContext): string[] | undefined {
  const body = comprehension.childForFieldName('body');
  const loop = body ? loopOf(comprehension, ctx) : undefined;
  if (!body || !loop) return undefined;
  const chr = unwrap(body).type === 'call' ? callOf(unwrap(body), ctx, 'chr') : undefined;
  const expression = chr
    ? chr.length === 1
      ? compile(chr[0], loop.names, ctx, 0)
      : undefined
    : compile(body, loop.names, ctx, 0);
  // a bare item or index is no cipher: chr(c) for c in CODES is the evaluator's plain chr-join
  if (!expression || (!chr && unwrap(body).type === 'identifier')) return undefined;
  const codes = codesOf(loop.data, ctx);
  if (!codes || codes.length > MAX_ITEMS) return undefined;
  const items: string[] = [];
  for (let index = 0; index < codes.length; index++) {
    const value = expression({ code: BigInt(codes[index]), index: BigInt(index) });
    if (value === undefined || (chr && (value < 0n || value > 0x10ffffn))) return undefined;
    items.push(chr ? String.fromCodePoint(Number(value)) : String(value));
  }
  return items;
}
