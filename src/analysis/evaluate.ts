// Abstract evaluation of expressions: what an expression may refer to (qualified names such as
// "requests.Session().post") and, when it can be folded, its string value. Unknown parts of a
// folded string are HOLE characters, so "https://" + host + "/x" keeps its known parts.

import { type CipherContext, cipherItems, INTEGER_OPERATIONS } from './ciphers.ts';
import { FollowedCalls } from './followed-calls.ts';
import type { PackageConstants } from './package-constants.ts';
import { bytesCodecName, decodeWithCodec } from './python-codecs.ts';
import { literalValue, unescapePython } from './python-strings.ts';
import type { Binder, FileScopes } from './scopes.ts';
import { type CallArguments, callArguments, type Node, unwrap } from './syntax.ts';

export const HOLE = '\uE000';
/** Longest bytes([...]) list folded to text. */
const MAX_BYTE_LIST = 65_536;

/** Bytes (as latin1 text) read as UTF-8, as .decode() reads them; unchanged when they are not valid UTF-8. */
function asUtf8(bytes: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(bytes, 'latin1'));
  } catch {
    return bytes;
  }
}
/** What bytes() and bytearray() are folded from: a list of byte values, a name bound to one, a comprehension. */
const BYTE_SOURCES = new Set(['list', 'tuple', 'identifier', 'generator_expression', 'list_comprehension']);

/** Operators integer folding computes whatever the operands' source (a str cannot take them). */
/** What calling `operator.attrgetter(NAME)` evaluates to: a getter, called on the object. */
const ATTRIBUTE_GETTER = 'operator.attrgetter()';
const INTEGER_OPERATORS = new Set(['^', '&', '|', '-', '<<', '>>']);
/** A folded integer small enough to compute with (a longer run of digits is text, not a code). */
const INTEGER_TEXT = /^-?\d{1,18}$/;
const MAX_DEPTH = 24;
/** Chains of `+` this long are folded from the innermost sum out (foldChain). */
const CHAIN_FOLD_MIN = 8;
const MAX_TEXT = 1 << 20;
/** Paths kept per value. */
const MAX_PATHS = 32;

export interface AbstractValue {
  /** Qualified names the expression may denote; a call adds "()" (an instance or a return value). */
  paths: string[];
  /** The folded string value, with HOLE for unknown parts. */
  text?: string;
  /** Functions defined in this file that the expression may denote. */
  functions: Node[];
}

/** The letters before a string literal's quote, as flags (see prefixLetters). */
const FORMAT_PREFIX = 1;
const RAW_PREFIX = 2;
const LOWER_CASE_BIT = 0x20;

/**
 * Which of f and r the letters before a string literal's quote hold (FORMAT_PREFIX, RAW_PREFIX): read character by
 * character, as the evaluator asks it of every string literal (a pattern's match would be an allocation each time).
 */
function prefixLetters(text: string): number {
  let flags = 0;
  for (let i = 0; i < text.length; i++) {
    const letter = String.fromCharCode(text.charCodeAt(i) | LOWER_CASE_BIT);
    if (letter === 'f') flags |= FORMAT_PREFIX;
    else if (letter === 'r') flags |= RAW_PREFIX;
    else if (letter !== 'b' && letter !== 'u') break;
  }
  return flags;
}

/** Codecs that spell text as it reads: decoding with them hides nothing. */
const PLAIN_CODECS = new Set(['utf_8', 'ascii', 'latin_1', 'utf_8_sig']);

/**
 * Every value is written with paths, functions and text in that order, text undefined included: one hidden class,
 * so V8's reads of values stay monomorphic (shapes that differed deoptimised the evaluator over and over).
 */
const EMPTY: AbstractValue = { paths: [], functions: [], text: undefined };

/**
 * A value that is a folded text only, sharing EMPTY's lists as `{ ...EMPTY, text }` would: written out, as V8 builds
 * that spread (an object of lists, then a key more) about fifty times slower, and the evaluator makes one per literal.
 */
function textValue(text: string | undefined): AbstractValue {
  return { paths: EMPTY.paths, functions: EMPTY.functions, text };
}

/**
 * A hook that turns decoder calls (base64.b64decode("...") etc.) into their decoded text. It may record what it
 * decodes and spend a budget; a call it returns undefined for changes nothing a later call reads (followed-calls.ts
 * gives a followed call's result again only when no decoding was returned while computing it).
 */
export type DecodeHook = (path: string, input: string, call: Node) => string | undefined;

// __pyarmor__: PyArmor's bootstrap puts its loader among the builtins, where protected modules call it unimported
const PYTHON_BUILTINS = new Set(
  '__pyarmor__ abs all any ascii bin bool breakpoint bytearray bytes callable chr classmethod compile complex delattr dict dir divmod enumerate eval exec filter float format frozenset getattr globals hasattr hash help hex id input int isinstance issubclass iter len list locals map max memoryview min next object oct open ord pow print property range repr reversed round set setattr slice sorted staticmethod str sum super tuple type vars zip __import__ __builtins__ execfile reload unicode raw_input file'.split(
    ' ',
  ),
);

/**
 * Modules a file may use under their own name without importing them here: brought in by `from x import *`, or
 * imported elsewhere by a script that forgot the import. An unbound name spelt like one of them is taken as it.
 */
/** A name of Python's builtins (a star import makes `pkg.len` of `len`: a call of the builtin, not of pkg). */
export function isPythonBuiltin(name: string): boolean {
  return PYTHON_BUILTINS.has(name);
}

const IMPLIED_MODULES = new Set(
  'os sys subprocess socket ssl urllib urllib2 urllib3 requests httpx aiohttp base64 binascii zlib marshal ctypes shutil platform getpass webbrowser'.split(
    ' ',
  ),
);

/** The suffix of a module spec's path: `pkg.mod.__spec__` is the spec of pkg.mod. */
export const SPEC = '.__spec__';

/** Bindings of one name past which their values are gathered once for every read (Evaluator.manyBindings). */
const MANY_BINDINGS = 64;

interface ManyBindings {
  value: AbstractValue;
  /** Whether the name is also updated in place (`x += ...`). */
  updated: boolean;
  /** Its assignments, in document order. */
  assignments: (Binder & { kind: 'expr' })[];
}

/** How many of a name's assignments are read for the instance it holds (a name assigned 20 000 times is no object). */
const MAX_INSTANCE_ASSIGNMENTS = 8;

/** The first few expressions assigned to a name where it is read (`c = Client()`): the instances it may hold. */
export function assignedValues(scopes: FileScopes, name: Node): Node[] {
  const values: Node[] = [];
  for (const binder of scopes.lookup(name.text, scopes.scopeFor(name))) {
    if (binder.kind === 'expr') values.push(binder.node);
    if (values.length >= MAX_INSTANCE_ASSIGNMENTS) break;
  }
  return values;
}

/** The path of an item of os.scandir(): an os.DirEntry, whose `.path` is the listed path. */
const DIR_ENTRY = 'os.DirEntry';

/** A call of one of the file's functions being followed with its arguments' values bound to its parameters. */
interface Frame {
  fn: Node;
  positional: AbstractValue[];
  /** The argument expressions themselves (a list of character codes is read from its literal). */
  positionalNodes: readonly (Node | undefined)[];
  keywordNodes: ReadonlyMap<string, Node>;
  keywords: Map<string, AbstractValue>;
  /** Values computed inside this call: they depend on the arguments, so they are kept apart from the file's memo. */
  memo: Map<number, AbstractValue>;
  /** Nodes being evaluated inside this call, to stop at cycles (the frame count bounds recursion). */
  active: Set<number>;
  /** For a comprehension read item by item: the value of its loop variable for the current item. */
  loop?: { name: string; value: AbstractValue };
}

/** Nested calls followed with their arguments at once, and calls followed per file (a bound on the work). */
const MAX_FRAMES = 6;
const MAX_FOLLOWED_CALLS = 4000;
/** Call sites read for what a parameter is given. */
const MAX_CALL_SITES = 6;
/** Items of a literal sequence a comprehension is read for, one by one. */
const MAX_LOOP_ITEMS = 64;

