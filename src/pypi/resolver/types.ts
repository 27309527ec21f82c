// The resolver's inputs and outputs: what pip would install for a set of requirements on one target environment,
// with who requires whom, and the notes a reviewer needs (unknown dependencies, conflicts explained in words).

import type { Requirement } from '../pep508.ts';
import type { MarkerEnvironment } from '../pep508.ts';
import type { DistFile, PackageIndex, ProjectInfo } from '../index/types.ts';
import type { Tag } from '../tags.ts';
import type { OpenedArchive } from '../../model/entries.ts';

/** Where a distribution's dependencies were read from. */
export type MetadataSource = 'pep658' | 'wheel' | 'sdist-pkg-info' | 'sdist-static' | 'installed' | 'none';

/** pip's --upgrade-strategy, in effect only with -U. */
export type UpgradeStrategy = 'only-if-needed' | 'eager';

export interface RequiredBy {
  /** "<root>" or "<normalized name> <version>" of the requiring distribution. */
  from: string;
  /** The requirement as written, without its marker (`urllib3<3,>=1.21.1`, `black[jupyter]`). */
  requirement: string;
  marker?: string;
}

export interface ResolvedDistribution {
  /** PEP 503 normalized name. */
  name: string;
  /** The name as the chosen file spells it (`PyYAML`). */
  displayName: string;
  version: string;
  file: DistFile;
  requiredBy: RequiredBy[];
  /** Extras requested of this distribution (normalized). */
  extras: string[];
  metadataSource: MetadataSource;
  /** Every file the index lists for this version (for --all-files). */
  releaseFiles: DistFile[];
  projectInfo?: ProjectInfo;
}

export interface ResolvedEdge {
  /** The requiring distribution's normalized name, or "<root>". */
  from: string;
  to: string;
  requirement: string;
  marker?: string;
  extras?: string[];
}

export interface ResolutionOutcome {
  /** What would be installed: chosen from the index (never what is already installed and kept). */
  distributions: ResolvedDistribution[];
  /** Installed distributions the resolution keeps ("Requirement already satisfied"). */
  satisfied: { name: string; version: string }[];
  edges: ResolvedEdge[];
  notes: string[];
  /** The notes pip would print as WARNING (an extra the distribution does not provide). */
  warnings: string[];
  /** Set when no solution exists: the conflict in words. */
  unresolved?: string;
}

/** What the resolver needs to know about the target interpreter (a subset of TargetEnvironment). */
export interface ResolverEnvironment {
  /** The interpreter version checked against Requires-Python (`3.12.0`). */
  pythonFullVersion: string;
  /** The platform tag, named when no file fits (`manylinux_2_28_x86_64`). */
  platform?: string;
  /** Supported wheel tags, best first. */
  tags: Tag[];
  markers: MarkerEnvironment;
}

/** A distribution installed in the target environment, as its metadata describes it. */
export interface InstalledDistribution {
  name: string;
  version: string;
  /** Requires-Dist lines. */
  requires: string[];
  providesExtra: string[];
}

/** A requirement given by the user (command line or requirements file). */
export interface RootRequirement {
  requirement: Requirement;
  /** `--hash=sha256:…` values from a requirements file (hex digests, lower case). */
  hashes?: string[];
  /** Where it was given (`<command line>`, `requirements.txt:3`), named when it conflicts. */
  source?: string;
}

export interface ResolveOptions {
  index: PackageIndex;
  env: ResolverEnvironment;
  /** The bytes of a distribution file, verified (used to read a wheel's METADATA or an sdist's PKG-INFO). */
  fetchFile: (file: DistFile) => Promise<Uint8Array>;
  openArchive: (bytes: Uint8Array, filename: string) => Promise<OpenedArchive>;
  /** Called with each file whose dependencies are read, i.e. that may be pinned (lets its audit start early). */
  onCandidate?: (file: DistFile) => void;
  /** Called with each distribution whose dependencies are read: its name and version and the projects it requires. */
  onRequires?: (name: string, version: string, requires: string[]) => void;
  /** pip's -c constraints. */
  constraints?: RootRequirement[];
  /** --pre: allow pre-releases everywhere. */
  pre?: boolean;
  /** --no-deps: resolve only the roots. */
  noDeps?: boolean;
  /** pip's --only-binary=:all: (never choose an sdist). */
  onlyBinary?: boolean;
  /** Distributions installed in the target environment, kept when they satisfy (pip's default strategy). */
  installed?: InstalledDistribution[];
  /**
   * pip's -U with its --upgrade-strategy: only-if-needed (pip's default), the user's own requirements take a newer
   * release over a satisfying installation; eager, every requirement does. Absent: no -U.
   */
  upgrade?: UpgradeStrategy;
  /** Bound on resolution rounds, so resolution always ends (pip uses 200000). */
  maxRounds?: number;
}
