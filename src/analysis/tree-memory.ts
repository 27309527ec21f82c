// Reads a parsed tree straight out of web-tree-sitter's WASM memory into a SyntaxTree's arrays, in one pass in JS:
// the visible nodes in pre-order with the type, field, range and parent a tree cursor gives, without the five or six
// calls into WASM per node a cursor walk makes. It follows tree-sitter 0.25's layouts (wasm32) of TSTree, Subtree
// (inline or on the heap, children stored before the heap data) and TSLanguage, and mirrors tree_cursor.c: hidden
// nodes are flattened, a child's alias comes from its parent's production, a field may come through hidden parents.
// web-tree-sitter is pinned to the version whose layouts these are; test/analysis/syntax-tree.test.ts compares the
// result with web-tree-sitter's own nodes.
import type { NodeArrays } from './syntax-tree.ts';

/** The views of the WASM memory (emscripten's module keeps them current when the memory grows). */
export interface WasmHeap {
  HEAPU8: Uint8Array;
  HEAPU16: Uint16Array;
  HEAPU32: Uint32Array;
}

/** tree-sitter's error symbol: its own public symbol (ts_language_public_symbol). */
const ERROR_SYMBOL = 65535;
/** Bytes per Subtree (a union of a pointer and 8 bytes of inline data). */
const SUBTREE_BYTES = 8;
/** Offsets in SubtreeHeapData. */
const HEAP_PADDING_BYTES = 4;
const HEAP_SIZE_BYTES = 16;
const HEAP_CHILD_COUNT = 36;
const HEAP_SYMBOL = 40;
const HEAP_FLAGS = 44;
const HEAP_VISIBLE_CHILD_COUNT = 48;
const HEAP_PRODUCTION_ID = 66;
/** Bits of the flags byte of SubtreeHeapData, and of the first byte of SubtreeInlineData. */
const HEAP_VISIBLE = 1;
const HEAP_EXTRA = 4;
const INLINE = 1;
const INLINE_VISIBLE = 2;
const INLINE_EXTRA = 8;
/** Offsets in SubtreeInlineData. */
const INLINE_SYMBOL = 1;
const INLINE_PADDING_BYTES = 6;
const INLINE_SIZE_BYTES = 7;
/** Offsets in TSLanguage (ABI 15; the same up to alias_sequences in ABI 14). */
const LANGUAGE_ABI_VERSION = 0;
const LANGUAGE_SYMBOL_COUNT = 4;
const LANGUAGE_ALIAS_COUNT = 8;
const LANGUAGE_PRODUCTION_ID_COUNT = 28;
const LANGUAGE_FIELD_COUNT = 32;
const LANGUAGE_MAX_ALIAS_SEQUENCE_LENGTH = 36;
const LANGUAGE_FIELD_MAP_SLICES = 64;
const LANGUAGE_FIELD_MAP_ENTRIES = 68;
const LANGUAGE_PUBLIC_SYMBOL_MAP = 76;
const LANGUAGE_ALIAS_SEQUENCES = 84;

/** What web-tree-sitter's Language says of itself, to check the struct is read where it is. */
export interface LanguageFacts {
  abiVersion: number;
  /** Symbol names by id (symbols and aliases). */
  types: readonly unknown[];
  /** Field names by id (index 0: no field). */
  fields: readonly unknown[];
}

/** The language tables a walk reads, copied out of the language's struct once. */
export class LanguageMemory {
  /** Public symbol by symbol (aliases included; not the error symbol, which is its own). */
  readonly publicSymbols: Uint16Array;
  /** Alias by production id × maxAliasSequenceLength + structural child index (0: none; production 0 has none). */
  readonly aliasSequences: Uint16Array;
  readonly maxAliasSequenceLength: number;
  /** Per production id: the first entry of its field map and the count, two 16-bit values (none: no fields). */
  readonly fieldMapSlices: Uint16Array;
  /** Per entry: the field id, and the child index plus 256 when the field is inherited. */
  readonly fieldMapEntries: Uint16Array;

