// Test worlds for the resolver: a temp folder of wheels and sdists built from specs, with index.json (yanked files,
// files without PEP 658 metadata), served by the project's index server. Temp folders live outside the project tree.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSdist, buildWheel, coreMetadataText, type DistSpec } from '../../../scripts/lib/build-dist.ts';
import { startIndexServer, type IndexServer } from '../../../src/index-server/index.ts';

export type WorldFile = { kind: 'wheel'; spec: DistSpec } | { kind: 'sdist'; spec: DistSpec };

export const wheel = (spec: DistSpec): WorldFile => ({ kind: 'wheel', spec });

/**
 * An sdist pip can read without network: its pyproject.toml names an in-tree PEP 517 backend (below) that only writes
 * the metadata, so `pip install --dry-run` prepares it in an empty isolated environment. pyguard never runs it.
 */
export function sdist(spec: DistSpec, staticDeps: 'pkg-info' | 'pyproject' = 'pkg-info'): WorldFile {
  const metadata = coreMetadataText(spec, '2.1');
  const dist = `${spec.name.replace(/[-_.]+/g, '_')}-${spec.version}.dist-info`;
  const backend = [
    '# Test-only PEP 517 backend: writes fixed metadata; builds nothing.',
    'import os',
    `METADATA = ${JSON.stringify(metadata)}`,
    'def get_requires_for_build_wheel(config_settings=None):',
    '    return []',
    'def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):',
    `    target = os.path.join(metadata_directory, ${JSON.stringify(dist)})`,
    '    os.makedirs(target, exist_ok=True)',
    '    with open(os.path.join(target, "METADATA"), "w", encoding="utf-8") as f:',
    '        f.write(METADATA)',
    `    return ${JSON.stringify(dist)}`,
    'def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):',
    '    raise RuntimeError("the parity tests never build wheels")',
  ].join('\n');
  const project =
    staticDeps === 'pyproject'
      ? [
          '[project]',
          `name = ${JSON.stringify(spec.name)}`,
          `version = ${JSON.stringify(spec.version)}`,
          `dependencies = [${(spec.requiresDist ?? []).map((r) => JSON.stringify(r)).join(', ')}]`,
        ]
      : [];
  const pyproject = [
    '[build-system]',
    'requires = []',
    'build-backend = "pyguard_parity_backend"',
    'backend-path = ["."]',
    '',
    ...project,
  ].join('\n');
  return {
    kind: 'sdist',
    spec: {
      ...spec,
      sdistExtraFiles: { 'pyproject.toml': pyproject, 'pyguard_parity_backend.py': backend, ...spec.sdistExtraFiles },
      ...(staticDeps === 'pyproject' ? { sdistDynamic: ['Requires-Dist'] } : {}),
    },
  };
}

export interface World {
  dir: string;
  server: IndexServer;
  filenames: string[];
  close(): Promise<void>;
}

export interface WorldOptions {
  yanked?: Record<string, true | string>;
  noMetadata?: string[];
}

/** Serves an existing folder of distributions as it is (the bundled fixtures/wheels world). */
export async function serveFolder(dir: string): Promise<World> {
  const server = await startIndexServer({ root: dir });
  return { dir, server, filenames: [], close: () => server.close() };
}

export async function startWorld(files: WorldFile[], options: WorldOptions = {}): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), 'pyguard-world-'));
  const filenames: string[] = [];
  let server: IndexServer;
  try {
    for (const f of files) {
      const built = f.kind === 'wheel' ? buildWheel(f.spec) : buildSdist(f.spec);
      await writeFile(join(dir, built.filename), built.bytes);
      filenames.push(built.filename);
    }
    await writeFile(
      join(dir, 'index.json'),
      JSON.stringify({ yanked: options.yanked ?? {}, noMetadata: options.noMetadata ?? [] }),
    );
    server = await startIndexServer({ root: dir });
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    dir,
    server,
    filenames,
    async close() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