export class Evaluator {
  /**
   * The file's memo (values computed outside followed calls): the slot of a node's value in memoValues plus one, by
   * node id (0: not computed). A typed array by id, as a Map keyed by every evaluated node is costly to grow and read.
   */
  private readonly memoSlots: Int32Array;
  private readonly memoValues: AbstractValue[] = [];
  private readonly frames: Frame[] = [];
  private followedCalls = 0;
  /** Followed calls' results by function and argument values (see followed-calls.ts). */
  private readonly followed = new FollowedCalls({
    depth: MAX_DEPTH,
    frames: MAX_FRAMES,
    followedCalls: MAX_FOLLOWED_CALLS,
  });
  /** Strings built by disguising tricks (reversal, chr() lists, joined fragments): exec of them hides code. */
  readonly disguised = new Set<string>();
  /** The sums of `+` chains foldChain has walked. */
  private readonly chained = new Set<number>();
  /** Texts a home-made cipher comprehension gave (joined, and as bytes when the items are byte values). */
  readonly ciphered = new Set<string>();
  /** Nodes being evaluated (by id: the index of the node in the file's tree), to stop at cycles. */
  private readonly active: Uint8Array;

  /** The expressions each function returns, by the function's id (see returnedExpressions). */
  private readonly returns = new Map<number, Node[]>();
  /** loopTexts by node id × 4 + depth. */
  private readonly loopTextsRead = new Map<number, string[]>();
  /** The file's calls by the name they call (`f(...)`, `obj.f(...)`), to find what a parameter is given. */
  private callsByName?: Map<string, Node[]>;
  /** What a name's many bindings give (manyBindings), by its bindings' list; null when one is a parameter. */
  private readonly bindingSummaries = new WeakMap<Binder[], ManyBindings | null>();

  constructor(
    readonly scopes: FileScopes,
    private readonly decode?: DecodeHook,
    private readonly calls: readonly Node[] = [],
    /** String constants of the target's other modules, by qualified name (`pkg.config.HOST`). */
    private readonly constants: PackageConstants = {},
  ) {
    const size = scopes.module.node.tree.size;
    this.active = new Uint8Array(size);
    this.memoSlots = new Int32Array(size);
  }

  /** The values of the other modules' constants this file may import: literals the package writes out elsewhere. */
  importedConstants(): string[] {
    return Object.values(this.constants);
  }

  value(node: Node, depth = 0): AbstractValue {
    const id = node.id;
    const frame = this.frames.length > 0 ? this.frames[this.frames.length - 1] : undefined;
    const cached = frame
      ? frame.memo.get(id)
      : this.memoSlots[id] > 0
        ? this.memoValues[this.memoSlots[id] - 1]
        : undefined;
    if (cached) return cached;
    this.followed.noteDepth(depth);
    if (depth > MAX_DEPTH) return EMPTY;
    // a followed call evaluates its function's nodes afresh, even those the file-level evaluation is inside of
    if (frame) {
      if (frame.active.has(id)) return EMPTY;
      frame.active.add(id);
    } else {
      if (this.active[id] === 1) return EMPTY;
      this.active[id] = 1;
    }
    try {
      const result = this.compute(unwrap(node), depth + 1);
      if (frame) frame.memo.set(id, result);
      else this.memoSlots[id] = this.memoValues.push(result);
      return result;
    } finally {
      if (frame) frame.active.delete(id);
      else this.active[id] = 0;
    }
  }

  text(node: Node): string | undefined {
    return this.value(node).text;
  }

  paths(node: Node): string[] {
    return this.value(node).paths;
  }

  /** Values of the bindings a name has from a scope. */
  binderValues(binders: Binder[], depth: number, use?: Node): AbstractValue {
    // a name assigned once (most names) has that expression's value: the lists below would be copies of its own
    if (binders.length === 1 && binders[0].kind === 'expr') {
      const value = this.value(binders[0].node, depth);
      return value.paths.length < 2
        ? value
        : { paths: unique(value.paths), functions: value.functions, text: value.text };
    }
    if (binders.length > MANY_BINDINGS) {
      const many = this.manyBindings(binders, depth);
      if (many) {
        const latest = use ? this.latestOfMany(many.assignments, use) : undefined;
        let text = latest ? this.value(latest.node, depth).text : many.value.text;
        if (text !== undefined && many.updated) text = bound(text + HOLE);
        return { paths: many.value.paths, functions: many.value.functions, text };
      }
    }
    const latest = use ? this.latestBinding(binders, use) : undefined;
    const latestText = latest ? this.value(latest.node, depth).text : undefined;
    const gathered = this.gather(binders, depth, latest, use);
    // the last assignment before the read decides the text, known or not: an earlier one it overwrote (`h =
    // "localhost"` before `if c: h = read()`) is no fallback
    let text = latest ? latestText : gathered.text;
    // a name also updated with += holds more than its first value
    if (text !== undefined && binders.some((binder) => binder.kind === 'update')) text = bound(text + HOLE);
    return { paths: gathered.paths, functions: gathered.functions, text };
  }

  /**
   * A name bound very often (`c = K()` 20 000 times): what all its bindings give, gathered once and not per read,
   * which would be quadratic; each read still takes its text from the last assignment before it. Undefined when a
   * binding is a parameter, whose value depends on the call being followed.
   */
  private manyBindings(binders: Binder[], depth: number): ManyBindings | undefined {
    let many = this.bindingSummaries.get(binders);
    if (many === undefined) {
      if (binders.some((binder) => binder.kind === 'param')) {
        this.bindingSummaries.set(binders, null);
        return undefined;
      }
      // a read met while gathering (x = x + 1, again and again) sees no value, as a cycle does
      this.bindingSummaries.set(binders, { value: EMPTY, updated: false, assignments: [] });
      many = {
        value: this.gather(binders, depth, undefined, undefined),
        updated: binders.some((binder) => binder.kind === 'update'),
        assignments: binders
          .filter((binder): binder is Binder & { kind: 'expr' } => binder.kind === 'expr')
          .sort((a, b) => a.node.startIndex - b.node.startIndex),
      };
      this.bindingSummaries.set(binders, many);
    }
    return many ?? undefined;
  }