  constructor(heap: WasmHeap, address: number, facts: LanguageFacts) {
    const u32 = (offset: number) => heap.HEAPU32[(address + offset) >> 2];
    const symbolCount = u32(LANGUAGE_SYMBOL_COUNT) + u32(LANGUAGE_ALIAS_COUNT);
    const fieldCount = u32(LANGUAGE_FIELD_COUNT);
    if (
      u32(LANGUAGE_ABI_VERSION) !== facts.abiVersion ||
      symbolCount !== facts.types.length ||
      fieldCount + 1 !== facts.fields.length
    )
      throw new Error('the grammar is not laid out as tree-memory.ts reads it (tree-sitter version?)');
    const productions = u32(LANGUAGE_PRODUCTION_ID_COUNT);
    this.maxAliasSequenceLength = heap.HEAPU16[(address + LANGUAGE_MAX_ALIAS_SEQUENCE_LENGTH) >> 1];
    const u16s = (pointer: number, count: number) =>
      pointer === 0 ? new Uint16Array(count) : heap.HEAPU16.slice(pointer >> 1, (pointer >> 1) + count);
    this.publicSymbols = u16s(u32(LANGUAGE_PUBLIC_SYMBOL_MAP), symbolCount);
    this.aliasSequences = u16s(u32(LANGUAGE_ALIAS_SEQUENCES), productions * this.maxAliasSequenceLength);
    this.fieldMapSlices = fieldCount === 0 ? new Uint16Array(0) : u16s(u32(LANGUAGE_FIELD_MAP_SLICES), productions * 2);
    let entryCount = 0;
    for (let production = 0; production < productions && fieldCount > 0; production++)
      entryCount = Math.max(entryCount, this.fieldMapSlices[production * 2] + this.fieldMapSlices[production * 2 + 1]);
    // TSFieldMapEntry: field_id (16 bits), child_index (8), inherited (8)
    const entries = u16s(u32(LANGUAGE_FIELD_MAP_ENTRIES), entryCount * 2);
    this.fieldMapEntries = new Uint16Array(entryCount * 2);
    for (let entry = 0; entry < entryCount; entry++) {
      this.fieldMapEntries[entry * 2] = entries[entry * 2];
      const childAndInherited = entries[entry * 2 + 1];
      this.fieldMapEntries[entry * 2 + 1] = (childAndInherited & 0xff) + (childAndInherited >> 8 !== 0 ? 256 : 0);
    }
  }
}

/**
 * The nodes whose children are being read, innermost last: each a visible node, or a hidden one whose children count
 * as its visible ancestor's. FRAME_SLOTS 32-bit slots per frame (below), in one array reused and grown on demand.
 */
let frames = new Int32Array(64 * 9);
const FRAME_SLOTS = 9;
/** Address of the node's first child (a Subtree), its child count and the next child's index. */
const CHILDREN = 0;
const CHILD_COUNT = 1;
const NEXT = 2;
/** The next child's structural index (extras are not counted), and the node's production id. */
const STRUCTURAL = 3;
const PRODUCTION = 4;
/** Byte offset of the next child's start. */
const POSITION = 5;
/** The pre-order index of the visible node the children belong to (-1: the frame that holds the root). */
const OWNER = 6;
/** 1 for a hidden node's frame. */
const HIDDEN = 7;
/** For a hidden node: the field it has through its own parents (a child without a field of its own takes it). */
const INHERITED_FIELD = 8;
/** The last child seen of each visible node (by pre-order index), to link siblings; grown on demand and reused. */
let lastChildren = new Int32Array(1024);

/**
 * Copies the visible nodes of the tree at `treeAddress` (a TSTree) into `out`, whose `size` is the tree's node count;
 * positions are UTF-16 indices (byte offsets halved: the tree was parsed from UTF-16).
 */
