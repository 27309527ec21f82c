// The "open" stage for distribution files: reads a wheel, egg, zip or tar sdist in memory into an OpenedArchive.
// The format comes from the magic bytes; the file name is only a hint, and a mismatch is reported.

import type { ExtractLimits, OpenedArchive } from '../../model/entries.ts';
import { resolveLimits } from './collector.ts';
import { kindFromMagic, kindFromName, type ArchiveKind } from './format.ts';
import { readTar } from './tar.ts';
import { readZip } from './zip.ts';

export { isArchiveName } from './format.ts';

function read(bytes: Uint8Array, kind: ArchiveKind, limits: ExtractLimits): Promise<OpenedArchive> {
  return kind === 'zip' ? readZip(bytes, limits) : readTar(bytes, kind, limits);
}

function unreadable(hinted: ArchiveKind | undefined, fatal: string): OpenedArchive {
  return { format: hinted ?? 'file', entries: [], problems: [], fatal };
}

/**
 * Opens an archive held in memory. Never throws: corrupt, truncated or unsupported input comes back with `fatal` set
 * (and whatever entries were read before the problem); limits stop reading with an `archive-bomb` problem.
 */
export async function openArchive(
  bytes: Uint8Array,
  filename: string,
  limits?: Partial<ExtractLimits>,
): Promise<OpenedArchive> {
  const resolved = resolveLimits(limits);
  const hinted = kindFromName(filename);
  const magic = kindFromMagic(bytes);
  try {
    if (magic === 'unknown') {
      // Old (pre-POSIX) tar headers carry no magic; the strict parser still validates their checksums.
      if (hinted === 'tar' && bytes.length > 0) return await readTar(bytes, 'tar', resolved);
      const what = hinted === undefined ? 'an archive' : `a ${hinted} archive`;
      if (bytes.length === 0) return unreadable(hinted, `empty file, not ${what}`);
      return unreadable(hinted, 'unrecognized format: not zip, gzip, bzip2 or tar data');
    }
    if (magic === 'zstd' || magic === '7z' || magic === 'rar') {
      return unreadable(hinted, `unsupported archive format: ${magic}`);
    }
    const opened = await read(bytes, magic, resolved);
    if (hinted !== undefined && hinted !== magic) {
      // Another compression of the same tar is sloppiness pip reads alike; a zip under a tar name (or the reverse)
      // is a different container dressed as the expected one.
      const otherContainer = (hinted === 'zip') !== (magic === 'zip');
      opened.problems.unshift({
        rule: 'archive-format-mismatch',
        severity: otherContainer ? 'high' : 'medium',
        message: `${filename} is named like a ${hinted} archive but holds ${magic} data${otherContainer ? ': a different kind of archive disguised under the expected name' : ''}`,
      });
    }
    return opened;
  } catch (error) {
    // Readers report their own failures; this is the last guard so nothing escapes the stage.
    return unreadable(hinted, `could not read archive: ${error instanceof Error ? error.message : String(error)}`);
  }
}
