// Loads tree-sitter (WASM) with the Python grammar once per thread, parses source within a time budget and copies
// the tree into a SyntaxTree (JS typed arrays) in one cursor walk; the WASM tree is deleted before parse returns.
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { Grammar, SyntaxTree, type TreeCursorSteps } from './syntax-tree.ts';

const require = createRequire(import.meta.url);

/**
 * The emscripten exports of web-tree-sitter's cursor functions (the object given to Parser.init() becomes the module).
 * Each takes the tree's handle and works on the cursor held in the library's transfer buffer, which the goto_*
 * functions write back, so calls chain without marshalling the cursor through JS objects.
 */
interface CursorExports {
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_delete_wasm(tree: number): void;
}

interface Loaded {
  parser: Parser;
  grammar: Grammar;
  wasm: CursorExports;
}

let ready: Promise<Parser> | undefined;
let loaded: Loaded | undefined;

/** Loads the parser and grammar; cheap after the first call. */
export function initParser(): Promise<Parser> {
  ready ??= (async () => {
    const binding = {};
    await Parser.init(binding);
    const language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const parser = new Parser();
    parser.setLanguage(language);
    loaded = { parser, grammar: new Grammar(language), wasm: binding as CursorExports };
    return parser;
  })();
  return ready;
}

export interface ParseOutcome {
  tree: SyntaxTree | null;
  /** Why there is no tree (time budget exceeded), if so. */
  failure?: string;
}

function parseWithin(text: string, budgetMs: number): Tree | null {
  if (!loaded) throw new Error('initParser() must complete before parsing');
  const deadline = Date.now() + budgetMs;
  const tree = loaded.parser.parse(text, null, { progressCallback: () => Date.now() > deadline });
  if (!tree) loaded.parser.reset();
  return tree;
}

/** Parses Python source into a SyntaxTree; gives up (tree null) when the time budget runs out. */
export function parsePython(text: string, budgetMs = 30_000): ParseOutcome {
  const parsed = parseWithin(text, budgetMs);
  if (!parsed) return { tree: null, failure: `parsing stopped after ${budgetMs} ms` };
  try {
    return { tree: copyTree(text, parsed, loaded!) };
  } finally {
    parsed.delete();
  }
}

/** Only parses (the benchmark's baseline): the time tree-sitter itself takes. */
export function parseOnly(text: string, budgetMs = 30_000): void {
  parseWithin(text, budgetMs)?.delete();
}

function copyTree(text: string, parsed: Tree, { grammar, wasm }: Loaded): SyntaxTree {
  const root = parsed.rootNode;
  const size = root.descendantCount;
  const hasError = root.hasError;
  // web-tree-sitter keeps a tree's WASM handle at index 0; walk() leaves the new cursor in the transfer buffer
  const handle = (parsed as unknown as { 0: number })[0];
  root.walk();
  const cursor: TreeCursorSteps = {
    gotoFirstChild: () => wasm._ts_tree_cursor_goto_first_child_wasm(handle) === 1,
    gotoNextSibling: () => wasm._ts_tree_cursor_goto_next_sibling_wasm(handle) === 1,
    gotoParent: () => wasm._ts_tree_cursor_goto_parent_wasm(handle) === 1,
    typeId: () => wasm._ts_tree_cursor_current_node_type_id_wasm(handle),
    fieldId: () => wasm._ts_tree_cursor_current_field_id_wasm(handle),
    startIndex: () => wasm._ts_tree_cursor_start_index_wasm(handle),
    endIndex: () => wasm._ts_tree_cursor_end_index_wasm(handle),
  };
  try {
    return new SyntaxTree(text, grammar, size, hasError, cursor);
  } finally {
    // freed from the transfer buffer's copy: the JS TreeCursor's copy of the cursor's stack pointer is stale once the
    // walk has grown the stack
    wasm._ts_tree_cursor_delete_wasm(handle);
  }
}
