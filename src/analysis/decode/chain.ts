// Applies decoding layers, one named layer (decodeLayer) or a planned/automatic chain (decodeChain), within the limits.
// Never throws for bad input: every problem comes back as a DecodeFailure.

import { bunzip2, gunzip, inflateAny, unxz } from './payload-decompress.ts';
import { asText, looksEncoded, looksLikeMarshal, looksLikePython, sniffCompression } from './detect.ts';
import { decryptFernet } from './fernet.ts';
import {
  decodeAscii85,
  decodeBase32,
  decodeBase64,
  decodeBase85,
  decodeHex,
  decodePowerShell,
  fromCodePoints,
  reverseText,
  rot13,
} from './text-codecs.ts';
import {
  DEFAULT_DECODE_LIMITS,
  LayerError,
  type DecodeFailure,
  type DecodeInput,
  type DecodeKind,
  type DecodeLimits,
  type DecodeStep,
  type Decoded,
} from './types.ts';

export interface DecodeOptions {
  limits?: Partial<DecodeLimits>;
}

function toText(input: DecodeInput): string {
  if (typeof input === 'string') return input;
  if (input instanceof Uint8Array) return asText(input) ?? Buffer.from(input).toString('latin1');
  return Buffer.from(fromCodePoints(input)).toString('utf8');
}

function toBytes(input: DecodeInput): Uint8Array {
  if (input instanceof Uint8Array) return input;
  if (typeof input === 'string') return new Uint8Array(Buffer.from(input, 'latin1'));
  return fromCodePoints(input);
}

function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

function stepKind(step: DecodeStep): DecodeKind {
  return typeof step === 'string' ? step : step.kind;
}

/** The cap of one decompression layer: the output limit, lowered to the ratio limit for small inputs. */
function decompressionCap(inputLength: number, limits: DecodeLimits): number {
  return Math.min(limits.maxOutputBytes, Math.max(limits.ratioFloorBytes, inputLength * limits.maxRatio));
}

function applyStep(step: DecodeStep, input: DecodeInput, limits: DecodeLimits): Uint8Array {
  const kind = stepKind(step);
  const cap = () => decompressionCap(toBytes(input).length, limits);
  switch (kind) {
    case 'base64':
      return decodeBase64(toText(input), /[-_]/.test(toText(input)));
    case 'base64url':
      return decodeBase64(toText(input), true);
    case 'base32':
      return decodeBase32(toText(input));
    case 'base16':
    case 'hex':
      return decodeHex(toText(input));
    case 'base85':
      return decodeBase85(toText(input));
    case 'ascii85':
      return decodeAscii85(toText(input));
    case 'zlib':
      return inflateAny(toBytes(input), cap());
    case 'gzip':
      return gunzip(toBytes(input), cap());
    case 'bz2':
      return bunzip2(toBytes(input), cap());
    case 'lzma':
      return unxz(toBytes(input), cap());
    case 'rot13':
      return utf8(rot13(toText(input)));
    case 'reverse':
      return typeof input === 'string' || !(input instanceof Uint8Array) || asText(input) !== undefined
        ? utf8(reverseText(toText(input)))
        : toBytes(input).slice().reverse();
    case 'byte-list':
      if (typeof input === 'string' || input instanceof Uint8Array)
        throw new LayerError('byte-list needs a list of ints');
      return fromCodePoints(input);
    case 'fernet':
      if (typeof step === 'string') throw new LayerError('fernet needs the key');
      return decryptFernet(toText(input), step.key);
    case 'powershell':
      return decodePowerShell(toText(input));
  }
}

function describe(chain: string[], bytes: Uint8Array): Decoded {
  const text = asText(bytes);
  const isMarshal = text === undefined && looksLikeMarshal(bytes);
  const decoded: Decoded = {
    chain: isMarshal ? [...chain, 'marshal'] : chain,
    bytes,
    isPython: text !== undefined && looksLikePython(text),
    isMarshal,
  };
  if (text !== undefined) decoded.text = text;
  return decoded;
}

