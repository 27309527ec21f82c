// Type declarations for the parts of seek-bzip@2 (a pure-JS bzip2 decoder, no types published) that we use.

declare module 'seek-bzip' {
  class Stream {
    readByte(): number;
    read(buffer: Uint8Array, offset: number, length: number): number;
    writeByte(byte: number): void;
    eof?(): boolean;
  }
  interface ByteSource {
    readByte(): number;
    read(buffer: Uint8Array, offset: number, length: number): number;
    eof(): boolean;
  }
  interface ByteSink {
    writeByte(byte: number): void;
  }
  const Bunzip: {
    /** Decodes synchronously from `input` into `output`; throws TypeError on corrupt data. */
    decode(input: ByteSource, output: ByteSink, multistream?: boolean): void;
    Stream: typeof Stream;
  };
  export default Bunzip;
}
