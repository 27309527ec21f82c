// The payload decoders: what decode-calls.ts (the analysis engine) and the tests use to decode constant payloads
// (base64, zlib, bz2, xz, Fernet, ...) within bounds.

export { decodeChain, decodeLayer, type DecodeOptions } from './chain.ts';
export { looksEncoded, looksLikeMarshal, looksLikePython, preview, sniffCompression, MIN_BLOB_LENGTH, type EncodedKind } from './detect.ts';
export {
  DECODE_KINDS,
  DEFAULT_DECODE_LIMITS,
  isDecodeFailure,
  type DecodeFailure,
  type DecodeInput,
  type DecodeKind,
  type DecodeLimits,
  type DecodeStep,
  type Decoded,
} from './types.ts';
