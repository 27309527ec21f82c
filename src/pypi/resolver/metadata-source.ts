// The dependencies of one chosen file, from its own metadata, never by running a build: the PEP 658 `.metadata`
// file, else the wheel's METADATA, else the sdist's PKG-INFO (Metadata-Version ≥ 2.2, Requires-Dist not dynamic),
// else the sdist's static pyproject.toml / setup.cfg; otherwise "unknown".

import type { ArchiveEntry, OpenedArchive } from '../../model/entries.ts';
import type { DistFile, PackageIndex } from '../index/types.ts';
import { describeError, UserError } from '../../util/errors.ts';
import { parseMetadata } from '../metadata.ts';
import { compareVersions } from '../version.ts';
import { fromPyproject, fromSetupCfg } from './static-deps.ts';
import type { MetadataSource } from './types.ts';

export interface FileDependencies {
  requiresDist: string[];
  providesExtra: string[];
  requiresPython?: string;
  /** The project name as the metadata spells it. */
  name?: string;
  source: MetadataSource;
  /** Why the dependencies are uncertain or unknown, for the notes. */
  note?: string;
}

export interface MetadataReaders {
  index: PackageIndex;
  fetchFile: (file: DistFile) => Promise<Uint8Array>;
  openArchive: (bytes: Uint8Array, filename: string) => Promise<OpenedArchive>;
}

const decoder = new TextDecoder();

function text(entry: ArchiveEntry | undefined): string | undefined {
  return entry?.data ? decoder.decode(entry.data) : undefined;
}

function fromMetadataText(body: string, source: MetadataSource): FileDependencies {
  const md = parseMetadata(body);
  const deps: FileDependencies = { requiresDist: md.requiresDist, providesExtra: md.providesExtra, source };
  if (md.name) deps.name = md.name;
  if (md.requiresPython) deps.requiresPython = md.requiresPython;
  return deps;
}

/** The `<name>.dist-info/METADATA` at the top of a wheel. */
function wheelMetadata(opened: OpenedArchive): string | undefined {
  return text(opened.entries.find((e) => e.type === 'file' && /^[^/]+\.dist-info\/METADATA$/.test(e.path)));
}

/** A member directly under the sdist's single top folder (`pkg-1.0/PKG-INFO`). */
function sdistMember(opened: OpenedArchive, name: string): string | undefined {
  return text(
    opened.entries.find(
      (e) => e.type === 'file' && e.path.replace(/^\.\//, '').split('/').length === 2 && e.path.endsWith(`/${name}`),
    ),
  );
}

function sdistDependencies(opened: OpenedArchive, filename: string): FileDependencies {
  const pkgInfo = sdistMember(opened, 'PKG-INFO');
  if (pkgInfo) {
    const md = parseMetadata(pkgInfo);
    const dynamic = md.dynamic.map((d) => d.toLowerCase());
    if (md.metadataVersion && compareVersions(md.metadataVersion, '2.2') >= 0 && !dynamic.includes('requires-dist')) {
      return fromMetadataText(pkgInfo, 'sdist-pkg-info');
    }
  }
  const pyproject = sdistMember(opened, 'pyproject.toml');
  const fromToml = pyproject ? fromPyproject(pyproject) : null;
  const setupCfg = fromToml ? null : sdistMember(opened, 'setup.cfg');
  const found = fromToml ?? (setupCfg ? fromSetupCfg(setupCfg) : null);
  if (found) {
    const deps: FileDependencies = {
      requiresDist: found.requiresDist,
      providesExtra: found.providesExtra,
      source: 'sdist-static',
    };
    if (found.requiresPython) deps.requiresPython = found.requiresPython;
    if (found.from === 'setup.cfg' && sdistMember(opened, 'setup.py')) {
      deps.note = `${filename}: dependencies read from setup.cfg; its setup.py could add others that only a build would show`;
    }
    return deps;
  }
  return {
    requiresDist: [],
    providesExtra: [],
    source: 'none',
    note: `${filename}: dependencies unknown without running a build (not run)`,
  };
}

/** Reads the dependencies of `file` from the best source available. */
export async function readFileDependencies(file: DistFile, readers: MetadataReaders): Promise<FileDependencies> {
  if (file.coreMetadata) {
    const body = await readers.index.getCoreMetadata(file);
    if (body !== null) return fromMetadataText(body, 'pep658');
  }
  let bytes: Uint8Array;
  try {
    bytes = await readers.fetchFile(file);
  } catch (error) {
    // A download that fails (404, hash mismatch...) leaves the dependencies unknown; the audit reports the file.
    if (!(error instanceof UserError)) throw error;
    return {
      requiresDist: [],
      providesExtra: [],
      source: 'none',
      note: `${file.filename}: dependencies unknown: ${describeError(error)}`,
    };
  }
  const opened = await readers.openArchive(bytes, file.filename);
  if (file.filename.endsWith('.whl')) {
    const body = wheelMetadata(opened);
    if (body !== undefined) return fromMetadataText(body, 'wheel');
    return {
      requiresDist: [],
      providesExtra: [],
      source: 'none',
      note: `${file.filename}: no readable .dist-info/METADATA; dependencies unknown`,
    };
  }
  return sdistDependencies(opened, file.filename);
}
