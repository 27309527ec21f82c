// Recognises native executables and libraries by their magic bytes: ELF, PE (MZ stub + PE header) and Mach-O (incl. fat).

export type BinaryKind = 'elf' | 'pe' | 'macho';

function u32be(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
}

function u32le(bytes: Uint8Array, offset: number): number {
  return (bytes[offset] | (bytes[offset + 1] << 8) | (bytes[offset + 2] << 16) | (bytes[offset + 3] << 24)) >>> 0;
}

const MACHO_MAGICS = new Set([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe]);
const FAT_MAGICS = new Set([0xcafebabe, 0xcafebabf]);
/** A fat Mach-O header counts its architectures; a Java class file shares the magic but has its version (≥ 45) there. */
const MAX_FAT_ARCHS = 30;

/** Whether classifyBinary would read past `head`, a member's first bytes: a PE header that starts beyond them. */
export function peHeaderPast(head: Uint8Array): boolean {
  return head.length >= 0x40 && head[0] === 0x4d && head[1] === 0x5a && u32le(head, 0x3c) + 4 > head.length;
}

/** The native format of the bytes, or null when they are not a native binary. */
export function classifyBinary(bytes: Uint8Array): BinaryKind | null {
  if (bytes.length < 8) return null;
  if (bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) return 'elf';
  const magic = u32be(bytes, 0);
  if (MACHO_MAGICS.has(magic)) return 'macho';
  if (FAT_MAGICS.has(magic)) {
    const archs = u32be(bytes, 4);
    return archs > 0 && archs < MAX_FAT_ARCHS ? 'macho' : null;
  }
  if (bytes[0] === 0x4d && bytes[1] === 0x5a && bytes.length >= 0x40) {
    const peOffset = u32le(bytes, 0x3c);
    if (peOffset + 4 <= bytes.length && u32be(bytes, peOffset) === 0x50450000) return 'pe';
  }
  return null;
}
