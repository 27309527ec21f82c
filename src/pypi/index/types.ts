// What an index tells about a project, whatever its kind (PyPI JSON API, PEP 691/503 simple, find-links folder).
// Index clients produce these values; the resolver and the fetcher consume them.

export interface DistFile {
  /** The distribution's file name as published (own spelling: PyYAML-6.0.1-..., zope.interface-...). */
  filename: string;
  /** Absolute URL (http(s): or file:) to download it from. */
  url: string;
  /** Lower-case hex sha256 from the index; undefined when the index gives none. */
  sha256?: string;
  /** All hashes the index gave, e.g. { sha256: '...', md5: '...' }. */
  hashes: Record<string, string>;
  /** PEP 440 specifier from requires-python / data-requires-python, if any. */
  requiresPython?: string;
  /** PEP 592: false, or true / the reason when yanked. */
  yanked: false | true | string;
  /** PEP 658/714: the index serves `<url>.metadata`; the sha256 of that file when given. */
  coreMetadata: false | { sha256?: string };
  size?: number;
  uploadTime?: string;
  /** The index this file came from (its base URL or folder), for dependency-confusion reports. */
  indexUrl: string;
}

export interface ProjectPage {
  /** The project's name as the index spells it. */
  name: string;
  files: DistFile[];
  /** The index this page came from. */
  indexUrl: string;
  /** Extra project data some indexes give (PyPI JSON API `info`), for metadata heuristics. */
  info?: ProjectInfo;
}

export interface ProjectInfo {
  summary?: string;
  homePage?: string;
  projectUrls?: Record<string, string>;
  author?: string;
  authorEmail?: string;
  /** Upload time of every release, keyed by version (ISO strings), for age heuristics. */
  releaseTimes?: Record<string, string>;
}

export interface PackageIndex {
  /** A human-readable description, e.g. "https://pypi.org/pypi (JSON API)". */
  readonly description: string;
  /** The project page, or null when the index does not know the project (404). */
  getProject(name: string): Promise<ProjectPage | null>;
  /** The PEP 658 metadata file of a distribution, or null when the index does not serve it. */
  getCoreMetadata(file: DistFile): Promise<string | null>;
  /** What the index answered for a project getProject found missing (e.g. "the index answered 404 for ... URL"). */
  whyMissing?(name: string): string | undefined;
}