export function copyTreeFromMemory(heap: WasmHeap, treeAddress: number, language: LanguageMemory, out: NodeArrays) {
  const u8 = heap.HEAPU8;
  const u16 = heap.HEAPU16;
  const u32 = heap.HEAPU32;
  const { publicSymbols, aliasSequences, maxAliasSequenceLength, fieldMapSlices, fieldMapEntries } = language;
  const { size, typeIds, fieldIds, parents, nextSiblings, subtreeEnds, starts, ends } = out;
  if (lastChildren.length < size) lastChildren = new Int32Array(Math.max(size, lastChildren.length * 2));
  const last = lastChildren;
  let count = 0;
  // a frame whose one child is the root (a tree's first member is its root Subtree, which starts after its padding)
  let stack = frames;
  let top = 0;
  enter(stack, top, treeAddress, 1, 0, paddingOf(heap, treeAddress), -1, 0, 0);

  while (top >= 0) {
    const index = stack[top + NEXT];
    const childCount = stack[top + CHILD_COUNT];
    const owner = stack[top + OWNER];
    if (index === childCount) {
      if (owner >= 0 && stack[top + HIDDEN] === 0) subtreeEnds[owner] = count;
      top -= FRAME_SLOTS;
      continue;
    }
    const slot = stack[top + CHILDREN] + index * SUBTREE_BYTES;
    const start = stack[top + POSITION];
    const production = stack[top + PRODUCTION];
    const structural = stack[top + STRUCTURAL];
    stack[top + NEXT] = index + 1;
    // the child's properties, inline or on the heap
    const inline = (u8[slot] & INLINE) !== 0;
    const pointer = inline ? 0 : u32[slot >> 2];
    const flags = inline ? u8[slot] : u8[pointer + HEAP_FLAGS];
    const extra = (flags & (inline ? INLINE_EXTRA : HEAP_EXTRA)) !== 0;
    const length = inline ? u8[slot + INLINE_SIZE_BYTES] : u32[(pointer + HEAP_SIZE_BYTES) >> 2];
    const children = inline ? 0 : u32[(pointer + HEAP_CHILD_COUNT) >> 2];
    // the next child starts after this one and its own padding
    if (index + 1 < childCount) stack[top + POSITION] = start + length + paddingOf(heap, slot + SUBTREE_BYTES);
    // an extra (a comment) has no alias or field, and does not count as a structural child
    let alias = 0;
    let field = 0;
    if (!extra) {
      stack[top + STRUCTURAL] = structural + 1;
      if (production !== 0) alias = aliasSequences[production * maxAliasSequenceLength + structural];
      // the field the production gives this child, else the one its hidden parents have up to the visible one
      if (fieldMapSlices.length > 0) {
        const first = fieldMapSlices[production * 2];
        const end = first + fieldMapSlices[production * 2 + 1];
        for (let entry = first; entry < end && field === 0; entry++)
          if (fieldMapEntries[entry * 2 + 1] === structural) field = fieldMapEntries[entry * 2];
      }
      if (field === 0) field = stack[top + INHERITED_FIELD];
    }
    const visible = owner === -1 || alias !== 0 || (flags & (inline ? INLINE_VISIBLE : HEAP_VISIBLE)) !== 0;
    let node = -1;
    if (visible) {
      if (count === size) throw new Error(`syntax tree walk found more than ${size} nodes`);
      node = count++;
      const symbol = alias !== 0 ? alias : inline ? u8[slot + INLINE_SYMBOL] : u16[(pointer + HEAP_SYMBOL) >> 1];
      typeIds[node] = symbol === ERROR_SYMBOL ? symbol : publicSymbols[symbol];
      fieldIds[node] = field;
      starts[node] = start >>> 1;
      ends[node] = (start + length) >>> 1;
      parents[node] = owner;
      nextSiblings[node] = -1;
      subtreeEnds[node] = node + 1;
      last[node] = -1;
      if (owner >= 0) {
        if (last[owner] >= 0) nextSiblings[last[owner]] = node;
        last[owner] = node;
      }
    }
    // the children are read next: a visible node's as its own, a hidden one's (if any is visible) as its owner's
    if (children > 0 && (visible || u32[(pointer + HEAP_VISIBLE_CHILD_COUNT) >> 2] > 0)) {
      top += FRAME_SLOTS;
      if (top === stack.length) stack = frames = grown(stack);
      const itsProduction = u16[(pointer + HEAP_PRODUCTION_ID) >> 1];
      const itsChildren = pointer - children * SUBTREE_BYTES;
      if (visible) enter(stack, top, itsChildren, children, itsProduction, start, node, 0, 0);
      else enter(stack, top, itsChildren, children, itsProduction, start, owner, 1, field);
    }
  }
  if (count !== size) throw new Error(`syntax tree walk found ${count} of ${size} nodes`);
}

/** The padding (bytes before its first character) of the Subtree at `slot`. */
function paddingOf(heap: WasmHeap, slot: number): number {
  return (heap.HEAPU8[slot] & INLINE) !== 0
    ? heap.HEAPU8[slot + INLINE_PADDING_BYTES]
    : heap.HEAPU32[(heap.HEAPU32[slot >> 2] + HEAP_PADDING_BYTES) >> 2];
}

function grown(stack: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(stack.length * 2);
  bigger.set(stack);
  return bigger;
}

/** Writes the frame at `top`: a node's children to read, the first at `start`, those of a visible `owner` or not. */
function enter(
  stack: Int32Array,
  top: number,
  children: number,
  childCount: number,
  production: number,
  start: number,
  owner: number,
  hidden: number,
  inheritedField: number,
): void {
  stack[top + CHILDREN] = children;
  stack[top + CHILD_COUNT] = childCount;
  stack[top + NEXT] = 0;
  stack[top + STRUCTURAL] = 0;
  stack[top + PRODUCTION] = production;
  stack[top + POSITION] = start;
  stack[top + OWNER] = owner;
  stack[top + HIDDEN] = hidden;
  stack[top + INHERITED_FIELD] = inheritedField;
}
