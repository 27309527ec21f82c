// Shared types and limits of the payload decoders: what a layer is called, what a decoded payload looks like, and the bounds.

/** One decoding step, named as Python spells the operation (base64.b64decode → 'base64', zlib.decompress → 'zlib'). */
export const DECODE_KINDS = [
  'base64',
  'base64url',
  'base32',
  'base16',
  'base85',
  'ascii85',
  'hex',
  'zlib',
  'gzip',
  'bz2',
  'lzma',
  'rot13',
  'reverse',
  'byte-list',
  'fernet',
  'powershell',
] as const;
export type DecodeKind = (typeof DECODE_KINDS)[number];

/** A planned step: a kind, or Fernet with the literal key found next to the token. */
export type DecodeStep = DecodeKind | { kind: 'fernet'; key: string };

/** What a layer accepts: text (a str literal), bytes (a bytes literal or a previous layer), or ints (a chr()/bytes([...]) list). */
export type DecodeInput = Uint8Array | string | readonly number[];

export interface DecodeLimits {
  /** Largest output of any layer, in bytes. */
  maxOutputBytes: number;
  /** Most layers in one chain. */
  maxDepth: number;
  /** Largest output/input ratio of a decompression layer, judged once the output passes ratioFloorBytes. */
  maxRatio: number;
  ratioFloorBytes: number;
}

export const DEFAULT_DECODE_LIMITS: DecodeLimits = {
  maxOutputBytes: 4 * 1024 * 1024,
  maxDepth: 8,
  maxRatio: 1000,
  ratioFloorBytes: 1024 * 1024,
};

/** A payload decoded at analysis time. */
export interface Decoded {
  /** The layers applied, outermost encoding first: e.g. ['base64', 'zlib', 'marshal']. */
  chain: string[];
  bytes: Uint8Array;
  /** The bytes as text when they are valid UTF-8. */
  text?: string;
  isPython: boolean;
  /** The bytes look like marshal.dumps() of a code object (or a .pyc): Python that cannot be read back as source. */
  isMarshal: boolean;
}

/** Why a decoding stopped: bad input, a limit, or an unsupported format. Never thrown: returned. */
export interface DecodeFailure {
  error: string;
  /** The layers that succeeded before the failure. */
  chain: string[];
  /** True when a limit stopped it (a bomb, too deep): itself a sign of hiding. */
  limit?: boolean;
}

export function isDecodeFailure(value: Decoded | DecodeFailure | Uint8Array): value is DecodeFailure {
  return typeof value === 'object' && value !== null && 'error' in value;
}

/** Thrown inside a layer, turned into a DecodeFailure by decodeLayer. */
export class LayerError extends Error {
  constructor(
    message: string,
    readonly limit = false,
  ) {
    super(message);
    this.name = 'LayerError';
  }
}
