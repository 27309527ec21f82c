// A Buffer's memory as a plain Uint8Array, without copying it (`new Uint8Array(buffer)` would copy: a downloaded
// archive would then briefly take twice its size, and the copy's garbage waits for a full collection).

export function plainBytes(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}
