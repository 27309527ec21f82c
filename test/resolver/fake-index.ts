// An in-memory PackageIndex for resolver unit tests: projects from specs (metadata served as PEP 658), or from the
// recorded PyPI responses in test/fixtures/pypi-api (a copy of shared/pypi-api). Downloads are refused, as when offline.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coreMetadataText, type DistSpec } from '../../scripts/lib/build-dist.ts';
import { buildEnvironment } from '../../src/pypi/environment.ts';
import { FetchError } from '../../src/pypi/fetch/errors.ts';
import { parseJsonApiProject } from '../../src/pypi/index/json-api.ts';
import { parseSimpleJson } from '../../src/pypi/index/simple.ts';
import type { DistFile, PackageIndex, ProjectPage } from '../../src/pypi/index/types.ts';
import { normalizeName } from '../../src/pypi/names.ts';
import type { ResolveOptions } from '../../src/pypi/resolver/index.ts';

export const RECORDED = join(import.meta.dirname, '../fixtures/pypi-api');
const INDEX = 'memory://index';

export interface FakeFile {
  spec: DistSpec;
  /** Default: a py3-none-any wheel. */
  filename?: string;
  yanked?: true | string;
  /** Serve no PEP 658 metadata (the resolver must download the file, which the fake refuses). */
  noMetadata?: boolean;
}

export class FakeIndex implements PackageIndex {
  readonly description = 'in-memory test index';
  readonly pages = new Map<string, ProjectPage>();
  readonly metadata = new Map<string, string>();
  readonly asked: string[] = [];

  addPage(page: ProjectPage, metadata: Record<string, string> = {}): this {
    this.pages.set(normalizeName(page.name), page);
    for (const [url, text] of Object.entries(metadata)) this.metadata.set(url, text);
    return this;
  }

  add(...files: FakeFile[]): this {
    for (const f of files) {
      const name = normalizeName(f.spec.name);
      const filename = f.filename ?? `${f.spec.name.replace(/[-.]+/g, '_')}-${f.spec.version}-py3-none-any.whl`;
      const url = `${INDEX}/files/${filename}`;
      const file: DistFile = {
        filename,
        url,
        sha256: '0'.repeat(64),
        hashes: {},
        yanked: f.yanked ?? false,
        coreMetadata: f.noMetadata ? false : {},
        indexUrl: INDEX,
        ...(f.spec.requiresPython ? { requiresPython: f.spec.requiresPython } : {}),
      };
      const page = this.pages.get(name) ?? { name: f.spec.name, files: [], indexUrl: INDEX };
      page.files.push(file);
      this.pages.set(name, page);
      this.metadata.set(url, coreMetadataText(f.spec, '2.1'));
    }
    return this;
  }

  async getProject(name: string): Promise<ProjectPage | null> {
    this.asked.push(name);
    return this.pages.get(normalizeName(name)) ?? null;
  }

  async getCoreMetadata(file: DistFile): Promise<string | null> {
    return file.coreMetadata ? (this.metadata.get(file.url) ?? null) : null;
  }
}

export function resolveOptions(index: PackageIndex, extra: Partial<ResolveOptions> = {}): ResolveOptions {
  return {
    index,
    env: buildEnvironment('3.12', 'manylinux_2_28_x86_64'),
    fetchFile: async (file) => {
      throw new FetchError('offline', file.url, `${file.url}: not available offline`);
    },
    openArchive: async () => {
      throw new Error('no archive expected in this test');
    },
    ...extra,
  };
}

export function recordedJsonApiPage(): ProjectPage {
  const url = 'https://pypi.org/pypi/requests/json';
  return parseJsonApiProject(
    JSON.parse(readFileSync(join(RECORDED, 'json-api/requests.json'), 'utf8')),
    url,
    'https://pypi.org/pypi',
  );
}

export function recordedSimplePage(): ProjectPage {
  const url = 'https://pypi.org/simple/requests/';
  return parseSimpleJson(
    JSON.parse(readFileSync(join(RECORDED, 'simple-json/requests.json'), 'utf8')),
    url,
    'https://pypi.org/simple',
  );
}

export function recordedMetadata(): string {
  return readFileSync(join(RECORDED, 'metadata/requests-2.19.0-py2.py3-none-any.whl.metadata'), 'utf8');
}
