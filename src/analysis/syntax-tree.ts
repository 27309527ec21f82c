// A parsed Python file's syntax tree held in JavaScript: copied out of tree-sitter's memory (tree-memory.ts) into flat
// typed arrays (pre-order), so that every property the analysis reads afterwards is a plain read instead of a call into
// WASM and a new wrapper object. SyntaxNode offers the part of web-tree-sitter's Node API the analysis uses.

const ERROR_TYPE = 'ERROR';
/** tree-sitter's id of ERROR nodes (its builtin error symbol as a 16-bit type id). */
const ERROR_TYPE_ID = 65535;
const NO_NODE = -1;
/** Five 32-bit and two 16-bit properties per node. */
const BYTES_PER_NODE = 5 * 4 + 2 * 2;
/** A statement that is one of these alone is a docstring or a string used as a comment. */
const STATEMENT_STRINGS = new Set(['string', 'concatenated_string']);

/** What a tree reads of the language: as web-tree-sitter's Language gives it. */
export interface LanguageTables {
  types: readonly string[];
  fields: readonly (string | null)[];
  nodeTypeIsNamed(typeId: number): boolean;
}

/** The grammar's node type names, which types are named, and field ids by name; built once per language. */
export class Grammar {
  readonly types: readonly string[];
  /** 1 for a named node type, by type id. */
  readonly named = new Uint8Array(ERROR_TYPE_ID + 1);
  readonly fieldIds = new Map<string, number>();
  /** The id of `expression_statement` (-1 if the grammar has none). */
  readonly statementType: number;
  /** For each set of type names asked of nodesOfTypes, 1 for the type ids it holds: built once per set, not per file. */
  private readonly typeTables = new WeakMap<ReadonlySet<string>, Uint8Array>();
  constructor(language: LanguageTables) {
    this.types = language.types;
    for (let id = 0; id < language.types.length; id++) this.named[id] = language.nodeTypeIsNamed(id) ? 1 : 0;
    this.named[ERROR_TYPE_ID] = language.nodeTypeIsNamed(ERROR_TYPE_ID) ? 1 : 0;
    language.fields.forEach((name, id) => {
      if (name && !this.fieldIds.has(name)) this.fieldIds.set(name, id);
    });
    this.statementType = this.types.indexOf('expression_statement');
  }

  /** 1 for the ids of the named types (ERROR included when asked for), by type id. */
  typeTable(types: ReadonlySet<string>): Uint8Array {
    let table = this.typeTables.get(types);
    if (!table) {
      table = new Uint8Array(ERROR_TYPE_ID + 1);
      this.types.forEach((name, id) => {
        if (types.has(name)) table![id] = 1;
      });
      if (types.has(ERROR_TYPE)) table[ERROR_TYPE_ID] = 1;
      this.typeTables.set(types, table);
    }
    return table;
  }
}

/** The per-node arrays a tree is copied into (see SyntaxTree), with the node count they are sized for. */
export type NodeArrays = Pick<
  SyntaxTree,
  'size' | 'typeIds' | 'fieldIds' | 'parents' | 'nextSiblings' | 'subtreeEnds' | 'starts' | 'ends'
>;

export interface FileNodes {
  /** Outer nodes before the nodes they contain. */
  nodes: SyntaxNode[];
  /** Start offsets of strings that are whole statements (docstrings, or strings used as comments). */
  docstrings: Set<number>;
}

