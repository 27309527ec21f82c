// Small helpers over syntax nodes: call arguments, unwrapping, and line text (and the lines around) for findings.
import { CONTEXT_AFTER, CONTEXT_BEFORE, CONTEXT_LINE_MAX, type CodeContext } from '../model/result.ts';
import type { SyntaxNode, SyntaxTree } from './syntax-tree.ts';

/** A node of the file's syntax tree (the analysis reads no tree-sitter objects). */
export type Node = SyntaxNode;

export interface CallArguments {
  positional: readonly Node[];
  keywords: ReadonlyMap<string, Node>;
  /** True when *args or **kwargs are passed (positions beyond are unknown). */
  hasSplat: boolean;
}

/** The keywords of the many calls that pass none: one shared, read-only map. */
const NO_KEYWORDS: ReadonlyMap<string, Node> = new Map();

/**
 * Each tree's call arguments by call id, read once: the facts, the evaluator and the rules ask for the same call's
 * arguments many times, and each reading built its lists and nodes anew (a tenth of the analysis's allocations).
 * Weakly held: a tree's entries go with it.
 */
const argumentsByTree = new WeakMap<SyntaxTree, Map<number, CallArguments>>();

/** A call's arguments (shared, read-only: the same object for every caller). */
export function callArguments(call: Node): CallArguments {
  let read = argumentsByTree.get(call.tree);
  if (!read) argumentsByTree.set(call.tree, (read = new Map()));
  let args = read.get(call.id);
  if (!args) read.set(call.id, (args = readArguments(call)));
  return args;
}

function readArguments(call: Node): CallArguments {
  const positional: Node[] = [];
  let keywords: Map<string, Node> | undefined;
  let hasSplat = false;
  const list = call.childForFieldName('arguments');
  if (list?.type === 'generator_expression') return { positional: [list], keywords: NO_KEYWORDS, hasSplat };
  for (const arg of list?.namedChildren ?? []) {
    if (!arg) continue;
    if (arg.type === 'keyword_argument') {
      const name = arg.childForFieldName('name')?.text;
      const value = arg.childForFieldName('value');
      if (name && value) (keywords ??= new Map()).set(name, value);
    } else if (arg.type === 'list_splat' || arg.type === 'dictionary_splat') {
      hasSplat = true;
    } else if (arg.type !== 'comment') {
      positional.push(arg);
    }
  }
  return { positional, keywords: keywords ?? NO_KEYWORDS, hasSplat };
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

/** `text` cut to CONTEXT_LINE_MAX characters (an ellipsis marks each cut end), keeping index `keep` in view. */
function clip(text: string, keep: number): string {
  if (text.length <= CONTEXT_LINE_MAX) return text;
  if (keep < CONTEXT_LINE_MAX - 20) return `${text.slice(0, CONTEXT_LINE_MAX - 1)}…`;
  const start = Math.min(keep - 20, text.length - (CONTEXT_LINE_MAX - 1));
  if (text.length - start <= CONTEXT_LINE_MAX - 1) return `…${text.slice(start)}`;
  return `…${text.slice(start, start + CONTEXT_LINE_MAX - 2)}…`;
}

/** Lines of the file, for the `code` and `context` fields of findings. */
export class LineIndex {
  private split?: readonly string[];
  /**
   * A file's text, or its lines when the caller has split them already (so both number lines alike). The text is
   * split on the first question: most files have no finding and are never asked.
   */
  constructor(private readonly text: string | readonly string[]) {}
  private get lines(): readonly string[] {
    this.split ??= typeof this.text === 'string' ? this.text.split(/\r\n|\r|\n/) : this.text;
    return this.split;
  }
  /** The trimmed text of a 1-based line, bounded to 240 characters. */
  code(line: number): string {
    const text = (this.lines[line - 1] ?? '').trim();
    return text.length > 240 ? `${text.slice(0, 237)}...` : text;
  }
  /**
   * The lines around a 1-based line (up to CONTEXT_BEFORE before, CONTEXT_AFTER after, blank lines at either end
   * left out), their common indentation removed.
   * Each is cut to CONTEXT_LINE_MAX characters; on the finding's own line the cut keeps `column` in view.
   */
  context(line: number, column = 1): CodeContext {
    let first = Math.max(1, line - CONTEXT_BEFORE);
    let last = Math.min(this.lines.length, line + CONTEXT_AFTER);
    const blank = (n: number): boolean => !/\S/.test(this.raw(n));
    while (first < line && blank(first)) first++;
    while (last > line && blank(last)) last--;
    const lines = this.lines.slice(first - 1, last).map((text) => text.trimEnd());
    const indents = lines.map((text) => text.search(/\S/)).filter((at) => at >= 0);
    const indent = indents.length > 0 ? Math.min(...indents) : 0;
    return {
      startLine: first,
      lines: lines.map((text, i) => clip(text.slice(indent), first + i === line ? column - 1 - indent : 0)),
    };
  }
  /** The untrimmed text of a 1-based line. */
  raw(line: number): string {
    return this.lines[line - 1] ?? '';
  }
  get count(): number {
    return this.lines.length;
  }
}
