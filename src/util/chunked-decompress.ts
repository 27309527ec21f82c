// Streams compressed bytes out as chunks of at most 64 KiB, so a caller can count and stop before memory grows.
// The sink may throw (e.g. StopReading) to end decompression early; that error propagates unchanged.

import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import Bunzip from 'seek-bzip';

const { XzReadableStream } = createRequire(import.meta.url)('xz-decompress') as typeof import('xz-decompress');

export type ChunkSink = (chunk: Buffer) => void;

const SLICE_BYTES = 64 * 1024;

/** A decompressor's own complaint about its input (truncated, corrupt): becomes a `fatal` message. */
export class CorruptStream extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CorruptStream';
  }
}

export function toBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Hands `bytes` to the sink unchanged, in slices. */
export function feedPlain(bytes: Uint8Array, sink: ChunkSink): void {
  const buffer = toBuffer(bytes);
  for (let offset = 0; offset < buffer.length; offset += SLICE_BYTES) {
    sink(buffer.subarray(offset, offset + SLICE_BYTES));
  }
}

function* slices(buffer: Buffer): Generator<Buffer> {
  for (let offset = 0; offset < buffer.length; offset += SLICE_BYTES)
    yield buffer.subarray(offset, offset + SLICE_BYTES);
}

/** Inflates gzip data (one or more members) into the sink. */
export async function feedGunzip(bytes: Uint8Array, sink: ChunkSink): Promise<void> {
  let sinkError: unknown;
  try {
    await pipeline(
      Readable.from(slices(toBuffer(bytes))),
      zlib.createGunzip({ chunkSize: SLICE_BYTES }),
      async (source) => {
        for await (const chunk of source as AsyncIterable<Buffer>) {
          try {
            sink(chunk);
          } catch (error) {
            sinkError = error;
            throw error;
          }
        }
      },
    );
  } catch (error) {
    if (sinkError !== undefined) throw sinkError;
    throw new CorruptStream(`corrupt gzip: ${zlibMessage(error)}`);
  }
}

function zlibMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message === 'unexpected end of file' ? 'unexpected end of data (truncated)' : message;
}

/** Thrown by the input stream when the decoder reads past the end. */
class EndOfInput extends Error {}

/** Decodes bzip2 data (one or more streams) into the sink, synchronously. */
export function feedBunzip(bytes: Uint8Array, sink: ChunkSink): void {
  let position = 0;
  const input = new Bunzip.Stream();
  input.readByte = () => {
    if (position >= bytes.length) throw new EndOfInput();
    return bytes[position++];
  };
  input.eof = () => position >= bytes.length;

  let chunk = Buffer.allocUnsafe(SLICE_BYTES);
  let used = 0;
  const output = {
    writeByte(byte: number): void {
      chunk[used++] = byte;
      if (used === SLICE_BYTES) {
        const full = chunk;
        chunk = Buffer.allocUnsafe(SLICE_BYTES);
        used = 0;
        sink(full);
      }
    },
  };

  try {
    Bunzip.decode(input as Parameters<typeof Bunzip.decode>[0], output, true);
  } catch (error) {
    if (error instanceof EndOfInput) throw new CorruptStream('corrupt bzip2: unexpected end of data (truncated)');
    // seek-bzip reports corrupt data with TypeError; anything else came from the sink.
    if (error instanceof TypeError) throw new CorruptStream(`corrupt bzip2: ${error.message.toLowerCase()}`);
    throw error;
  }
  if (used > 0) sink(chunk.subarray(0, used));
}

/** Decodes xz data (tar.xz sdists, which pip reads) into the sink, in slices; a truncated stream is CorruptStream. */
export async function feedUnxz(bytes: Uint8Array, sink: ChunkSink): Promise<void> {
  const source = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
  const reader = new XzReadableStream(source).getReader();
  let idle = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      throw new CorruptStream(`corrupt xz: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (chunk.done) return;
    // xz-embedded keeps asking for input it will never get on a truncated stream
    idle = chunk.value.length === 0 ? idle + 1 : 0;
    if (idle > 64) {
      await reader.cancel();
      throw new CorruptStream('corrupt xz: unexpected end of data (truncated)');
    }
    try {
      for (const slice of slices(toBuffer(chunk.value))) sink(slice);
    } catch (error) {
      await reader.cancel();
      throw error;
    }
  }
}
