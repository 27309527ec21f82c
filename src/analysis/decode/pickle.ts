// Reads a pickle (protocols 0-5) without running it and writes the Python it amounts to: every global it looks up
// becomes an import and an attribute, every call it makes (REDUCE, INST, OBJ, NEWOBJ) a statement, so the rules
// judge `os.system("...")` in a pickle as they judge it in source. Opcodes and their arguments follow CPython's
// pickletools documentation. Bounded: at most MAX_OPS opcodes, MAX_SOURCE characters of output (containers past
// it or MAX_DEPTH deep are written `...`). A pickle that breaks off (a bad opcode, truncation) gives what was read
// up to there, as Python has run those calls before it fails; bytes whose first opcode does not read give undefined.

const MAX_OPS = 200_000;
const MAX_SOURCE = 1_000_000;
/** Integers longer than this (bytes or digits) are written as 0: their value decides nothing. */
const MAX_INT_BYTES = 64;
/** Nesting rendered in full; deeper containers are written as `...`. */
const MAX_DEPTH = 40;

type Value =
  | { kind: 'expr'; text: string }
  | { kind: 'list'; items: Value[] }
  | { kind: 'dict'; pairs: [Value, Value][] }
  | { kind: 'set'; items: Value[]; frozen: boolean }
  | { kind: 'tuple'; items: Value[] };

const MARK = Symbol('mark');
type Slot = Value | typeof MARK;

export interface Unpickled {
  /** Python statements equivalent to loading the pickle. */
  source: string;
  /** The `module.name` of every callable the pickle calls, in order. */
  calls: string[];
  /** Every `module.name` the pickle looks up, called or handed on (`functools.partial(os.system, ...)`). */
  globals: string[];
  /**
   * False when the reading stopped before STOP (a bad opcode, truncation, the opcode bound): what was read up to
   * there is kept, as Python runs a pickle's calls one by one and fails only when it reaches the bad opcode.
   */
  complete: boolean;
}

const expr = (text: string): Value => ({ kind: 'expr', text });

function pyString(text: string): string {
  return JSON.stringify(text);
}

