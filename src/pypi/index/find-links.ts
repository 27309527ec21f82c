// pip's --find-links: a local folder (or file:// URL, or a single archive) of distributions, or an HTML page of links;
// every recognised wheel or sdist of the asked project becomes a DistFile. Local files are hashed as they are listed.

import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FetchContext } from '../fetch/context.ts';
import { FetchError } from '../fetch/errors.ts';
import { getPage } from '../fetch/page.ts';
import { parseSdistFilename, parseWheelFilename } from '../filenames.ts';
import { normalizeName } from '../names.ts';
import { isValidVersion } from '../version.ts';
import { distFileFromLink, parseAnchors } from './simple-html.ts';
import type { DistFile, PackageIndex, ProjectPage } from './types.ts';

export class FindLinksIndex implements PackageIndex {
  readonly description: string;
  /** The folder (absolute path) or page URL. */
  readonly location: string;
  private readonly ctx: FetchContext;
  private readonly remote: boolean;
  private listing?: Promise<DistFile[]>;
  private readonly pages = new Map<string, Promise<ProjectPage | null>>();

  /** `location`: a folder or archive path (relative to `cwd`), a file:// URL, or an http(s) URL of an HTML page. */
  constructor(ctx: FetchContext, location: string, cwd: string = process.cwd()) {
    this.ctx = ctx;
    this.remote = /^https?:\/\//i.test(location);
    this.location = this.remote
      ? location
      : location.startsWith('file:')
        ? fileURLToPath(location)
        : resolve(cwd, location);
    this.description = `${this.location} (find-links)`;
  }

  getProject(name: string): Promise<ProjectPage | null> {
    const key = normalizeName(name);
    let page = this.pages.get(key);
    if (!page) {
      page = this.load(name);
      this.pages.set(key, page);
    }
    return page;
  }

  private async load(name: string): Promise<ProjectPage | null> {
    this.listing ??= this.remote ? this.listPage() : this.listFolder();
    const files = (await this.listing).filter((file) => belongsTo(file.filename, name));
    if (files.length === 0) return null;
    const hashed = this.remote ? files : await Promise.all(files.map(withLocalHash));
    return { name, files: hashed, indexUrl: this.location };
  }

  /** Find-links give no metadata files: the resolver reads METADATA from the wheel itself. */
  async getCoreMetadata(): Promise<string | null> {
    return null;
  }

  private async listFolder(): Promise<DistFile[]> {
    let paths: string[];
    try {
      const info = await stat(this.location);
      paths = info.isDirectory()
        ? (await readdir(this.location, { withFileTypes: true }))
            .filter((e) => e.isFile())
            .map((e) => join(this.location, e.name))
        : [this.location];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      throw new FetchError('not-found', this.location, `${this.location}: find-links location does not exist`);
    }
    return paths.map((path) => ({
      filename: basename(path),
      url: pathToFileURL(path).href,
      hashes: {},
      yanked: false,
      coreMetadata: false,
      indexUrl: this.location,
    }));
  }

  private async listPage(): Promise<DistFile[]> {
    const page = await getPage(this.ctx, this.location, 'text/html');
    if (page.status !== 200)
      throw new FetchError('not-found', this.location, `${this.location}: find-links page not found`);
    return parseAnchors(page.body, page.url)
      .map((link) => distFileFromLink(link, this.location))
      .filter((file): file is DistFile => file !== null);
  }
}

/** Whether `filename` is a wheel or sdist of project `name` (PEP 503 normalised; `demo-extra-1.0` is not `demo`'s). */
export function belongsTo(filename: string, name: string): boolean {
  const wheel = parseWheelFilename(filename);
  if (wheel) return normalizeName(wheel.name) === normalizeName(name);
  const sdist = parseSdistFilename(filename, name);
  return sdist !== null && isValidVersion(sdist.version);
}

async function withLocalHash(file: DistFile): Promise<DistFile> {
  const path = fileURLToPath(file.url);
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  const sha256 = hash.digest('hex');
  return { ...file, sha256, hashes: { sha256 }, size: (await stat(path)).size };
}