  /**
   * latestBinding for a name bound very often: the last of its assignments (in document order) that starts before
   * the read is found by bisection, and the nearest few before it are tried for one in the read's scope.
   */
  private latestOfMany(assignments: (Binder & { kind: 'expr' })[], use: Node): (Binder & { kind: 'expr' }) | undefined {
    let low = 0;
    let high = assignments.length - 1;
    let found = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (assignments[middle].node.startIndex <= use.startIndex) {
        found = middle;
        low = middle + 1;
      } else high = middle - 1;
    }
    const scope = this.scopes.scopeFor(use);
    for (let index = found; index >= 0 && index > found - MANY_BINDINGS; index--) {
      const binder = assignments[index];
      if (binder.scope === scope && binder.node.endIndex <= use.startIndex) return binder;
    }
    return undefined;
  }

  /**
   * The paths, functions and first known text the bindings give; with `latest`, bindings in its scope that the read
   * at `use` comes before are left out (`key = decode(key)` reads the old key).
   */
  private gather(
    binders: Binder[],
    depth: number,
    latest: (Binder & { kind: 'expr' }) | undefined,
    use: Node | undefined,
  ): AbstractValue {
    const paths: string[] = [];
    const functions: Node[] = [];
    let text: string | undefined;
    for (const binder of binders) {
      // an assignment in the same scope not yet done where the name is read (`key = decode(key)` reads the old key)
      if (latest && binder.kind === 'expr' && binder.scope === latest.scope && binder.node.endIndex > use!.startIndex)
        continue;
      if (binder.kind === 'import') {
        paths.push(binder.path);
        // from pkg.config import HOST: a constant another module of the target defines
        if (Object.hasOwn(this.constants, binder.path)) text ??= this.constants[binder.path];
      } else if (binder.kind === 'def') functions.push(binder.node);
      else if (binder.kind === 'param') {
        const value = this.argumentValue(binder, depth);
        if (value) {
          paths.push(...value.paths);
          functions.push(...value.functions);
          text ??= value.text;
        }
      } else if (binder.kind === 'expr') {
        const value = this.value(binder.node, depth);
        paths.push(...value.paths);
        functions.push(...value.functions);
        text ??= value.text;
      } else if (binder.kind === 'element') {
        // an item of what a call returned: an object of that library, whose text is not known
        for (const path of this.value(binder.node, depth).paths) paths.push(`${path}[]`);
      } else if (binder.kind === 'item') {
        // for fn in [os.system, os.popen]: each function of a written list in turn
        const iterable = unwrap(binder.node);
        // for p in glob.glob("~/.ssh/*"): each p is a path in that folder, known but for the part the listing fills
        if (iterable.type === 'call') {
          const listed = this.listedPath(iterable, binder.index, depth);
          text ??= listed;
          // for e in os.scandir(folder): e is a DirEntry, whose .path is the listed path
          if (
            listed !== undefined &&
            this.value(iterable.childForFieldName('function')!, depth).paths.includes('os.scandir')
          )
            paths.push(DIR_ENTRY);
        } else if (binder.index === undefined && (iterable.type === 'list' || iterable.type === 'tuple'))
          for (const item of iterable.namedChildren.slice(0, MAX_LOOP_ITEMS)) {
            if (!item || item.type === 'comment') continue;
            const value = this.value(item, depth);
            paths.push(...value.paths);
            functions.push(...value.functions);
          }
      }
    }
    return { paths: unique(paths), functions, text };
  }

  /**
   * A name assigned more than once in the scope that reads it (`key = b"..."; key = b64decode(key); post(key)`):
   * the last assignment completed before the read, which straight-line code holds there.
   */
  private latestBinding(binders: Binder[], use: Node): (Binder & { kind: 'expr' }) | undefined {
    if (binders.length < 2) return undefined;
    const scope = this.scopes.scopeFor(use);
    let latest: (Binder & { kind: 'expr' }) | undefined;
    for (const binder of binders) {
      if (binder.kind !== 'expr' || binder.scope !== scope || binder.node.endIndex > use.startIndex) continue;
      if (!latest || binder.node.startIndex > latest.node.startIndex) latest = binder;
    }
    return latest;
  }

  private compute(node: Node, depth: number): AbstractValue {
    switch (node.type) {
      case 'string':
        return textValue(this.stringText(node, depth));
      case 'concatenated_string': {
        const parts = node.namedChildren.filter((c): c is Node => c?.type === 'string');
        return textValue(boundedJoin(parts.map((part) => this.stringText(part, depth))));
      }
      case 'integer':
        return textValue(node.text.replace(/_/g, ''));
      case 'identifier':
        return this.identifier(node, depth);
      case 'attribute':
        return this.attribute(node, depth);
      case 'call':
        return this.call(node, depth);
      case 'subscript':
        return this.subscript(node, depth);
      case 'binary_operator':
        return textValue(this.binary(node, depth));
      case 'conditional_expression': {
        const [whenTrue, , whenFalse] = node.namedChildren;
        const a = whenTrue ? this.value(whenTrue, depth) : EMPTY;
        const b = whenFalse ? this.value(whenFalse, depth) : EMPTY;
        return {
          paths: unique([...a.paths, ...b.paths]),
          functions: [...a.functions, ...b.functions],
          text: a.text ?? b.text,
        };
      }
      case 'boolean_operator': {
        const right = node.childForFieldName('right');
        const left = node.childForFieldName('left');
        const a = left ? this.value(left, depth) : EMPTY;
        const b = right ? this.value(right, depth) : EMPTY;
        return {
          paths: unique([...a.paths, ...b.paths]),
          functions: [...a.functions, ...b.functions],
          text: b.text ?? a.text,
        };
      }
      case 'lambda':
        return { paths: EMPTY.paths, functions: [node], text: undefined };
      default:
        return EMPTY;
    }
  }

  private stringText(node: Node, depth: number): string {
    const text = node.text;
    const prefix = prefixLetters(text);
    if ((prefix & FORMAT_PREFIX) === 0) return literalValue(text)?.value ?? HOLE;
    const isRaw = (prefix & RAW_PREFIX) !== 0;
    let out = '';
    for (const child of node.children) {
      if (!child) continue;
      if (out.length >= MAX_TEXT) break;
      if (child.type === 'string_content') out += isRaw ? child.text : unescapePython(child.text, false);
      else if (child.type === 'interpolation') {
        const expression = child.childForFieldName('expression') ?? child.namedChildren[0];
        out += (expression && this.value(expression, depth).text) ?? HOLE;
      }
    }
    return bound(out);
  }

  private identifier(node: Node, depth: number): AbstractValue {
    const name = node.text;
    for (let index = this.frames.length - 1; index >= 0; index--) {
      const { loop, fn } = this.frames[index];
      if (loop?.name === name && node.startIndex >= fn.startIndex && node.endIndex <= fn.endIndex) return loop.value;
    }
    const scope = this.scopes.scopeFor(node);
    const binders = this.scopes.lookup(name, scope);
    if (binders.length > 0) return this.binderValues(binders, depth, node);
    if (name === '__builtins__' || name === 'builtins')
      return { paths: ['builtins'], functions: EMPTY.functions, text: undefined };
    if (PYTHON_BUILTINS.has(name)) return { paths: [`builtins.${name}`], functions: EMPTY.functions, text: undefined };
    if (IMPLIED_MODULES.has(name)) return { paths: [name], functions: EMPTY.functions, text: undefined };
    return EMPTY;
  }

  private attribute(node: Node, depth: number): AbstractValue {
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute')?.text;
    if (!object || !attribute) return EMPTY;
    if (object.type === 'identifier' && (object.text === 'self' || object.text === 'cls')) {
      const binders = this.scopes.selfAttributes.get(attribute) ?? this.ownMethod(node, attribute);
      if (binders) return this.binderValues(binders, depth);
    }
    const base = this.value(object, depth);
    // Klass.name: a class of this file resolves to nothing by itself, so its body is read only then
    const local = base.paths.length === 0 && base.functions.length === 0;
    const member =
      object.type === 'identifier' && local
        ? (this.classMember(object, attribute) ?? this.instanceMember(object, attribute))
        : local && object.type === 'call'
          ? this.instanceMember(object, attribute)
          : undefined;
    if (member) return this.binderValues(member, depth);
    // an attribute of what is not known is not known either (most: self.x of an unassigned x, a local's method)
    if (base.paths.length === 0) return EMPTY;
    if (attribute === 'path' && base.paths.includes(DIR_ENTRY)) return textValue(base.text);
    const paths = base.paths.map((path) => `${path}.${attribute}`);
    // config.HOST after `from pkg import config`: a constant another module of the target defines
    const constant = paths.find((path) => Object.hasOwn(this.constants, path));
    if (constant !== undefined) return { paths, functions: [], text: this.constants[constant] };
    // the running interpreter: a command line it starts reads as `python ...` (python -c, python script.py)
    if (paths.includes('sys.executable')) return { paths, functions: [], text: 'python' };
    return { paths, functions: [], text: undefined };
  }

  /**
   * `c.name` after `c = Klass(...)`, or `Klass(...).name`, for a class of this file: what the class body binds to the
   * name (its method, for a call: `c.push(data)` runs Klass.push).
   */
  private instanceMember(object: Node, attribute: string): Binder[] | undefined {
    const made = object.type === 'identifier' ? assignedValues(this.scopes, object) : [object];
    for (const value of made) {
      const call = unwrap(value);
      const cls = call.type === 'call' ? call.childForFieldName('function') : null;
      const found = cls?.type === 'identifier' ? this.classMember(cls, attribute) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  /** str.maketrans(FROM, TO) with both written out (directly or through one name): each character of FROM to TO's. */
  private translationTable(node: Node, depth: number): Map<string, string> | undefined {
    let target = unwrap(node);
    if (target.type === 'identifier') {
      const binders = this.scopes.lookup(target.text, this.scopes.scopeFor(target));
      if (binders.length !== 1 || binders[0].kind !== 'expr') return undefined;
      target = unwrap(binders[0].node);
    }
    if (target.type !== 'call' || !/(^|\.)maketrans$/.test(target.childForFieldName('function')?.text ?? ''))
      return undefined;
    const [from, to] = callArguments(target).positional.map((arg) => this.value(arg, depth).text);
    if (from === undefined || to === undefined || from.includes(HOLE) || to.includes(HOLE)) return undefined;
    const source = [...from];
    const destination = [...to];
    if (source.length !== destination.length) return undefined;
    return new Map(source.map((character, index) => [character, destination[index]]));
  }

  /**
   * chr(105) + chr(109) + ... : a long chain of `+` nests as deep as it is long, past the depth bound. Its inner sums
   * are folded from the innermost out first, each then read from the memo, so the chain folds whatever its length.
   */
  private foldChain(left: Node, depth: number): void {
    const spine: Node[] = [];
    let at: Node | null = unwrap(left);
    // each sum is walked once: the inner sums folded below walk no further than the one above them
    while (
      at?.type === 'binary_operator' &&
      at.childForFieldName('operator')?.text === '+' &&
      !this.chained.has(at.id)
    ) {
      this.chained.add(at.id);
      spine.push(at);
      const next: Node | null = at.childForFieldName('left');
      at = next ? unwrap(next) : null;
    }
    if (spine.length < CHAIN_FOLD_MIN) return;
    for (let index = spine.length - 1; index >= 0; index--) this.value(spine[index], depth);
  }

  /** `self.name` inside a method: the method of that name the enclosing class defines. */
  private ownMethod(node: Node, attribute: string): Binder[] | undefined {
    const method = this.scopes.scopeFor(node);
    if (method.node.type !== 'function_definition') return undefined;
    const owner = this.scopes.scopeFor(method.node);
    if (owner.kind !== 'class') return undefined;
    const found = owner.bindings.get(attribute)?.filter((binder) => binder.kind === 'def');
    return found?.length ? found : undefined;
  }

  /** `Klass.name` for a class of this file: what its body binds to the name (`d = "..."`, `def r(): ...`). */
  private classMember(name: Node, attribute: string): Binder[] | undefined {
    for (const binder of this.scopes.lookup(name.text, this.scopes.scopeFor(name))) {
      if (binder.kind !== 'class') continue;
      const first = binder.node.childForFieldName('body')?.namedChildren[0];
      const scope = first ? this.scopes.scopeFor(first) : undefined;
      const found = scope?.node.id === binder.node.id ? scope.bindings.get(attribute) : undefined;
      if (found) return found;
    }
    return undefined;
  }

  private subscript(node: Node, depth: number): AbstractValue {
    const object = node.childForFieldName('value');
    const key = node.childForFieldName('subscript');
    if (!object) return EMPTY;
    const base = this.value(object, depth);
    if (key?.type === 'slice') {
      // "..."[::-1] reverses a string
      if (base.text !== undefined && key.text.replace(/\s/g, '') === '::-1') {
        const reversed = [...base.text].reverse().join('');
        this.disguised.add(reversed);
        return textValue(reversed);
      }
      return textValue(base.text === undefined ? undefined : HOLE);
    }
    const keyText = key ? this.value(key, depth).text : undefined;
    const paths: string[] = [];
    // vars(os)["popen"] is os.popen: the namespace of the object vars() is given
    const namespaceOf = unwrap(object).type === 'call' ? callArguments(unwrap(object)).positional[0] : undefined;
    if (namespaceOf && keyText !== undefined && base.paths.includes('builtins.vars()'))
      return {
        paths: this.value(namespaceOf, depth).paths.map((path) => `${path}.${keyText}`),
        functions: [],
        text: undefined,
      };
    for (const path of base.paths) {
      if (keyText !== undefined && /(^|\.)__dict__$/.test(path))
        paths.push(`${path.replace(/\.?__dict__$/, '')}.${keyText}`.replace(/^\./, ''));
      else if (
        keyText !== undefined &&
        (path === 'builtins.globals()' || path === 'builtins.vars()' || path === 'builtins.locals()')
      )
        paths.push(keyText === '__builtins__' ? 'builtins' : `builtins.${keyText}`);
      // __builtins__["eval"]: outside __main__, __builtins__ is the builtins module's namespace, a dict
      else if (keyText !== undefined && path === 'builtins' && /^\w+$/.test(keyText)) paths.push(`builtins.${keyText}`);
      // sys.modules["os"] is the module os
      else if (keyText !== undefined && path === 'sys.modules' && /^[\w.]+$/.test(keyText))
        paths.push(keyText === '__builtin__' ? 'builtins' : keyText);
      else paths.push(`${path}[]`);
    }
    // FNS["go"] of FNS = {"go": os.system}: the item written there, a function as much as a text
    const item = keyText !== undefined && key ? this.constantItem(object, key, keyText, depth) : undefined;
    return {
      paths: item ? unique([...paths, ...item.paths]) : paths,
      functions: item?.functions ?? [],
      text: item?.text,
    };
  }

  /** CONSTANTS["key"] or CONSTANTS[0] of a dict, list or tuple literal bound once to a name. */
  private constantItem(object: Node, key: Node, keyText: string, depth: number): AbstractValue | undefined {
    const target = unwrap(object);
    if (target.type !== 'identifier') return undefined;
    const binders = this.scopes.lookup(target.text, this.scopes.scopeFor(target));
    const literal = binders.length === 1 && binders[0].kind === 'expr' ? unwrap(binders[0].node) : undefined;
    if (literal?.type === 'dictionary' && unwrap(key).type === 'string') {
      const pair = literal.namedChildren.find(
        (child) => child?.type === 'pair' && this.value(child.childForFieldName('key')!, depth).text === keyText,
      );
      const value = pair?.childForFieldName('value');
      return value ? this.value(value, depth) : undefined;
    }
    if ((literal?.type === 'list' || literal?.type === 'tuple') && unwrap(key).type === 'integer') {
      const value = literal.namedChildren.filter((child) => child?.type !== 'comment')[Number(keyText)];
      return value ? this.value(value, depth) : undefined;
    }
    return undefined;
  }

  private binary(node: Node, depth: number): string | undefined {
    const operator = node.childForFieldName('operator')?.text;
    const left = node.childForFieldName('left');
    const right = node.childForFieldName('right');
    if (!left || !right) return undefined;
    if (operator === '+') this.foldChain(left, depth);
    const a = this.value(left, depth).text;
    const arithmetic =
      a !== undefined && operator !== undefined ? this.integerArithmetic(operator, a, left, right, depth) : undefined;
    if (arithmetic !== undefined) return arithmetic;
    if (operator === '+') {
      const b = this.value(right, depth).text;
      if (a === undefined && b === undefined) return undefined;
      const sum = bound((a ?? HOLE) + (b ?? HOLE));
      // "sys" + "tem": a short name split into written pieces is a name hidden from readers (and from grep)
      if (isLiteralPiece(left) && isLiteralPiece(right) && SPLIT_NAME.test(sum)) this.disguised.add(sum);
      return sum;
    }
    // Path.home() / ".aws" / "credentials": a str has no '/', so a string on its right is a path joined on
    if (operator === '/' && unwrap(right).type === 'string') {
      const b = this.value(right, depth).text;
      return b === undefined ? undefined : bound(`${a ?? HOLE}/${b}`);
    }
    if (operator === '%' && a !== undefined) {
      const values = right.type === 'tuple' ? right.namedChildren : [right];
      let index = 0;
      return boundedReplace(a, /%(\([^)]*\))?[-#0 +]*\d*(\.\d+)?[sdrifxXoeEgGc%]/g, (spec) => {
        if (spec === '%%') return '%';
        const value = values[index++];
        return (value && this.value(value, depth).text) ?? HOLE;
      });
    }
    return undefined;
  }

  /**
   * Integer arithmetic on folded integers (`chr(c ^ 42)`, `chr(c - 3)` over a list of codes): the bit operations and
   * subtraction, which a str cannot take, and + only beside an integer literal (str + int is an error, so the other
   * side is an int too). Exact (BigInt), within MAX_INTEGER_DIGITS.
   */
  private integerArithmetic(operator: string, a: string, left: Node, right: Node, depth: number): string | undefined {
    const plus = operator === '+' && (unwrap(left).type === 'integer' || unwrap(right).type === 'integer');
    if (!INTEGER_OPERATORS.has(operator) && !plus) return undefined;
    if (!INTEGER_TEXT.test(a)) return undefined;
    const b = this.value(right, depth).text;
    if (b === undefined || !INTEGER_TEXT.test(b)) return undefined;
    const result = INTEGER_OPERATIONS[operator](BigInt(a), BigInt(b));
    return result === undefined ? undefined : String(result);
  }

  private call(node: Node, depth: number): AbstractValue {
    const callee = node.childForFieldName('function');
    if (!callee) return EMPTY;
    const args = callArguments(node);
    const target = this.value(callee, depth);
    const paths: string[] = [];
    const functions: Node[] = [];
    let text: string | undefined;
    const first = args.positional[0];
    const firstText = first ? this.value(first, depth).text : undefined;
    for (const path of target.paths) {
      if (path === 'builtins.__import__' || path === 'importlib.import_module' || path === 'importlib.__import__') {
        if (firstText !== undefined && !firstText.includes(HOLE)) {
          const full = path === 'builtins.__import__' && args.positional.length < 4 && !args.keywords.has('fromlist');
          paths.push(full ? firstText.split('.')[0] : firstText);
        } else paths.push(`${path}()`);
      } else if (path === 'importlib.util.spec_from_file_location' && firstText && !firstText.includes(HOLE)) {
        // the spec of a module loaded from a file: module_from_spec(spec) is that module, by the name it is given
        paths.push(`${firstText}${SPEC}`);
      } else if (path === 'importlib.util.module_from_spec' && first) {
        const specs = this.value(first, depth).paths.filter((spec) => spec.endsWith(SPEC));
        if (specs.length > 0) paths.push(...specs.map((spec) => spec.slice(0, -SPEC.length)));
        else paths.push(`${path}()`);
      } else if ((path === 'builtins.getattr' || path === ATTRIBUTE_GETTER) && first) {
        // getattr(obj, NAME); operator.attrgetter(NAME)(obj): the name is the getter's own argument
        const nameNode = path === ATTRIBUTE_GETTER ? this.getterName(callee) : args.positional[1];
        const name = nameNode ? this.value(nameNode, depth).text : undefined;
        const objectPaths = this.value(first, depth).paths;
        for (const objectPath of objectPaths)
          paths.push(name !== undefined && !name.includes(HOLE) ? `${objectPath}.${name}` : `${objectPath}.?`);
      } else {
        paths.push(`${path}()`);
        text ??= this.foldCall(path, node, args, depth);
      }
    }
    // "...".format(...), "sep".join([...]), "...".decode() on folded receivers
    if (text === undefined && callee.type === 'attribute') text = this.stringMethod(callee, args, depth);
    // join = "".join; join([...]): a string method bound to a name once
    if (text === undefined && callee.type === 'identifier') {
      const method = this.boundStringMethod(callee);
      if (method) text = this.stringMethod(method, args, depth);
    }
    for (const fn of target.functions) {
      const returned = this.followCall(fn, callee, args, depth) ?? this.returnValues(fn, depth);
      paths.push(...returned.paths);
      functions.push(...returned.functions);
      text ??= returned.text;
    }
    return { paths: unique(paths), functions, text };
  }

  /**
   * The path each item of a folder listing names, with HOLE for what the listing fills in: glob.glob(PATTERN) and
   * Path.glob/rglob give the pattern's matches, Path.iterdir() and os.scandir(FOLDER) the folder's members, os.walk(TOP) its folders
   * (position 0 of each item: TOP or a folder under it). Undefined for anything else.
   */
  private listedPath(call: Node, index: number | undefined, depth: number): string | undefined {
    const callee = call.childForFieldName('function');
    if (!callee) return undefined;
    const args = callArguments(call);
    const first = args.positional[0];
    const paths = this.value(callee, depth).paths;
    if (index === undefined && first && (paths.includes('glob.glob') || paths.includes('glob.iglob'))) {
      const pattern = this.value(first, depth).text;
      return pattern === undefined ? undefined : globHoles(pattern);
    }
    if (index === undefined && first && paths.includes('os.scandir')) {
      const folder = this.value(first, depth).text;
      return folder === undefined ? undefined : bound(`${folder}/${HOLE}`);
    }
    if (index === 0 && first && paths.includes('os.walk')) {
      const top = this.value(first, depth).text;
      return top === undefined ? undefined : bound(top + HOLE);
    }
    const method = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    const receiver = callee.childForFieldName('object');
    if (index !== undefined || !receiver || (method !== 'glob' && method !== 'rglob' && method !== 'iterdir'))
      return undefined;
    // a str has no glob(): a receiver whose text is known is a path
    const folder = this.value(receiver, depth).text;
    if (folder === undefined) return undefined;
    if (method === 'iterdir') return bound(`${folder}/${HOLE}`);
    const pattern = first ? this.value(first, depth).text : undefined;
    if (pattern === undefined) return undefined;
    return bound(`${folder}/${method === 'rglob' ? `${HOLE}/` : ''}${globHoles(pattern)}`);
  }

  /** The NAME of `operator.attrgetter(NAME)`, called directly or through a name bound to it. */
  private getterName(callee: Node): Node | undefined {
    const target = unwrap(callee);
    const getter =
      target.type === 'call' ? target : this.scopes.valuesOf(target).find((v) => unwrap(v).type === 'call');
    return getter ? callArguments(unwrap(getter)).positional[0] : undefined;
  }

  /** The `"sep".join`-style attribute a name is bound to, when it is bound once to exactly that. */
  private boundStringMethod(name: Node): Node | undefined {
    const binders = this.scopes.lookup(name.text, this.scopes.scopeFor(name));
    const only = binders.length === 1 && binders[0].kind === 'expr' ? unwrap(binders[0].node) : undefined;
    const object = only?.type === 'attribute' ? unwrap(only.childForFieldName('object')!) : undefined;
    return object?.type === 'string' || object?.type === 'concatenated_string' ? only : undefined;
  }

  private foldCall(
    path: string,
    node: Node,
    args: ReturnType<typeof callArguments>,
    depth: number,
  ): string | undefined {
    const first = args.positional[0];
    if ((path === 'builtins.bytes' || path === 'builtins.bytearray') && first) {
      const bytes = this.byteList(first, depth);
      // code spelt as a list of byte values hides what it says from a reader
      if (bytes !== undefined && bytes.length >= 16) this.disguised.add(bytes);
      if (bytes !== undefined) return bytes;
    }
    if (
      path === 'builtins.str' ||
      path === 'os.path.expanduser' ||
      path === 'os.path.expandvars' ||
      path === 'os.path.abspath' ||
      path === 'os.path.realpath' ||
      path === 'os.path.normpath' ||
      (path === 'pathlib.Path' && args.positional.length <= 1) ||
      path === 'builtins.bytes' ||
      path === 'builtins.bytearray'
    ) {
      return first ? this.value(first, depth).text : undefined;
    }
    if (path === 'builtins.ord' && first) {
      const character = this.value(first, depth).text;
      return character !== undefined && [...character].length === 1 ? String(character.codePointAt(0)) : HOLE;
    }
    if (path === 'builtins.chr' && first) {
      const code = Number(this.value(first, depth).text);
      return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : HOLE;
    }
    // a setting read from the environment with a default: unset, as it is on the machine pip installs on, it is
    // the default (a collector or a payload name written as os.getenv("API_URL", "https://..."))
    if (path === 'os.getenv' || path === 'os.environ.get') {
      const fallback = args.positional[1] ?? args.keywords.get('default');
      return fallback ? this.value(fallback, depth).text : undefined;
    }
    // Path("~", "table") joins its parts as os.path.join does
    if (path === 'os.path.join' || path === 'posixpath.join' || path === 'pathlib.Path') {
      const parts = args.positional.map((arg) => this.value(arg, depth).text ?? HOLE);
      return parts.length ? boundedJoin(parts, '/') : undefined;
    }
    if (this.decode && first) {
      const input = this.value(first, depth).text;
      if (input !== undefined && !input.includes(HOLE)) {
        const decoded = this.decode(path, input, node);
        if (decoded !== undefined) this.followed.noteDecoding();
        return decoded;
      }
    }
    return undefined;
  }

  private stringMethod(callee: Node, args: ReturnType<typeof callArguments>, depth: number): string | undefined {
    const object = callee.childForFieldName('object');
    const method = callee.childForFieldName('attribute')?.text;
    if (!object || !method) return undefined;
    const receiver = this.value(object, depth).text;
    if (receiver === undefined) return undefined;
    const first = args.positional[0];
    switch (method) {
      case 'format': {
        let index = 0;
        return boundedReplace(receiver, /\{([^{}]*)\}/g, (_, field: string) => {
          const name = field.split(/[!:]/)[0];
          const arg =
            name === ''
              ? args.positional[index++]
              : /^\d+$/.test(name)
                ? args.positional[Number(name)]
                : args.keywords.get(name);
          return (arg && this.value(arg, depth).text) ?? HOLE;
        });
      }
      case 'join': {
        if (!first) return undefined;
        const items = this.sequenceTexts(first, depth);
        if (!items) return undefined;
        const joined = boundedJoin(items, receiver);
        const target = unwrap(first);
        // pieces hide what they make; lines joined with newlines are code written out line by line (a generator's)
        const pieces =
          target.type !== 'list' && target.type !== 'tuple' ? !isLinesJoin(receiver, items) : items.every(isShortPiece);
        if (items.length >= 3 && pieces) this.disguised.add(joined);
        return joined;
      }
      case 'decode':
        return first ? this.decodeBytes(receiver, this.value(first, depth).text) : receiver;
      case 'encode':
      case 'strip':
      case 'rstrip':
      case 'lstrip':
        return receiver;
      case 'lower':
        return receiver.toLowerCase();
      case 'upper':
        return receiver.toUpperCase();
      case 'replace': {
        const [from, to] = args.positional.map((arg) => this.value(arg, depth).text);
        return from !== undefined && to !== undefined ? boundedJoin(receiver.split(from), to) : undefined;
      }
      case 'translate': {
        // TEXT.translate(str.maketrans(FROM, TO)): a substitution cipher (rot13 and its cousins) hides the text
        const table = first ? this.translationTable(first, depth) : undefined;
        if (!table) return undefined;
        const translated = [...receiver].map((character) => table.get(character) ?? character).join('');
        if (translated !== receiver) this.disguised.add(translated);
        return translated;
      }
      default:
        return undefined;
    }
  }

  /**
   * b"...".decode(codec) of folded bytes (latin-1 text): read with the named codec, as Python would. A codec other
   * than UTF-8, ASCII or Latin-1 (b"\x85\xa5\x81\x93".decode("cp1026") is "eval") only hides text: disguised.
   */
  private decodeBytes(bytes: string, codec: string | undefined): string {
    const name = codec === undefined || codec.includes(HOLE) ? undefined : bytesCodecName(codec);
    if (!name || !isByteText(bytes)) return bytes;
    const decoded = decodeWithCodec(name, new Uint8Array(Buffer.from(bytes, 'latin1')));
    if (decoded.undecodable) return bytes;
    if (!PLAIN_CODECS.has(name)) this.disguised.add(decoded.text);
    return decoded.text;
  }

  /** bytes([98, 97, ...]): a list of byte values, as the latin-1 text they spell (undefined unless all are known). */
  private byteList(node: Node, depth: number): string | undefined {
    const list = unwrap(node);
    if (!BYTE_SOURCES.has(list.type)) return undefined;
    const items = this.sequenceTexts(list, depth);
    if (!items || items.length > MAX_BYTE_LIST) return undefined;
    let text = '';
    for (const item of items) {
      if (!/^\d{1,3}$/.test(item) || Number(item) > 255) return undefined;
      text += String.fromCharCode(Number(item));
    }
    return text;
  }

  /** The string items of a literal list/tuple, a generator of chr() over a literal list, or map(chr, [...]). */
  sequenceTexts(node: Node, depth: number): string[] | undefined {
    const target = unwrap(node);
    if (target.type === 'identifier') this.followed.noteDepth(depth + 1);
    if (target.type === 'identifier' && depth < MAX_DEPTH) {
      // PARTS = [...] at module level, then ".".join(PARTS)
      const binders = this.scopes.lookup(target.text, this.scopes.scopeFor(target));
      const only = binders.length === 1 ? binders[0] : undefined;
      return only?.kind === 'expr' ? this.sequenceTexts(only.node, depth + 1) : undefined;
    }
    if (target.type === 'list' || target.type === 'tuple' || target.type === 'set') {
      return target.namedChildren
        .filter((c): c is Node => !!c && c.type !== 'comment')
        .map((item) => this.value(item, depth).text ?? HOLE);
    }
    if (target.type === 'generator_expression' || target.type === 'list_comprehension') {
      const body = target.childForFieldName('body');
      const clause = target.namedChildren.find((c) => c?.type === 'for_in_clause');
      const source = clause?.childForFieldName('right');
      const variable = clause?.childForFieldName('left')?.text;
      if (body?.type === 'call' && source && variable && this.isChrOf(body, variable, depth)) {
        const codes = this.integerList(source);
        return codes?.map((code) => String.fromCodePoint(code));
      }
      // chr(c ^ 42) for c in CODES, b ^ KEY[i % len(KEY)] for i, b in enumerate(DATA): a home-made cipher
      const ciphered = cipherItems(target, this.cipherContext(depth));
      if (ciphered) {
        this.noteCiphered(ciphered);
        return ciphered;
      }
      // "".join(b64decode(p).decode() for p in PARTS): the body read once per item of a literal sequence
      const clauses = target.namedChildren.filter((c) => c?.type === 'for_in_clause' || c?.type === 'if_clause');
      const items = body && source && clauses.length === 1 ? this.sequenceTexts(source, depth + 1) : undefined;
      if (body && variable && /^\w+$/.test(variable) && items && items.length <= MAX_LOOP_ITEMS)
        return items.map((item) => this.loopValue(target, variable, item, body, depth));
    }
    // TEXT.split(SEP): the pieces of a known text ("i_m_p_o_r_t".split("_") strips junk put between letters)
    if (
      target.type === 'call' &&
      target.childForFieldName('function')?.childForFieldName('attribute')?.text === 'split'
    ) {
      const receiver = target.childForFieldName('function')?.childForFieldName('object');
      const separator = callArguments(target).positional[0];
      const text = receiver ? this.value(receiver, depth).text : undefined;
      const by = separator ? this.value(separator, depth).text : undefined;
      if (text === undefined || by === undefined || text.includes(HOLE) || by.includes(HOLE) || by === '')
        return undefined;
      return text.split(by);
    }
    // reversed("...") and reversed(PARTS): the items, last first
    if (target.type === 'call' && target.childForFieldName('function')?.text === 'reversed') {
      const argument = callArguments(target).positional[0];
      const text = argument ? this.value(argument, depth).text : undefined;
      const items = argument
        ? (this.sequenceTexts(argument, depth + 1) ??
          (text !== undefined && !text.includes(HOLE) ? [...text] : undefined))
        : undefined;
      return items?.reverse();
    }
    if (target.type === 'call' && /^map\s*\(\s*chr\s*,/.test(target.text)) {
      const list = callArguments(target).positional[1];
      const codes = list ? this.integerList(list) : undefined;
      return codes?.map((code) => String.fromCodePoint(code));
    }
    return undefined;
  }

  /** A comprehension's body evaluated with its loop variable bound to one item's text (HOLE when it is unknown). */
  private loopValue(comprehension: Node, name: string, item: string, body: Node, depth: number): string {
    // each item read counts as a followed call: nested comprehensions cannot multiply the work past the file's bound
    if (item === HOLE || !this.mayFollow()) return HOLE;
    this.followedCalls++;
    const value: AbstractValue = { paths: [], functions: [], text: item };
    const keywords = new Map<string, AbstractValue>();
    this.frames.push({
      fn: comprehension,
      positional: [],
      keywords,
      positionalNodes: [],
      keywordNodes: new Map(),
      memo: new Map(),
      active: new Set(),
      loop: { name, value },
    });
    try {
      return this.value(body, depth).text ?? HOLE;
    } finally {
      this.frames.pop();
    }
  }

  /**
   * The texts an expression may take item by item when it is built from a loop variable over a literal sequence
   * (`for t in PATHS: p = expanduser(t)` gives each item, folded through p's expression), a few assignments deep.
   */
  loopTexts(node: Node, depth = 0): string[] {
    if (depth > 3) return [];
    // read once per node and depth: a name assigned from names assigned many times is reached by many ways (a
    // test module took half a million readings)
    const key = node.id * 4 + depth;
    let texts = this.loopTextsRead.get(key);
    if (!texts) this.loopTextsRead.set(key, (texts = this.readLoopTexts(node, depth)));
    return texts;
  }

  private readLoopTexts(node: Node, depth: number): string[] {
    const target = unwrap(node);
    const texts: string[] = [];
    const names = target.type === 'identifier' ? [target] : target.descendantsOfType('identifier').slice(0, 16);
    for (const name of names) {
      for (const binder of this.scopes.lookup(name.text, this.scopes.scopeFor(name))) {
        if (binder.kind === 'item' && binder.index === undefined)
          texts.push(...(this.sequenceTexts(binder.node, 0)?.slice(0, MAX_LOOP_ITEMS) ?? []));
        else if (binder.kind === 'expr') texts.push(...this.loopTexts(binder.node, depth + 1));
      }
    }
    return texts.filter((text) => text !== HOLE);
  }

  private noteCiphered(items: string[]): void {
    this.ciphered.add(items.join(''));
    if (items.every((item) => /^\d{1,3}$/.test(item) && Number(item) <= 255)) {
      const bytes = items.map((item) => String.fromCharCode(Number(item))).join('');
      this.ciphered.add(bytes);
      this.ciphered.add(asUtf8(bytes));
    }
  }

  /** What a cipher comprehension's pieces fold to (ciphers.ts). */
  private cipherContext(depth: number): CipherContext {
    return {
      text: (node) => {
        const text = this.value(node, depth + 1).text;
        return text === undefined || text.includes(HOLE) ? undefined : text;
      },
      integers: (node) => this.integerList(node),
      isBuiltin: (callee, name) => callee.text === name || this.value(callee, depth).paths.includes(`builtins.${name}`),
    };
  }

  /** chr(v), or a name bound to the builtin chr (getattr(builtins, "chr"), c = chr) called on v. */
  private isChrOf(call: Node, variable: string, depth: number): boolean {
    const callee = call.childForFieldName('function');
    const args = callArguments(call).positional;
    if (!callee || args.length !== 1 || unwrap(args[0]).text !== variable) return false;
    return callee.text === 'chr' || this.value(callee, depth).paths.includes('builtins.chr');
  }

  private integerList(node: Node, depth = 0): number[] | undefined {
    let target = unwrap(node);
    if (target.type === 'identifier' && depth < 4) {
      const binders = this.scopes.lookup(target.text, this.scopes.scopeFor(target));
      const binder = binders.find((b) => b.kind === 'expr');
      if (binder?.kind === 'expr') return this.integerList(binder.node, depth + 1);
      // def d(x): return "".join(chr(i) for i in x), followed with d(CODES)
      const parameter = binders.find((b) => b.kind === 'param');
      const given = parameter?.kind === 'param' ? this.argumentNode(parameter) : undefined;
      if (given) return this.integerList(given, depth + 1);
    }
    target = unwrap(target);
    if (target.type !== 'list' && target.type !== 'tuple') return undefined;
    const codes: number[] = [];
    for (const item of target.namedChildren) {
      if (!item || item.type === 'comment') continue;
      const code = item.type === 'integer' ? Number(item.text.replace(/_/g, '')) : NaN;
      if (!Number.isInteger(code) || code < 0 || code > 0x10ffff) return undefined;
      codes.push(code);
    }
    return codes;
  }

  /** A list or tuple literal, or a name bound once to one: data a followed call can read item by item. */
  private isLiteralSequence(node: Node): boolean {
    const target = unwrap(node);
    if (target.type === 'list' || target.type === 'tuple') return true;
    if (target.type !== 'identifier') return false;
    const binders = this.scopes.lookup(target.text, this.scopes.scopeFor(target));
    const only = binders.length === 1 && binders[0].kind === 'expr' ? unwrap(binders[0].node) : undefined;
    return only?.type === 'list' || only?.type === 'tuple';
  }

  /** The argument expression a parameter is given in the innermost followed call of its function. */
  private argumentNode(binder: Extract<Binder, { kind: 'param' }>): Node | undefined {
    for (let index = this.frames.length - 1; index >= 0; index--) {
      const frame = this.frames[index];
      if (frame.fn.id !== binder.fn.id) continue;
      // the argument expressions are no part of a followed call's key, only their values
      this.followed.noteFrameRead(index - 1);
      return frame.keywordNodes.get(binder.name) ?? frame.positionalNodes[binder.index];
    }
    this.followed.noteAbsent(binder.fn.id);
    return undefined;
  }

  /** The value a parameter has in the innermost followed call of its function, else its default. */
  private argumentValue(binder: Extract<Binder, { kind: 'param' }>, depth: number): AbstractValue | undefined {
    let index = this.frames.length - 1;
    for (; index >= 0; index--) {
      const frame = this.frames[index];
      if (frame.fn.id !== binder.fn.id) continue;
      const given = frame.keywords.get(binder.name) ?? frame.positional[binder.index];
      this.followed.noteFrameRead(index);
      if (given) return given;
      break;
    }
    if (index < 0) this.followed.noteAbsent(binder.fn.id);
    return this.callSiteValues(binder, depth) ?? (binder.fallback ? this.value(binder.fallback, depth) : undefined);
  }

  /**
   * What the file's own calls of a function pass for one of its parameters (`run(cmd)` called as `run("curl ...")`),
   * from its first few call sites: a command or host handed to a wrapper reaches the sink inside it.
   */
  private callSiteValues(binder: Extract<Binder, { kind: 'param' }>, depth: number): AbstractValue | undefined {
    const name = functionName(binder.fn);
    this.followed.noteDepth(depth + 1);
    if (!name || depth >= MAX_DEPTH) return undefined;
    const method = this.scopes.scopeFor(binder.fn).kind === 'class';
    const paths: string[] = [];
    const functions: Node[] = [];
    let text: string | undefined;
    let sites = 0;
    for (const site of this.callSites(name)) {
      const callee = site.childForFieldName('function');
      if (!callee || !this.value(callee, depth).functions.some((fn) => fn.id === binder.fn.id)) continue;
      if (++sites > MAX_CALL_SITES) break;
      const args = callArguments(site);
      const offset = method && callee.type === 'attribute' ? 1 : 0;
      const arg =
        args.keywords.get(binder.name) ?? (args.hasSplat ? undefined : args.positional[binder.index - offset]);
      if (!arg) continue;
      const value = this.value(arg, depth);
      paths.push(...value.paths);
      functions.push(...value.functions);
      text ??= value.text;
    }
    return paths.length > 0 || functions.length > 0 || text !== undefined
      ? { paths: unique(paths), functions, text }
      : undefined;
  }

  private callSites(name: string): Node[] {
    if (!this.callsByName) {
      this.callsByName = new Map();
      for (const call of this.calls) {
        const callee = call.childForFieldName('function');
        const called = callee?.type === 'attribute' ? callee.childForFieldName('attribute') : callee;
        if (called?.type !== 'identifier') continue;
        const list = this.callsByName.get(called.text);
        if (list) list.push(call);
        else this.callsByName.set(called.text, [call]);
      }
    }
    return this.callsByName.get(name) ?? [];
  }

  /**
   * The return value of a call of the file's own function with its arguments bound to its parameters
   * (`b64d("Y3Vy...")` through `def b64d(s): return base64.b64decode(s).decode()`), or undefined when no argument
   * is known or the bound on followed calls is reached. A method called through an object skips `self`.
   */
  private followCall(fn: Node, callee: Node, args: CallArguments, depth: number): AbstractValue | undefined {
    if (!this.mayFollow() || args.hasSplat) return undefined;
    const positional = args.positional.map((arg) => this.value(arg, depth));
    const keywords = new Map([...args.keywords].map(([name, arg]) => [name, this.value(arg, depth)] as const));
    const known = (value: AbstractValue) =>
      value.text !== undefined || value.paths.length > 0 || value.functions.length > 0;
    if (
      !positional.some(known) &&
      ![...keywords.values()].some(known) &&
      !args.positional.some((arg) => this.isLiteralSequence(arg))
    )
      return undefined;
    const method =
      fn.type === 'function_definition' && callee.type === 'attribute' && this.scopes.scopeFor(fn).kind === 'class';
    const given = method ? [EMPTY, ...positional] : positional;
    const compute = () => {
      this.followedCalls++;
      this.frames.push({
        fn,
        positional: given,
        keywords,
        positionalNodes: method ? [undefined, ...args.positional] : args.positional,
        keywordNodes: args.keywords,
        memo: new Map(),
        active: new Set(),
      });
      try {
        return this.returnValues(fn, depth);
      } finally {
        this.frames.pop();
      }
    };
    // inside a comprehension read item by item a name may be its loop variable: such calls are followed every time
    const key = this.frames.some((frame) => frame.loop) ? undefined : this.followed.key(fn.id, given, keywords);
    if (key === undefined) return compute();
    const place = { depth, frames: this.frames.length, followedCalls: this.followedCalls };
    const recalled = this.followed.recall(key, place, () => this.frames.map((frame) => frame.fn.id));
    if (!recalled) return this.followed.follow(key, place, compute, () => this.followedCalls);
    this.followedCalls += recalled.followedCalls;
    return recalled.value;
  }

  /** Whether one more call may be followed (or comprehension item read) within the bounds on nesting and work. */
  private mayFollow(): boolean {
    this.followed.noteFrames(this.frames.length);
    if (this.followedCalls >= MAX_FOLLOWED_CALLS) this.followed.noteBoundHit();
    return this.frames.length < MAX_FRAMES && this.followedCalls < MAX_FOLLOWED_CALLS;
  }

  /**
   * The expressions a function's return statements return (nested definitions left out), in the order they are
   * read; found once per function, as a followed call reads them again with every set of arguments.
   */
  private returnedExpressions(fn: Node): Node[] {
    let expressions = this.returns.get(fn.id);
    if (expressions) return expressions;
    expressions = [];
    const body = fn.childForFieldName('body');
    const stack: Node[] = body ? [body] : [];
    while (stack.length) {
      const current = stack.pop()!;
      for (const child of current.namedChildren) {
        if (
          !child ||
          child.type === 'function_definition' ||
          child.type === 'class_definition' ||
          child.type === 'lambda'
        )
          continue;
        if (child.type === 'return_statement') {
          const expression = child.namedChildren[0];
          if (expression) expressions.push(expression);
        } else stack.push(child);
      }
    }
    this.returns.set(fn.id, expressions);
    return expressions;
  }

  private returnValues(fn: Node, depth: number): AbstractValue {
    if (fn.type === 'lambda') {
      const body = fn.childForFieldName('body');
      return body ? this.value(body, depth) : EMPTY;
    }
    const paths: string[] = [];
    const functions: Node[] = [];
    let text: string | undefined;
    for (const expression of this.returnedExpressions(fn)) {
      const value = this.value(expression, depth);
      paths.push(...value.paths);
      functions.push(...value.functions);
      text ??= value.text;
    }
    return { paths: unique(paths), functions, text };
  }
}

/** Distinct paths, at most MAX_PATHS: names rebound many times (or parameters given many values) stay cheap. */
function unique(values: string[]): string[] {
  if (values.length < 2) return values;
  const distinct = [...new Set(values)];
  return distinct.length > MAX_PATHS ? distinct.slice(0, MAX_PATHS) : distinct;
}

/** A name short enough that splitting it serves no line length: an identifier or dotted module path. */
const SPLIT_NAME = /^[A-Za-z_][\w.]{1,30}$/;

/** A string literal, or a sum of a few of them ("o" + "s"); walked without recursion (a chain may be very long). */
function isLiteralPiece(node: Node): boolean {
  const pending = [unwrap(node)];
  for (let seen = 0; pending.length > 0; seen++) {
    const current = unwrap(pending.pop()!);
    if (current.type === 'string') continue;
    const left = current.childForFieldName('left');
    const right = current.childForFieldName('right');
    if (seen > 32 || current.type !== 'binary_operator' || current.childForFieldName('operator')?.text !== '+')
      return false;
    if (!left || !right) return false;
    pending.push(left, right);
  }
  return true;
}

/** A glob pattern as a folded path: each run of wildcards (`*`, `?`, `[...]`) becomes one HOLE. */
function globHoles(pattern: string): string {
  return pattern.replace(/(?:\*+|\?|\[[^[\]]{0,64}\])+/g, HOLE);
}

function bound(text: string): string {
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
}

/** parts.join(separator), stopped at MAX_TEXT: the whole is never built (600 copies of a 1 MB constant would not fit in a string). */
function boundedJoin(parts: readonly string[], separator = ''): string {
  let out = '';
  for (let index = 0; index < parts.length && out.length < MAX_TEXT; index++)
    out += (index > 0 ? separator : '') + parts[index];
  return bound(out);
}

/** text.replace(pattern, replacer) for a global pattern, stopped at MAX_TEXT. */
function boundedReplace(
  text: string,
  pattern: RegExp,
  replacer: (match: string, ...groups: string[]) => string,
): string {
  const parts: string[] = [];
  let length = 0;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const piece = text.slice(last, match.index) + replacer(match[0], ...match.slice(1));
    parts.push(piece);
    length += piece.length;
    last = match.index + match[0].length;
    if (length >= MAX_TEXT) return boundedJoin(parts);
  }
  parts.push(text.slice(last));
  return boundedJoin(parts);
}

/** Text whose every character is one byte (folded bytes literals are latin-1 text), with no unknown part. */
function isByteText(text: string): boolean {
  for (let index = 0; index < text.length; index++) if (text.charCodeAt(index) > 0xff) return false;
  return true;
}

const isShortPiece = (item: string) => item.length <= 4;

/** Whole lines joined with a newline: each line written out in full where it was made. */
function isLinesJoin(separator: string, items: string[]): boolean {
  return /^\r?\n$/.test(separator) && !items.every(isShortPiece);
}

/** The name a function is called by: a def's, or that of the name a lambda is assigned to (`run = lambda c: ...`). */
function functionName(fn: Node): string | undefined {
  if (fn.type === 'function_definition') return fn.childForFieldName('name')?.text;
  const assignment = fn.parent;
  const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : null;
  return fn.type === 'lambda' && target?.type === 'identifier' ? target.text : undefined;
}
