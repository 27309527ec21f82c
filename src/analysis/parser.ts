// Loads tree-sitter (WASM) with the Python grammar once per thread, parses source within a time budget and copies
// the tree into a SyntaxTree (JS typed arrays) straight from the WASM memory (tree-memory.ts); the WASM tree is
// deleted before parse returns.
import { createRequire } from 'node:module';
import { Language, Parser, type Tree } from 'web-tree-sitter';
import { Grammar, SyntaxTree } from './syntax-tree.ts';
import { copyTreeFromMemory, LanguageMemory, type WasmHeap } from './tree-memory.ts';

const require = createRequire(import.meta.url);

interface Loaded {
  parser: Parser;
  grammar: Grammar;
  /** The WASM module's memory views (the object given to Parser.init() becomes the module). */
  heap: WasmHeap;
  language: LanguageMemory;
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
    const heap = binding as WasmHeap;
    // web-tree-sitter keeps a language's address at index 0
    const address = (language as unknown as { 0: number })[0];
    loaded = { parser, grammar: new Grammar(language), heap, language: new LanguageMemory(heap, address, language) };
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

function copyTree(text: string, parsed: Tree, { grammar, heap, language }: Loaded): SyntaxTree {
  const root = parsed.rootNode;
  // web-tree-sitter keeps a tree's address at index 0
  const address = (parsed as unknown as { 0: number })[0];
  return new SyntaxTree(text, grammar, root.descendantCount, root.hasError, (arrays) =>
    copyTreeFromMemory(heap, address, language, arrays),
  );
}
