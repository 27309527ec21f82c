// Payload decoders used by the analysis engine: decode constant payloads (base64, zlib, Fernet, ...) within bounds.

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
