// Folds decoder calls on constant data (base64.b64decode("..."), zlib.decompress(...), codecs.decode(s,
// "rot13"), Fernet(key).decrypt(token), bytes.fromhex) into their decoded value, and remembers each
// decoding with its chain so rules can show the payload and rescan it.
import { type AnalysisBudget, newBudget, spendDecoded } from './budget.ts';
import { bunzip2, gunzip, inflateAny } from './decode/payload-decompress.ts';
import { decryptFernet } from './decode/fernet.ts';
import { decodeAscii85, decodeBase32, decodeBase64, decodeBase85, decodeHex, rot13 } from './decode/text-codecs.ts';
import type { Evaluator } from './evaluate.ts';
import { normalizePath } from './facts.ts';
import { callArguments, type Node } from './syntax.ts';

const MAX_OUTPUT = 4 * 1024 * 1024;

type Codec = (input: Uint8Array, text: string) => Uint8Array;

const bytesOf = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));

const CODECS: Record<string, [string, Codec]> = {
  'base64.b64decode': ['base64', (_, text) => decodeBase64(text)],
  'base64.standard_b64decode': ['base64', (_, text) => decodeBase64(text)],
  'base64.decodebytes': ['base64', (_, text) => decodeBase64(text)],
  'base64.decodestring': ['base64', (_, text) => decodeBase64(text)],
  'binascii.a2b_base64': ['base64', (_, text) => decodeBase64(text)],
  'base64.urlsafe_b64decode': ['base64url', (_, text) => decodeBase64(text, true)],
  'base64.b32decode': ['base32', (_, text) => decodeBase32(text)],
  'base64.b16decode': ['hex', (_, text) => decodeHex(text)],
  'base64.b85decode': ['base85', (_, text) => decodeBase85(text)],
  'base64.a85decode': ['ascii85', (_, text) => decodeAscii85(text)],
  'binascii.unhexlify': ['hex', (_, text) => decodeHex(text)],
  'binascii.a2b_hex': ['hex', (_, text) => decodeHex(text)],
  'builtins.bytes.fromhex': ['hex', (_, text) => decodeHex(text)],
  'builtins.bytearray.fromhex': ['hex', (_, text) => decodeHex(text)],
  'zlib.decompress': ['zlib', (input) => inflateAny(input, MAX_OUTPUT)],
  'gzip.decompress': ['gzip', (input) => gunzip(input, MAX_OUTPUT)],
  'bz2.decompress': ['bz2', (input) => bunzip2(input, MAX_OUTPUT)],
};

const CODECS_DECODE: Record<string, [string, Codec]> = {
  rot13: ['rot13', (_, text) => bytesOf(rot13(text))],
  rot_13: ['rot13', (_, text) => bytesOf(rot13(text))],
  base64: ['base64', (_, text) => decodeBase64(text)],
  hex: ['hex', (_, text) => decodeHex(text)],
  zlib: ['zlib', (input) => inflateAny(input, MAX_OUTPUT)],
  bz2: ['bz2', (input) => bunzip2(input, MAX_OUTPUT)],
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

  /** The evaluator's decode hook. */
  readonly hook = (path: string, input: string, call: Node): string | undefined => {
    const normalized = normalizePath(path);
    const codec = CODECS[normalized] ?? this.codecsDecode(normalized, call) ?? this.fernet(normalized, call);
    if (!codec) return undefined;
    const [name, decode] = codec;
    try {
      const output = decode(bytesOf(input), input);
      if (output.length === 0 || output.length > MAX_OUTPUT) return undefined;
      if (!spendDecoded(this.budget, output.length)) {
        this.budgetSpent = true;
        return undefined;
      }
      const value = Buffer.from(output).toString('latin1');
      const previous = this.chains.get(input);
      if (previous) this.consumed.add(input);
      const chain = [...(previous ?? []), name];
      this.chains.set(value, chain);
      this.decodings.push({ call, chain, value });
      return value;
    } catch {
      return undefined;
    }
  };

  /** True when a decoded value was itself decoded again (it is an inner layer). */
  wasDecodedFurther(value: string): boolean {
    return this.consumed.has(value);
  }

  /** The decoding chain that produced a value, if it came from a decoder. */
  chainOf(value: string): string[] | undefined {
    return this.chains.get(value);
  }

  private codecsDecode(path: string, call: Node): [string, Codec] | undefined {
    if (path !== 'codecs.decode' || !this.evaluator) return undefined;
    const encoding = callArguments(call).positional[1];
    const name = encoding ? this.evaluator.text(encoding)?.toLowerCase().replace(/-/g, '_') : undefined;
    return name ? CODECS_DECODE[name] : undefined;
  }

  /** Fernet(key).decrypt(token), the key being a constant of the same file. */
  private fernet(path: string, call: Node): [string, Codec] | undefined {
    if (!/(^|\.)Fernet\(\)\.decrypt$/.test(path) || !this.evaluator) return undefined;
    const receiver = call.childForFieldName('function')?.childForFieldName('object');
    const constructor = receiver ? this.constructorCall(receiver) : undefined;
    const keyNode = constructor ? callArguments(constructor).positional[0] : undefined;
    const key = keyNode ? this.evaluator.text(keyNode) : undefined;
    if (!key) return undefined;
    return ['fernet', (_, text) => decryptFernet(text, key)];
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