function failure(error: unknown, chain: string[]): DecodeFailure {
  if (error instanceof LayerError)
    return error.limit ? { error: error.message, chain, limit: true } : { error: error.message, chain };
  return { error: `decoder failed: ${(error as Error)?.message ?? String(error)}`, chain };
}

function tooLarge(input: DecodeInput, limits: DecodeLimits): boolean {
  return input.length > limits.maxOutputBytes * 2;
}

/** Applies one layer. */
export function decodeLayer(
  step: DecodeStep,
  input: DecodeInput,
  options: DecodeOptions = {},
): Decoded | DecodeFailure {
  const limits = { ...DEFAULT_DECODE_LIMITS, ...options.limits };
  if (tooLarge(input, limits))
    return { error: `input larger than ${limits.maxOutputBytes * 2} bytes`, chain: [], limit: true };
  try {
    const bytes = applyStep(step, input, limits);
    if (bytes.length > limits.maxOutputBytes)
      throw new LayerError(`output exceeds ${limits.maxOutputBytes} bytes`, true);
    return describe([stepKind(step)], bytes);
  } catch (error) {
    return failure(error, []);
  }
}

/** The next layer worth trying on a payload that is not yet Python, or null when nothing applies. */
function nextAutomaticStep(bytes: Uint8Array): DecodeKind | null {
  const compression = sniffCompression(bytes);
  if (compression !== null) return compression;
  const text = asText(bytes)?.trim();
  if (text === undefined || text.length === 0) return null;
  if (/powershell|pwsh/i.test(text) && /\s-e(nc|ncodedcommand|c)?\s/i.test(text)) return 'powershell';
  const encoded = looksEncoded(text);
  if (encoded !== null) return encoded;
  const reversed = reverseText(text);
  if (looksLikePython(reversed) || looksEncoded(reversed) !== null) return 'reverse';
  if (looksLikePython(rot13(text))) return 'rot13';
  return null;
}

/**
 * Decodes a payload: the planned steps first (innermost Python call first, e.g. ['base64', 'zlib'] for
 * zlib.decompress(base64.b64decode(s))), then automatically while the result is compressed or encoded and not yet Python.
 * Without a plan the whole chain is automatic; an int list starts with 'byte-list'.
 */
export function decodeChain(
  input: DecodeInput,
  plan: readonly DecodeStep[] = [],
  options: DecodeOptions = {},
): Decoded | DecodeFailure {
  const limits = { ...DEFAULT_DECODE_LIMITS, ...options.limits };
  if (tooLarge(input, limits))
    return { error: `input larger than ${limits.maxOutputBytes * 2} bytes`, chain: [], limit: true };
  const chain: string[] = [];
  let current: DecodeInput = input;
  const steps: DecodeStep[] = [...plan];
  if (steps.length === 0 && typeof input !== 'string' && !(input instanceof Uint8Array)) steps.push('byte-list');
  for (;;) {
    let step: DecodeStep | null | undefined = steps.shift();
    if (step === undefined) {
      const bytes = toBytes(current);
      const text = asText(bytes);
      const done =
        chain.length > 0 &&
        ((text !== undefined && looksLikePython(text)) || (text === undefined && looksLikeMarshal(bytes)));
      step = done ? null : nextAutomaticStep(bytes);
      if (step === null) break;
    }
    if (chain.length >= limits.maxDepth) {
      return { error: `more than ${limits.maxDepth} layers of encoding`, chain, limit: true };
    }
    try {
      const bytes = applyStep(step, current, limits);
      if (bytes.length > limits.maxOutputBytes)
        throw new LayerError(`output exceeds ${limits.maxOutputBytes} bytes`, true);
      chain.push(stepKind(step));
      current = bytes;
    } catch (error) {
      return failure(error, chain);
    }
  }
  if (chain.length === 0) return { error: 'not an encoded payload', chain };
  return describe(chain, toBytes(current));
}
