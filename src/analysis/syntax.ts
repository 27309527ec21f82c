// Small helpers over tree-sitter nodes: call arguments, unwrapping, and line text for findings.
import type { Node } from 'web-tree-sitter';

export type { Node };

export interface CallArguments {
  positional: Node[];
  keywords: Map<string, Node>;
  /** True when *args or **kwargs are passed (positions beyond are unknown). */
  hasSplat: boolean;
}

export function callArguments(call: Node): CallArguments {
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  let hasSplat = false;
  const list = call.childForFieldName('arguments');
  if (list?.type === 'generator_expression') return { positional: [list], keywords, hasSplat };
  for (const arg of list?.namedChildren ?? []) {
    if (!arg) continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) keywords.set(name, value);
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      hasSplat = true;
    } else if (arg.type !== 'comment') {
      positional.push(arg);
    }
  }
  return { positional, keywords, hasSplat };
}

/** The argument at a position or under a keyword, if given. */
export function argumentAt(args: CallArguments, position: number | undefined, keyword?: string): Node | undefined {
  if (keyword && args.keywords.has(keyword)) return args.keywords.get(keyword);
  return position === undefined ? undefined : args.positional[position];
}

/** Strips parentheses, `await` and type annotations around an expression. */
export function unwrap(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression' || current.type === 'await') {
    const inner = current.namedChildren.find((child) => child && child.type !== 'comment');
    if (!inner) break;
    current = inner;
  }
  return current;
}

/** Lines of the file, for the `code` field of findings. */
export class LineIndex {
  private readonly lines: string[];
  constructor(text: string) {
    this.lines = text.split(/\r\n|\r|\n/);
  }
  /** The trimmed text of a 1-based line, bounded to 240 characters. */
  code(line: number): string {
    const text = (this.lines[line - 1] ?? '').trim();
    return text.length > 240 ? `${text.slice(0, 237)}...` : text;
  }
  /** The untrimmed text of a 1-based line. */
  raw(line: number): string {
    return this.lines[line - 1] ?? '';
  }
  get count(): number {
    return this.lines.length;
  }
}
