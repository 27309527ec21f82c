// Says what kind of file an archive member is, by name and by its first bytes.
import { type ArchiveEntry, HEAD_BYTES } from '../model/entries.ts';
import type { FileKind, Severity } from '../model/result.ts';
import { classifyBinary, peHeaderPast } from './package-checks/binary.ts';

/** Script files by extension, with what they are and how surprising one is inside a Python package. */
export const SCRIPT_FILES: Readonly<Record<string, { severity: Severity; what: string }>> = {
  '.sh': { severity: 'info', what: 'shell script' },
  '.bash': { severity: 'info', what: 'shell script' },
  '.zsh': { severity: 'info', what: 'shell script' },
  '.command': { severity: 'low', what: 'macOS shell script' },
  '.applescript': { severity: 'low', what: 'AppleScript' },
  '.bat': { severity: 'low', what: 'batch file' },
  '.cmd': { severity: 'low', what: 'batch file' },
  '.ps1': { severity: 'low', what: 'PowerShell script' },
  '.psm1': { severity: 'low', what: 'PowerShell module' },
  '.vbs': { severity: 'low', what: 'VBScript' },
  '.vbe': { severity: 'medium', what: 'encoded VBScript' },
  '.jse': { severity: 'medium', what: 'encoded JScript' },
  '.wsf': { severity: 'low', what: 'Windows Script File' },
  '.hta': { severity: 'medium', what: 'HTML application' },
  '.js': { severity: 'info', what: 'JavaScript file' },
  '.mjs': { severity: 'info', what: 'JavaScript module' },
};

/** A member's extension, lower case with its dot (`.ps1`), or '' when it has none. */
export function extensionOf(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot).toLowerCase() : '';
}

const NATIVE_EXTENSIONS = /\.(so(\.\d+)*|pyd|dll|exe|dylib|bin)$/i;
const METADATA_FILES =
  /(^|\/)(METADATA|PKG-INFO|RECORD|WHEEL|INSTALLER|REQUESTED|entry_points\.txt|top_level\.txt|requires\.txt|SOURCES\.txt|dependency_links\.txt|namespace_packages\.txt|not-zip-safe|zip-safe|direct_url\.json)$/;

/** Judged on the first HEAD_BYTES (a member's `head` holds them); `size`: the member's, of which `bytes` may be the head. */
function looksLikeText(bytes: Uint8Array, size: number): boolean {
  const sample = bytes.subarray(0, HEAD_BYTES);
  if (sample.includes(0)) return false;
  try {
    // a longer member's sample may end inside a character
    new TextDecoder('utf-8', { fatal: true }).decode(
      sample.length < size ? sample.subarray(0, sample.length - 4) : sample,
    );
    return true;
  } catch {
    return false;
  }
}

/** `bytes`: the member's, or its first bytes when `size` (the member's) says more. */
export function classifyMember(path: string, bytes: Uint8Array | undefined, size = bytes?.length ?? 0): FileKind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.py') || lower.endsWith('.pyw')) return 'python';
  if (lower.endsWith('.pth')) return 'pth';
  if (lower.endsWith('.pyc') || lower.endsWith('.pyo')) return 'bytecode';
  if (/(^|\/)(setup\.cfg|pyproject\.toml)$/.test(path)) return 'build-config';
  if (METADATA_FILES.test(path) || /\.(dist|egg)-info\//.test(path)) return 'metadata';
  if ((bytes && classifyBinary(bytes) !== null) || (NATIVE_EXTENSIONS.test(lower) && !bytes)) return 'native-binary';
  if (SCRIPT_FILES[extensionOf(lower)] !== undefined) return 'script';
  if (bytes && looksLikeText(bytes, size)) {
    // scripts installed without an extension (wheel .data/scripts) with a Python shebang
    if (/^#![^\n]*python/.test(Buffer.from(bytes.subarray(0, 128)).toString('latin1'))) return 'python';
    return 'text';
  }
  return bytes ? 'binary' : 'text';
}

/**
 * The bytes to classify a member by: its `head` when that tells as much as its bytes (a large zip's member is not
 * inflated again), else its bytes.
 */
export function classifyingBytes(entry: ArchiveEntry): Uint8Array | undefined {
  return entry.head && !peHeaderPast(entry.head) ? entry.head : entry.data;
}

/** classifyMember of an archive member, by its head when that is enough. */
export function classifyEntry(entry: ArchiveEntry): FileKind {
  const bytes = classifyingBytes(entry);
  return classifyMember(entry.path, bytes, bytes !== undefined && bytes === entry.head ? entry.size : bytes?.length);
}
