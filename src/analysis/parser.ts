// Loads tree-sitter (WASM) with the Python grammar once per thread, and parses source within a time budget.
// Every Tree returned must be deleted by the caller (WASM memory is never reclaimed by the GC).
import { createRequire } from 'node:module';
import { endianness } from 'node:os';
import { Language, Parser, Query, type Node, type Tree } from 'web-tree-sitter';

const require = createRequire(import.meta.url);

let ready: Promise<Parser> | undefined;
let parser: Parser | undefined;
let language: Language | undefined;
const queries = new Map<string, Query>();

/** The emscripten module web-tree-sitter runs on: the object given to Parser.init() becomes it. */
interface WasmBinding {
  HEAP32?: Int32Array;
  getValue?: (pointer: number, type?: string) => number;
  setValue?: (pointer: number, value: number, type?: string) => void;
}

/**
 * Every Node property web-tree-sitter reads crosses into WASM through a transfer buffer, written and read with
 * emscripten's getValue/setValue, whose type switch (and byte-order-neutral DataView) is most of the cost of a
 * crossing. On a little-endian machine an i32 is read and written through the Int32Array view instead: same bytes,
 * several times cheaper. Other types keep the library's own code.
 */
function fastInt32Access(binding: WasmBinding): void {
  const { getValue, setValue } = binding;
  if (endianness() !== 'LE' || !getValue || !setValue || !binding.HEAP32) return;
  binding.getValue = (pointer, type = 'i8') =>
    type === 'i32' ? binding.HEAP32![pointer >> 2] : getValue(pointer, type);
  binding.setValue = (pointer, value, type = 'i8') => {
    if (type === 'i32') binding.HEAP32![pointer >> 2] = value;
    else setValue(pointer, value, type);
  };
}

/** Loads the parser and grammar; cheap after the first call. */
export function initParser(): Promise<Parser> {
  ready ??= (async () => {
    const binding: WasmBinding = {};
    await Parser.init(binding);
    fastInt32Access(binding);
    language = await Language.load(require.resolve('tree-sitter-python/tree-sitter-python.wasm'));
    const instance = new Parser();
    instance.setLanguage(language);
    parser = instance;
    return instance;
  })();
  return ready;
}

export interface ParseOutcome {
  tree: Tree | null;
  /** Why there is no tree (time budget exceeded), if so. */
  failure?: string;
}

/** Parses Python source; gives up (tree null) when the time budget runs out. */
export function parsePython(text: string, budgetMs = 30_000): ParseOutcome {
  if (!parser) throw new Error('initParser() must complete before parsing');
  const deadline = Date.now() + budgetMs;
  const tree = parser.parse(text, null, { progressCallback: () => Date.now() > deadline });
  if (!tree) {
    parser.reset();
    return { tree: null, failure: `parsing stopped after ${budgetMs} ms` };
  }
  return { tree };
}

/**
 * The nodes of the given types under a root, outer nodes before the nodes they contain, found by a tree-sitter
 * query (it runs inside WASM and only materialises the matches, much cheaper than a JS-side cursor walk).
 */
export function nodesOfTypes(root: Node, types: ReadonlySet<string>): FileNodes {
  if (!language) throw new Error('initParser() must complete before querying');
  const key = [...types].sort().join(' ');
  let query = queries.get(key);
  if (!query) {
    const docstring = '(expression_statement . [(string) (concatenated_string)] @docstring .)';
    query = new Query(language, `[${[...types].map((type) => `(${type})`).join(' ')}] @node ${docstring}`);
    queries.set(key, query);
  }
  const keyed: { node: Node; start: number; end: number }[] = [];
  const docstrings = new Set<number>();
  for (const capture of query.captures(root)) {
    if (capture.name === 'docstring') docstrings.add(capture.node.startIndex);
    else keyed.push({ node: capture.node, start: capture.node.startIndex, end: capture.node.endIndex });
  }
  // positions are read once: every property of a Node is a call into WASM
  keyed.sort((a, b) => a.start - b.start || b.end - a.end);
  return { nodes: keyed.map((entry) => entry.node), docstrings };
}

export interface FileNodes {
  /** Outer nodes before the nodes they contain. */
  nodes: Node[];
  /** Start offsets of strings that are whole statements (docstrings, or strings used as comments). */
  docstrings: Set<number>;
}
