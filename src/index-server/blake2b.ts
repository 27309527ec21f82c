// BLAKE2b with a chosen digest length (RFC 7693), for the `blake2b_256` digest PyPI's JSON API gives.
// Node's crypto offers only the fixed 512-bit variant, whose output is not a prefix of the 256-bit one.

const IV = [
  0x6a09e667f3bcc908n,
  0xbb67ae8584caa73bn,
  0x3c6ef372fe94f82bn,
  0xa54ff53a5f1d36f1n,
  0x510e527fade682d1n,
  0x9b05688c2b3e6c1fn,
  0x1f83d9abfb41bd6bn,
  0x5be0cd19137e2179n,
];

const SIGMA = [
  [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15],
  [14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3],
  [11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4],
  [7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8],
  [9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13],
  [2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9],
  [12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11],
  [13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10],
  [6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5],
  [10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0],
];

const BLOCK = 128;

function rotr(x: bigint, n: bigint): bigint {
  return (x >> n) | (x << (64n - n));
}

/** Mixes one 128-byte block into the state (BigUint64Array arithmetic wraps modulo 2^64). */
function compress(h: BigUint64Array, block: DataView, counter: bigint, last: boolean): void {
  const m = new BigUint64Array(16);
  for (let i = 0; i < 16; i++) m[i] = block.getBigUint64(i * 8, true);
  const v = new BigUint64Array(16);
  for (let i = 0; i < 8; i++) {
    v[i] = h[i];
    v[i + 8] = IV[i];
  }
  v[12] ^= counter;
  v[13] ^= counter >> 64n;
  if (last) v[14] = ~v[14];
  const mix = (a: number, b: number, c: number, d: number, x: bigint, y: bigint): void => {
    v[a] = v[a] + v[b] + x;
    v[d] = rotr(v[d] ^ v[a], 32n);
    v[c] = v[c] + v[d];
    v[b] = rotr(v[b] ^ v[c], 24n);
    v[a] = v[a] + v[b] + y;
    v[d] = rotr(v[d] ^ v[a], 16n);
    v[c] = v[c] + v[d];
    v[b] = rotr(v[b] ^ v[c], 63n);
  };
  for (let round = 0; round < 12; round++) {
    const s = SIGMA[round % 10];
    mix(0, 4, 8, 12, m[s[0]], m[s[1]]);
    mix(1, 5, 9, 13, m[s[2]], m[s[3]]);
    mix(2, 6, 10, 14, m[s[4]], m[s[5]]);
    mix(3, 7, 11, 15, m[s[6]], m[s[7]]);
    mix(0, 5, 10, 15, m[s[8]], m[s[9]]);
    mix(1, 6, 11, 12, m[s[10]], m[s[11]]);
    mix(2, 7, 8, 13, m[s[12]], m[s[13]]);
    mix(3, 4, 9, 14, m[s[14]], m[s[15]]);
  }
  for (let i = 0; i < 8; i++) h[i] ^= v[i] ^ v[i + 8];
}

/** Lower-case hex BLAKE2b digest of `data`, `outputBytes` long (1–64; PyPI uses 32). */
export function blake2bHex(data: Uint8Array, outputBytes = 32): string {
  const h = new BigUint64Array(IV);
  h[0] ^= 0x01010000n ^ BigInt(outputBytes);
  const buffer = new Uint8Array(BLOCK);
  const view = new DataView(buffer.buffer);
  let offset = 0;
  while (data.length - offset > BLOCK) {
    buffer.set(data.subarray(offset, offset + BLOCK));
    offset += BLOCK;
    compress(h, view, BigInt(offset), false);
  }
  buffer.fill(0);
  buffer.set(data.subarray(offset));
  compress(h, view, BigInt(data.length), true);
  const out = new Uint8Array(64);
  const outView = new DataView(out.buffer);
  for (let i = 0; i < 8; i++) outView.setBigUint64(i * 8, h[i], true);
  return Buffer.from(out.subarray(0, outputBytes)).toString('hex');
}
