// Folds decoder calls on constant data (base64.b64decode("..."), zlib.decompress(...), codecs.decode(s,
// "rot13"), Fernet(key).decrypt(token), bytes.fromhex) into their decoded value, and remembers each
// decoding with its chain so rules can show the payload and rescan it.
import { type AnalysisBudget, newBudget, spendDecoded } from './budget.ts';
import { decodeLayer, type DecodeStep, isDecodeFailure } from './decode/index.ts';
import type { Evaluator } from './evaluate.ts';
import { normalizePath } from './facts.ts';
import { callArguments, type Node } from './syntax.ts';

/** Python's decoding calls, by resolved name, and the decoder layer each one is. */
const DECODER_CALLS: Record<string, DecodeStep> = {
  'base64.b64decode': 'base64',
  'base64.standard_b64decode': 'base64',
  'base64.decodebytes': 'base64',
  'base64.decodestring': 'base64',
  'binascii.a2b_base64': 'base64',
  'base64.urlsafe_b64decode': 'base64url',
  'base64.b32decode': 'base32',
  'base64.b16decode': 'hex',
  'base64.b85decode': 'base85',
  'base64.a85decode': 'ascii85',
  'binascii.unhexlify': 'hex',
  'binascii.a2b_hex': 'hex',
  'builtins.bytes.fromhex': 'hex',
  'builtins.bytearray.fromhex': 'hex',
  'zlib.decompress': 'zlib',
  'gzip.decompress': 'gzip',
  'bz2.decompress': 'bz2',
  'lzma.decompress': 'lzma',
};

/** codecs.decode(data, NAME): the codec names that decode. */
const CODECS_DECODE: Record<string, DecodeStep> = {
  rot13: 'rot13',
  rot_13: 'rot13',
  base64: 'base64',
  hex: 'hex',
  zlib: 'zlib',
  bz2: 'bz2',
};

export interface Decoding {
  call: Node;
  chain: string[];
  /** Decoded bytes as latin1 text (Python bytes) or text. */
  value: string;
}

/** Decoded bytes as Python would show them after .decode(): UTF-8 when valid, latin1 otherwise. */
export function asPythonText(value: string): string {
  const bytes = Buffer.from(value, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return value;
  }
}

export class DecodeRecorder {
  readonly decodings: Decoding[] = [];
  private readonly chains = new Map<string, string[]>();
  private readonly consumed = new Set<string>();
  evaluator?: Evaluator;
  /** Set when the target's decoding budget stopped a decoding: some payload of this file was not decoded. */
  budgetSpent = false;

  constructor(private readonly budget: AnalysisBudget = newBudget()) {}

  /** The evaluator's decode hook: `input` is the argument's folded value (Python bytes as latin1 text). */
  readonly hook = (path: string, input: string, call: Node): string | undefined => {
    const normalized = normalizePath(path);
    const step = DECODER_CALLS[normalized] ?? this.codecsDecode(normalized, call) ?? this.fernet(normalized, call);
    if (!step) return undefined;
    const decoded = decodeLayer(step, input);
    if (isDecodeFailure(decoded) || decoded.bytes.length === 0) return undefined;
    if (!spendDecoded(this.budget, decoded.bytes.length)) {
      this.budgetSpent = true;
      return undefined;
    }
    const value = Buffer.from(decoded.bytes).toString('latin1');
    const previous = this.chains.get(input);
    if (previous) this.consumed.add(input);
    const chain = [...(previous ?? []), typeof step === 'string' ? step : step.kind];
    this.chains.set(value, chain);
    this.decodings.push({ call, chain, value });
    return value;
  };

  /** True when a decoded value was itself decoded again (it is an inner layer). */
  wasDecodedFurther(value: string): boolean {
    return this.consumed.has(value);
  }

  /** The decoding chain that produced a value, if it came from a decoder. */
  chainOf(value: string): string[] | undefined {
    return this.chains.get(value);
  }

  private codecsDecode(path: string, call: Node): DecodeStep | undefined {
    if (path !== 'codecs.decode' || !this.evaluator) return undefined;
    const encoding = callArguments(call).positional[1];
    const name = encoding ? this.evaluator.text(encoding)?.toLowerCase().replace(/-/g, '_') : undefined;
    return name ? CODECS_DECODE[name] : undefined;
  }

  /** Fernet(key).decrypt(token), the key being a constant of the same file. */
  private fernet(path: string, call: Node): DecodeStep | undefined {
    if (!/(^|\.)Fernet\(\)\.decrypt$/.test(path) || !this.evaluator) return undefined;
    const receiver = call.childForFieldName('function')?.childForFieldName('object');
    const constructor = receiver ? this.constructorCall(receiver) : undefined;
    const keyNode = constructor ? callArguments(constructor).positional[0] : undefined;
    const key = keyNode ? this.evaluator.text(keyNode) : undefined;
    if (!key) return undefined;
    return { kind: 'fernet', key };
  }

  private constructorCall(node: Node): Node | undefined {
    if (node.type === 'call') return node;
    if (node.type !== 'identifier' || !this.evaluator) return undefined;
    // follow `f = Fernet(key)` through the file's bindings
    const root = node.tree.rootNode;
    const pattern = new RegExp(`^${node.text}\\s*=\\s*`);
    for (const assignment of root.descendantsOfType('assignment')) {
      if (!assignment || !pattern.test(assignment.text)) continue;
      const right = assignment.childForFieldName('right');
      if (right?.type === 'call') return right;
    }
    return undefined;
  }
}
