// BLAKE2b-256 (PyPI's blake2b_256 digest) against values from Python's hashlib.blake2b(digest_size=32).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { blake2bHex } from '../../src/index-server/blake2b.ts';

const pattern = (n: number): Uint8Array => new Uint8Array(n).map((_, i) => (i * 7 + 3) & 255);

test('matches hashlib for empty, short, exactly-one-block and multi-block inputs', () => {
  assert.equal(blake2bHex(new Uint8Array()), '0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8');
  assert.equal(
    blake2bHex(new TextEncoder().encode('abc')),
    'bddd813c634239723171ef3fee98579b94964e3bb1cb3e427262c8c068d52319',
  );
  assert.equal(blake2bHex(pattern(128)), 'f0501d06597880592bc49234eef100ec1ff349058d0e9d9b753504e24af86dd6');
  assert.equal(blake2bHex(pattern(129)), 'a34a4e1e03c541dfbf3099c4b6c143c022ced65c28bd7e8a10e0a098461aecf0');
  assert.equal(blake2bHex(pattern(1000)), 'd62b6c768ce1afc8367e0498ab2f8e3f7c178c35b1429f14c4604b545d200f52');
});
