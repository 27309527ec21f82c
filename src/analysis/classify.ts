// Says what kind of file an archive member is, by name and by its first bytes.
import type { FileKind } from '../model/result.ts';

const SCRIPT_EXTENSIONS = /\.(sh|bash|zsh|bat|cmd|ps1|psm1|js|mjs|vbs|vbe|wsf|hta|applescript)$/i;
const NATIVE_EXTENSIONS = /\.(so(\.\d+)*|pyd|dll|exe|dylib|bin)$/i;
const METADATA_FILES = /(^|\/)(METADATA|PKG-INFO|RECORD|WHEEL|INSTALLER|REQUESTED|entry_points\.txt|top_level\.txt|requires\.txt|SOURCES\.txt|dependency_links\.txt|namespace_packages\.txt|not-zip-safe|zip-safe|direct_url\.json)$/;

export function isNativeBinary(bytes: Uint8Array | undefined): boolean {
  if (!bytes || bytes.length < 4) return false;
  const [a, b, c, d] = bytes;
  if (a === 0x7f && b === 0x45 && c === 0x4c && d === 0x46) return true; // ELF
  if (a === 0x4d && b === 0x5a) return true; // MZ (PE)
  const magic = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  return [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic);
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  if (sample.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.length < bytes.length ? sample.subarray(0, sample.length - 4) : sample);
    return true;
  } catch {
    return false;
  }
}

export function classifyMember(path: string, bytes: Uint8Array | undefined): FileKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.py') || lower.endsWith('.pyw')) return 'python';
  if (lower.endsWith('.pth')) return 'pth';
  if (lower.endsWith('.pyc') || lower.endsWith('.pyo')) return 'bytecode';
  if (/(^|\/)(setup\.cfg|pyproject\.toml)$/.test(path)) return 'build-config';
  if (METADATA_FILES.test(path) || /\.(dist|egg)-info\//.test(path)) return 'metadata';
  if (isNativeBinary(bytes) || (NATIVE_EXTENSIONS.test(lower) && !bytes)) return 'native-binary';
  if (SCRIPT_EXTENSIONS.test(lower)) return 'script';
  if (bytes && looksLikeText(bytes)) {
    // scripts installed without an extension (wheel .data/scripts) with a Python shebang
    if (/^#![^\n]*python/.test(Buffer.from(bytes.subarray(0, 128)).toString('latin1'))) return 'python';
    return 'text';
  }
  return bytes ? 'binary' : 'text';
}