function pyBytes(bytes: Uint8Array): string {
  let out = "b'";
  for (const byte of bytes) {
    if (byte === 0x5c) out += '\\\\';
    else if (byte === 0x27) out += "\\'";
    else if (byte >= 0x20 && byte < 0x7f) out += String.fromCharCode(byte);
    else out += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `${out}'`;
}

class Malformed extends Error {}

/** Characters left to write: every rendering spends it, so self-referencing containers cannot blow up. */
interface Budget {
  left: number;
}

/** Python source for a value; containers nested deeper than MAX_DEPTH are elided. */
function render(value: Value, budget: Budget, depth = 0): string {
  if (budget.left <= 0) return '...';
  if (value.kind === 'expr') {
    budget.left -= value.text.length;
    return budget.left < 0 ? '...' : value.text;
  }
  budget.left -= 2;
  if (depth >= MAX_DEPTH) return '...';
  const list = (items: Value[]) =>
    items
      .map((item) => {
        budget.left -= 2;
        return render(item, budget, depth + 1);
      })
      .join(', ');
  switch (value.kind) {
    case 'list':
      return `[${list(value.items)}]`;
    case 'tuple':
      return value.items.length === 1 ? `(${list(value.items)},)` : `(${list(value.items)})`;
    case 'set': {
      const inner = list(value.items);
      if (value.frozen) return inner === '' ? 'frozenset()' : `frozenset({${inner}})`;
      return inner === '' ? 'set()' : `{${inner}}`;
    }
    case 'dict':
      return `{${value.pairs.map(([k, v]) => `${render(k, budget, depth + 1)}: ${render(v, budget, depth + 1)}`).join(', ')}}`;
  }
}

class Reader {
  at = 0;
  constructor(readonly bytes: Uint8Array) {}
  byte(): number {
    if (this.at >= this.bytes.length) throw new Malformed();
    return this.bytes[this.at++];
  }
  take(n: number): Uint8Array {
    if (n < 0 || this.at + n > this.bytes.length) throw new Malformed();
    const out = this.bytes.subarray(this.at, this.at + n);
    this.at += n;
    return out;
  }
  uint(n: number): number {
    const b = this.take(n);
    let value = 0;
    for (let i = n - 1; i >= 0; i--) value = value * 256 + b[i];
    return value;
  }
  line(): string {
    const end = this.bytes.indexOf(0x0a, this.at);
    if (end < 0) throw new Malformed();
    const text = Buffer.from(this.bytes.subarray(this.at, end)).toString('latin1');
    this.at = end + 1;
    return text.replace(/\r$/, '');
  }
}

const IDENTIFIER = /^[A-Za-z_][\w.]*$/;

/** A protocol 0 string argument (`'text'` or `"text"` with Python escapes), read as the text it stands for. */
function quotedLine(line: string): string {
  const quote = line[0];
  if ((quote !== "'" && quote !== '"') || line.at(-1) !== quote || line.length < 2) throw new Malformed();
  return line
    .slice(1, -1)
    .replace(/\\(x[0-9a-fA-F]{2}|[0-7]{1,3}|.)/g, (_, esc: string) =>
      esc[0] === 'x'
        ? String.fromCharCode(Number.parseInt(esc.slice(1), 16))
        : /^[0-7]/.test(esc)
          ? String.fromCharCode(Number.parseInt(esc, 8))
          : (({ n: '\n', t: '\t', r: '\r' } as Record<string, string>)[esc] ?? esc),
    );
}

/** raw-unicode-escape text (protocol 0 UNICODE): \uXXXX and \UXXXXXXXX escapes, bytes otherwise latin1. */
function rawUnicode(line: string): string {
  return line.replace(/\\u([0-9a-fA-F]{4})|\\U([0-9a-fA-F]{8})/g, (_, four?: string, eight?: string) =>
    String.fromCodePoint(Number.parseInt((four ?? eight)!, 16)),
  );
}

function utf8(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** The Python a pickle amounts to, or undefined when not even its first opcode reads. */
export function unpickleToPython(bytes: Uint8Array): Unpickled | undefined {
  return translate(new Reader(bytes));
}

function translate(reader: Reader): Unpickled | undefined {
  const stack: Slot[] = [];
  const memo = new Map<number, Value>();
  const imports = new Set<string>();
  const statements: string[] = [];
  const calls: string[] = [];
  const globals = new Set<string>();
  const budget: Budget = { left: MAX_SOURCE };
  let variables = 0;

  const pop = (): Value => {
    const value = stack.pop();
    if (value === undefined || value === MARK) throw new Malformed();
    return value;
  };
  const top = (): Value => {
    const value = stack.at(-1);
    if (value === undefined || value === MARK) throw new Malformed();
    return value;
  };
  const popMark = (): Value[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) throw new Malformed();
    const items = stack.splice(at) as Value[];
    items.shift();
    return items;
  };
  const global = (module: string, name: string): Value => {
    if (!IDENTIFIER.test(module) || !IDENTIFIER.test(name)) throw new Malformed();
    imports.add(module);
    globals.add(`${module}.${name}`);
    return expr(`${module}.${name}`);
  };
  /** A call becomes a statement assigning a fresh variable, so its side effect is kept in order. */
  const call = (callable: Value, args: Value[], suffix = ''): Value => {
    const callee = render(callable, budget);
    if ([...imports].some((module) => callee.startsWith(`${module}.`))) calls.push(callee);
    statement(`_v${++variables} = ${callee}${suffix}(${args.map((arg) => render(arg, budget)).join(', ')})`);
    return expr(`_v${variables}`);
  };
  // a constant longer than the whole output budget could never be written out: Ellipsis stands for it
  const string = (text: string) => expr(text.length > MAX_SOURCE ? '...' : pyString(text));
  /** A string opcode's text, decoded only when it can be written out. */
  const textOf = (b: Uint8Array, encoding: 'utf8' | 'latin1') =>
    b.length > MAX_SOURCE ? expr('...') : string(encoding === 'utf8' ? utf8(b) : Buffer.from(b).toString('latin1'));
  const bytesValue = (b: Uint8Array) => expr(b.length > MAX_SOURCE ? '...' : pyBytes(b));
  const int = (n: number | bigint) => expr(String(n));
  const signed = (b: Uint8Array) => {
    if (b.length > MAX_INT_BYTES) return expr('0');
    let value = 0n;
    for (let i = b.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(b[i]);
    if (b.length > 0 && b[b.length - 1] & 0x80) value -= 1n << BigInt(8 * b.length);
    return int(value);
  };
  /** A protocol 0 integer; one too long to matter is written as 0 (BigInt of it would cost quadratic time). */
  const decimal = (line: string) => {
    if (!/^[-+]?\d+$/.test(line)) throw new Malformed();
    return line.length > MAX_INT_BYTES ? expr('0') : int(BigInt(line));
  };
  /** Statements stop being written once the output budget is spent; the opcodes are still read for their globals. */
  const statement = (line: string) => {
    if (budget.left > 0) statements.push(line);
  };
  /** APPEND(S) on a list the pickle built, or on any object (its append method is called). */
  const append = (added: Value[]) => {
    const target = top();
    if (target.kind === 'list') target.items.push(...added);
    else for (const item of added) statement(`${render(target, budget)}.append(${render(item, budget)})`);
  };
  /** SETITEM(S) on a dict the pickle built, or on any object (its __setitem__ is called). */
  const setItems = (pairs: [Value, Value][]) => {
    const target = top();
    if (target.kind === 'dict') target.pairs.push(...pairs);
    else
      for (const [key, value] of pairs)
        statement(`${render(target, budget)}[${render(key, budget)}] = ${render(value, budget)}`);
  };
  const items = (value: Value): Value[] => {
    if (value.kind === 'tuple' || value.kind === 'list') return value.items;
    throw new Malformed();
  };

  const finish = (result?: Value): Unpickled => {
    const header = [...imports].sort().map((module) => `import ${module}`);
    const last = result ? [`_result = ${render(result, budget)}`] : [];
    return {
      source: [...header, ...statements, ...last, ''].join('\n'),
      calls,
      globals: [...globals],
      complete: result !== undefined,
    };
  };

  let ops = 0;
  try {
    for (; ops < MAX_OPS; ops++) {
      const op = String.fromCharCode(reader.byte());
      switch (op) {
        case '\x80': // PROTO
          reader.byte();
          break;
        case '\x95': // FRAME
          reader.take(8);
          break;
        case '.':
          // STOP
          return finish(pop());
        case 'N':
          stack.push(expr('None'));
          break;
        case '\x88':
          stack.push(expr('True'));
          break;
        case '\x89':
          stack.push(expr('False'));
          break;
        case 'I': {
          const line = reader.line();
          stack.push(line === '01' ? expr('True') : line === '00' ? expr('False') : decimal(line));
          break;
        }
        case 'L':
          stack.push(decimal(reader.line().replace(/L$/, '')));
          break;
        case 'J':
          stack.push(signed(reader.take(4)));
          break;
        case 'K':
          stack.push(int(reader.byte()));
          break;
        case 'M':
          stack.push(int(reader.uint(2)));
          break;
        case '\x8a':
          stack.push(signed(reader.take(reader.byte())));
          break;
        case '\x8b':
          stack.push(signed(reader.take(reader.uint(4))));
          break;
        case 'F':
          stack.push(expr(String(Number.parseFloat(reader.line()))));
          break;
        case 'G':
          stack.push(expr(String(Buffer.from(reader.take(8)).readDoubleBE(0))));
          break;
        case 'S':
          stack.push(string(quotedLine(reader.line())));
          break;
        case 'T':
          stack.push(textOf(reader.take(reader.uint(4)), 'latin1'));
          break;
        case 'U':
          stack.push(textOf(reader.take(reader.byte()), 'latin1'));
          break;
        case 'V':
          stack.push(string(rawUnicode(reader.line())));
          break;
        case 'X':
          stack.push(textOf(reader.take(reader.uint(4)), 'utf8'));
          break;
        case '\x8c':
          stack.push(textOf(reader.take(reader.byte()), 'utf8'));
          break;
        case '\x8d':
          stack.push(textOf(reader.take(reader.uint(8)), 'utf8'));
          break;
        case 'B':
          stack.push(bytesValue(reader.take(reader.uint(4))));
          break;
        case 'C':
          stack.push(bytesValue(reader.take(reader.byte())));
          break;
        case '\x8e':
        case '\x96':
          stack.push(bytesValue(reader.take(reader.uint(8))));
          break;
        case '(':
          stack.push(MARK);
          break;
        case ')':
          stack.push({ kind: 'tuple', items: [] });
          break;
        case 't':
          stack.push({ kind: 'tuple', items: popMark() });
          break;
        case '\x85':
        case '\x86':
        case '\x87': {
          const n = op.charCodeAt(0) - 0x84;
          const tuple: Value[] = [];
          for (let i = 0; i < n; i++) tuple.unshift(pop());
          stack.push({ kind: 'tuple', items: tuple });
          break;
        }
        case ']':
          stack.push({ kind: 'list', items: [] });
          break;
        case 'l':
          stack.push({ kind: 'list', items: popMark() });
          break;
        case 'a':
          append([pop()]);
          break;
        case 'e':
          append(popMark());
          break;
        case '}':
          stack.push({ kind: 'dict', pairs: [] });
          break;
        case 'd':
        case 'u': {
          const flat = popMark();
          if (flat.length % 2 !== 0) throw new Malformed();
          const pairs: [Value, Value][] = [];
          for (let i = 0; i < flat.length; i += 2) pairs.push([flat[i], flat[i + 1]]);
          if (op === 'd') stack.push({ kind: 'dict', pairs });
          else setItems(pairs);
          break;
        }
        case 's': {
          const value = pop();
          setItems([[pop(), value]]);
          break;
        }
        case '\x8f':
          stack.push({ kind: 'set', items: [], frozen: false });
          break;
        case '\x90': {
          const added = popMark();
          const set = top();
          if (set.kind === 'set') set.items.push(...added);
          else for (const item of added) statement(`${render(set, budget)}.add(${render(item, budget)})`);
          break;
        }
        case '\x91':
          stack.push({ kind: 'set', items: popMark(), frozen: true });
          break;
        case '0':
          pop();
          break;
        case '1':
          popMark();
          break;
        case '2':
          stack.push(top());
          break;
        case 'p':
          memo.set(Number(reader.line()), top());
          break;
        case 'q':
          memo.set(reader.byte(), top());
          break;
        case 'r':
          memo.set(reader.uint(4), top());
          break;
        case '\x94':
          memo.set(memo.size, top());
          break;
        case 'g':
        case 'h':
        case 'j': {
          const key = op === 'g' ? Number(reader.line()) : op === 'h' ? reader.byte() : reader.uint(4);
          const value = memo.get(key);
          if (value === undefined) throw new Malformed();
          stack.push(value);
          break;
        }
        case 'c': {
          const module = reader.line();
          stack.push(global(module, reader.line()));
          break;
        }
        case '\x93': {
          const name = pop();
          const module = pop();
          if (name.kind !== 'expr' || module.kind !== 'expr') throw new Malformed();
          stack.push(global(JSON.parse(module.text) as string, JSON.parse(name.text) as string));
          break;
        }
        case 'R': {
          const args = pop();
          stack.push(call(pop(), items(args)));
          break;
        }
        case 'i': {
          const module = reader.line();
          const callable = global(module, reader.line());
          stack.push(call(callable, popMark()));
          break;
        }
        case 'o': {
          const [callable, ...args] = popMark();
          if (!callable) throw new Malformed();
          stack.push(call(callable, args));
          break;
        }
        case '\x81': {
          const args = pop();
          stack.push(call(pop(), items(args), '.__new__'));
          break;
        }
        case '\x92': {
          const kwargs = pop();
          const args = pop();
          stack.push(call(pop(), [...items(args), kwargs], '.__new__'));
          break;
        }
        case 'b': {
          // BUILD: obj.__setstate__(state), or its __dict__ updated
          const state = pop();
          call(expr(`${render(top(), budget)}.__setstate__`), [state]);
          break;
        }
        case 'P':
          reader.line();
          stack.push(expr('_persistent_load()'));
          break;
        case 'Q':
          pop();
          stack.push(expr('_persistent_load()'));
          break;
        case '\x82':
          reader.byte();
          stack.push(expr('_extension()'));
          break;
        case '\x83':
          reader.take(2);
          stack.push(expr('_extension()'));
          break;
        case '\x84':
          reader.take(4);
          stack.push(expr('_extension()'));
          break;
        case '\x97':
          stack.push(expr('_next_buffer()'));
          break;
        case '\x98':
          break;
        default:
          throw new Malformed();
      }
    }
  } catch {
    // a bad opcode, truncation, or a number or name the opcodes do not allow: Python stops there too
  }
  return ops === 0 ? undefined : finish();
}
