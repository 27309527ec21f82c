// Fernet (cryptography.fernet) with a key found in the same file: HMAC-SHA256 verified, then AES-128-CBC decrypted.
// Spec: token = base64url(0x80 | timestamp(8) | iv(16) | ciphertext | hmac(32)); key = base64url(signing(16) | encryption(16)).

import { createDecipheriv, createHmac, timingSafeEqual } from 'node:crypto';
import { decodeBase64 } from './text-codecs.ts';
import { LayerError } from './types.ts';

function urlsafe(text: string, what: string): Uint8Array {
  try {
    return decodeBase64(text.replace(/\+/g, '-').replace(/\//g, '_'), true);
  } catch {
    throw new LayerError(`not a Fernet ${what}: not urlsafe base64`);
  }
}

export function decryptFernet(token: string | Uint8Array, key: string | Uint8Array): Uint8Array {
  const keyBytes = urlsafe(typeof key === 'string' ? key : Buffer.from(key).toString('latin1'), 'key');
  if (keyBytes.length !== 32) throw new LayerError('not a Fernet key: must decode to 32 bytes');
  const raw = urlsafe(typeof token === 'string' ? token : Buffer.from(token).toString('latin1'), 'token');
  if (raw.length < 1 + 8 + 16 + 16 + 32 || raw[0] !== 0x80)
    throw new LayerError('not a Fernet token: bad version or length');
  const signed = raw.subarray(0, raw.length - 32);
  const mac = raw.subarray(raw.length - 32);
  const expected = createHmac('sha256', keyBytes.subarray(0, 16)).update(signed).digest();
  if (!timingSafeEqual(expected, mac)) throw new LayerError('Fernet token does not verify with this key');
  const iv = raw.subarray(9, 25);
  const ciphertext = raw.subarray(25, raw.length - 32);
  if (ciphertext.length % 16 !== 0) throw new LayerError('not a Fernet token: ciphertext is not whole blocks');
  try {
    const decipher = createDecipheriv('aes-128-cbc', keyBytes.subarray(16), iv);
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  } catch {
    throw new LayerError('Fernet token has bad padding');
  }
}
