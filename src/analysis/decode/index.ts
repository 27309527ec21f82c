// The payload decoders: what decode-calls.ts (the analysis engine) and the tests use to decode constant payloads
// (base64, zlib, bz2, xz, Fernet, ...) within bounds.

export { decodeChain, decodeLayer } from './chain.ts';
export { looksEncoded, looksLikeMarshal, looksLikePython } from './detect.ts';
export { isDecodeFailure, type DecodeFailure, type DecodeStep, type Decoded } from './types.ts';
