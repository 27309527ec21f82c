// Finds a distribution's own core metadata in its opened archive: a wheel's `*.dist-info/METADATA`, an sdist's
// `{name}-{version}/PKG-INFO`; keeps the exact bytes (served as the PEP 658 file) and their parsed form.

import { createHash } from 'node:crypto';
import type { OpenedArchive } from '../model/entries.ts';
import { parseMetadata, type CoreMetadata } from '../pypi/metadata.ts';
import { compareVersions } from '../pypi/version.ts';

export interface CoreMetadataView extends CoreMetadata {
  /** The file's exact bytes. */
  bytes: Uint8Array;
  /** sha256 (hex) of `bytes`, for `core-metadata` / `data-dist-info-metadata`. */
  sha256: string;
  /** Metadata-Version 2.2 or later: fields not marked Dynamic are reliable (PEP 643). */
  metadataVersionAtLeast22: boolean;
}

const WHEEL_METADATA = /^[^/]+\.dist-info\/METADATA$/;
const SDIST_PKG_INFO = /^[^/]+\/PKG-INFO$/;

/** The archive's own METADATA (wheel) or top-level PKG-INFO (sdist); undefined when absent or unreadable. */
export function readCoreMetadata(opened: OpenedArchive, kind: 'wheel' | 'sdist'): CoreMetadataView | undefined {
  const pattern = kind === 'wheel' ? WHEEL_METADATA : SDIST_PKG_INFO;
  const entry = opened.entries.find((e) => e.type === 'file' && e.data !== undefined && pattern.test(e.path));
  if (!entry?.data) return undefined;
  const parsed = parseMetadata(new TextDecoder().decode(entry.data));
  if (parsed.name === '' || parsed.version === '') return undefined;
  return {
    ...parsed,
    bytes: entry.data,
    sha256: createHash('sha256').update(entry.data).digest('hex'),
    metadataVersionAtLeast22: compareVersions(parsed.metadataVersion ?? '1.0', '2.2') >= 0,
  };
}