/** One file's tree; the arrays hold every node, visible ones only (hidden grammar rules are flattened, as in Node). */
export class SyntaxTree {
  readonly rootNode: SyntaxNode;
  // Node properties by pre-order index (the root is 0); written by the copy in the constructor only.
  readonly typeIds: Uint16Array;
  readonly fieldIds: Uint16Array;
  /** The parent's index, NO_NODE for the root. */
  readonly parents: Int32Array;
  readonly nextSiblings: Int32Array;
  /** One past the index of the node's last descendant: the subtree at i is i up to there. */
  readonly subtreeEnds: Int32Array;
  /** Source range (UTF-16 indices). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  private readonly named: Uint8Array;
  private lineStarts?: Int32Array;

  /**
   * A tree of `size` nodes (the root included), whose arrays `copy` fills (every node: see NodeArrays).
   * `hasError`: whether the tree holds ERROR or MISSING nodes.
   */
  constructor(
    readonly source: string,
    private readonly grammar: Grammar,
    readonly size: number,
    readonly hasError: boolean,
    copy: (arrays: NodeArrays) => void,
  ) {
    // one buffer for the seven arrays (the 32-bit ones first, so each view is aligned): one allocation per file
    const buffer = new ArrayBuffer(size * BYTES_PER_NODE);
    const int32s = (slot: number) => new Int32Array(buffer, slot * size * 4, size);
    this.parents = int32s(0);
    this.nextSiblings = int32s(1);
    this.subtreeEnds = int32s(2);
    this.starts = int32s(3);
    this.ends = int32s(4);
    this.typeIds = new Uint16Array(buffer, 5 * size * 4, size);
    this.fieldIds = new Uint16Array(buffer, 5 * size * 4 + size * 2, size);
    this.named = grammar.named;
    copy(this);
    this.rootNode = this.node(0)!;
  }

  /**
   * The node at a pre-order index (null for NO_NODE). A new object on every call, as cheap as a pair: keeping one per
   * node alive through the analysis costs the garbage collector more than making them again.
   */
  node(index: number): SyntaxNode | null {
    return index === NO_NODE ? null : new SyntaxNode(this, index);
  }

  typeOf(index: number): string {
    return this.grammar.types[this.typeIds[index]] || ERROR_TYPE;
  }
  isNamed(index: number): boolean {
    return this.named[this.typeIds[index]] === 1;
  }
  firstChildOf(index: number): number {
    return this.subtreeEnds[index] > index + 1 ? index + 1 : NO_NODE;
  }
  /** The id of a field name, 0 (no field) when the grammar has no such field. */
  fieldId(name: string): number {
    return this.grammar.fieldIds.get(name) ?? 0;
  }

  /**
   * The named nodes of the given types in document order, outer nodes before the nodes they contain, and the start
   * indices of strings that are whole statements (docstrings, or strings used as comments).
   */
  nodesOfTypes(types: ReadonlySet<string>): FileNodes {
    const wanted = this.grammar.typeTable(types);
    const statement = this.grammar.statementType;
    const found: number[] = [];
    const docstrings = new Set<number>();
    for (let index = 0; index < this.size; index++) {
      const typeId = this.typeIds[index];
      if (this.named[typeId] === 0) continue;
      if (wanted[typeId] === 1) found.push(index);
      if (typeId === statement) {
        const only = this.onlyNamedChild(index);
        if (only !== NO_NODE && STATEMENT_STRINGS.has(this.typeOf(only))) docstrings.add(this.starts[only]);
      }
    }
    // As a query orders them: by start, the longer first. Pre-order is that order but where a zero-width node
    // (MISSING) starts where a sibling does, so the (stable) sort runs only then.
    const before = (a: number, b: number) => this.starts[a] - this.starts[b] || this.ends[b] - this.ends[a];
    if (found.some((index, i) => i > 0 && before(found[i - 1], index) > 0)) found.sort(before);
    return { nodes: found.map((index) => this.node(index)!), docstrings };
  }

  private onlyNamedChild(index: number): number {
    let only = NO_NODE;
    for (let child = this.firstChildOf(index); child !== NO_NODE; child = this.nextSiblings[child]) {
      if (this.named[this.typeIds[child]] === 0) continue;
      if (only !== NO_NODE) return NO_NODE;
      only = child;
    }
    return only;
  }

