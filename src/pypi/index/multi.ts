// Several indexes as one, the way pip uses --index-url, --extra-index-url and --find-links: every source is asked
// and all files go into one candidate list. Projects found on more than one source are recorded, because pip then
// installs the highest version from whichever source has it (the dependency-confusion risk).

import { normalizeName } from '../names.ts';
import type { DistFile, PackageIndex, ProjectPage } from './types.ts';

/** A project that more than one source knows. */
export interface SharedProject {
  /** Normalised project name. */
  project: string;
  /** The index URLs or folders that have it, in the order the sources were given. */
  sources: string[];
}

export class MultiIndex implements PackageIndex {
  readonly description: string;
  readonly indexes: readonly PackageIndex[];
  private readonly bySource = new Map<string, PackageIndex>();
  private readonly found = new Map<string, string[]>();

  constructor(indexes: readonly PackageIndex[]) {
    this.indexes = indexes;
    this.description = indexes.map((index) => index.description).join(' + ') || 'no index';
  }

  async getProject(name: string): Promise<ProjectPage | null> {
    const pages = await Promise.all(this.indexes.map((index) => index.getProject(name)));
    const present: ProjectPage[] = [];
    pages.forEach((page, i) => {
      if (!page) return;
      present.push(page);
      this.bySource.set(page.indexUrl, this.indexes[i]);
    });
    this.found.set(normalizeName(name), [...new Set(present.map((page) => page.indexUrl))]);
    if (present.length === 0) return null;
    const seen = new Set<string>();
    const files: DistFile[] = [];
    for (const file of present.flatMap((page) => page.files)) {
      if (seen.has(file.url)) continue;
      seen.add(file.url);
      files.push(file);
    }
    const info = present.find((page) => page.info)?.info;
    return { name: present[0].name, files, indexUrl: present[0].indexUrl, ...(info ? { info } : {}) };
  }

  /** Asks the source the file came from (by `file.indexUrl`). */
  async getCoreMetadata(file: DistFile): Promise<string | null> {
    return (await this.bySource.get(file.indexUrl)?.getCoreMetadata(file)) ?? null;
  }

  whyMissing(name: string): string | undefined {
    const reasons = this.indexes.map((index) => index.whyMissing?.(name)).filter((why) => why !== undefined);
    return reasons.length > 0 ? reasons.join('; ') : undefined;
  }

  /** The sources that had `name`, once getProject(name) has run (undefined before). */
  sourcesOf(name: string): readonly string[] | undefined {
    return this.found.get(normalizeName(name));
  }

  /** Every project looked up so far that more than one source has. */
  sharedProjects(): SharedProject[] {
    return [...this.found]
      .filter(([, sources]) => sources.length > 1)
      .map(([project, sources]) => ({ project, sources }));
  }
}

/** One sentence for the resolution notes. */
export function describeSharedProject(shared: SharedProject): string {
  return (
    `${shared.project} exists on ${shared.sources.length} sources (${shared.sources.join(', ')}); ` +
    'pip takes the highest version from any of them, so a public upload can replace a private package (dependency confusion)'
  );
}