  /** Row and column (UTF-16 units) of a source index; rows break on '\n' only, as in tree-sitter. */
  position(index: number): { row: number; column: number } {
    this.lineStarts ??= lineStartsOf(this.source);
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle] <= index) low = middle;
      else high = middle - 1;
    }
    return { row: low, column: index - starts[low] };
  }
}

function lineStartsOf(text: string): Int32Array {
  const starts = [0];
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return Int32Array.from(starts);
}

/** A node of a SyntaxTree; `id` is its pre-order index (stable, unique in the tree: compare ids, not objects). */
export class SyntaxNode {
  constructor(
    readonly tree: SyntaxTree,
    readonly id: number,
  ) {}

  get type(): string {
    return this.tree.typeOf(this.id);
  }
  get isNamed(): boolean {
    return this.tree.isNamed(this.id);
  }
  get startIndex(): number {
    return this.tree.starts[this.id];
  }
  get endIndex(): number {
    return this.tree.ends[this.id];
  }
  get text(): string {
    return this.tree.source.slice(this.tree.starts[this.id], this.tree.ends[this.id]);
  }
  get startPosition(): { row: number; column: number } {
    return this.tree.position(this.tree.starts[this.id]);
  }
  get parent(): SyntaxNode | null {
    return this.tree.node(this.tree.parents[this.id]);
  }

  /** Every child, named or not (comments included). */
  get children(): SyntaxNode[] {
    return this.collectChildren(false);
  }
  /** The named children (comments included). */
  get namedChildren(): SyntaxNode[] {
    return this.collectChildren(true);
  }
  private collectChildren(namedOnly: boolean): SyntaxNode[] {
    const tree = this.tree;
    const children: SyntaxNode[] = [];
    for (let child = tree.firstChildOf(this.id); child !== NO_NODE; child = tree.nextSiblings[child])
      if (!namedOnly || tree.isNamed(child)) children.push(tree.node(child)!);
    return children;
  }
  get namedChildCount(): number {
    const tree = this.tree;
    let count = 0;
    for (let child = tree.firstChildOf(this.id); child !== NO_NODE; child = tree.nextSiblings[child])
      if (tree.isNamed(child)) count++;
    return count;
  }
  namedChild(position: number): SyntaxNode | null {
    const tree = this.tree;
    let count = 0;
    for (let child = tree.firstChildOf(this.id); child !== NO_NODE; child = tree.nextSiblings[child])
      if (tree.isNamed(child) && count++ === position) return tree.node(child);
    return null;
  }

  /** The first child under a field, or null. */
  childForFieldName(name: string): SyntaxNode | null {
    const tree = this.tree;
    const field = tree.fieldId(name);
    if (field === 0) return null;
    for (let child = tree.firstChildOf(this.id); child !== NO_NODE; child = tree.nextSiblings[child])
      if (tree.fieldIds[child] === field) return tree.node(child);
    return null;
  }

  /**
   * This node and its descendants of a type, in document order (as web-tree-sitter gives them: a node ending at the
   * very start of the file is left out).
   */
  descendantsOfType(type: string): SyntaxNode[] {
    const tree = this.tree;
    const found: SyntaxNode[] = [];
    for (let index = this.id, end = tree.subtreeEnds[this.id]; index < end; index++)
      if (tree.ends[index] > 0 && tree.typeOf(index) === type) found.push(tree.node(index)!);
    return found;
  }

  /** The smallest node in this one that spans a source index (tree-sitter's descendant_for_byte_range). */
  descendantForIndex(index: number): SyntaxNode {
    const tree = this.tree;
    let node = this.id;
    for (let descended = true; descended; ) {
      descended = false;
      for (let child = tree.firstChildOf(node); child !== NO_NODE; child = tree.nextSiblings[child]) {
        const start = tree.starts[child];
        const end = tree.ends[child];
        if (end < index || (start === end ? end < index : end <= index)) continue;
        if (index < start) break;
        node = child;
        descended = true;
        break;
      }
    }
    return tree.node(node)!;
  }
}
