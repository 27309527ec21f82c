// The engine and rules versions that key the result cache: they cover exactly the modules analysis imports, a rule
// or indicator catalogue change moves the rules version only, an engine change the engine version only, anything else neither.

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { analysisSources, hashSources, versionsFromSources } from '../../src/analysis/engine-version.ts';

const REPO = new URL('../..', import.meta.url).pathname;

describe('engine version', () => {
  let root: string;
  const write = async (path: string, text: string): Promise<void> => {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  };
  const versions = () =>
    hashSources(root, analysisSources(root, ['src/analysis/target.ts'], ['src/analysis/metadata-checks/']), []);

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'pyguard-engine-'));
    await write(
      'src/analysis/target.ts',
      "import { rule } from './rules/network.ts';\nimport type { X } from '../model/result.ts';\nimport { meta } from './metadata-checks/index.ts';\nexport const t = 1;\n",
    );
    await write(
      'src/analysis/rules/network.ts',
      "import { HOSTS } from '../indicators/hosts.ts';\nexport const rule = 1;\n",
    );
    await write('src/analysis/indicators/hosts.ts', 'export const HOSTS = [];\n');
    await write('src/analysis/metadata-checks/index.ts', 'export const meta = 1;\n');
    await write('src/model/result.ts', 'export type X = 1;\n');
    await write('src/report/terminal.ts', 'export const shown = 1;\n');
  });
  after(() => rm(root, { recursive: true, force: true }));

  it('follows the imports from the entry points, leaving out what is recomputed on every run', () => {
    assert.deepEqual(analysisSources(root, ['src/analysis/target.ts'], ['src/analysis/metadata-checks/']), [
      'src/analysis/indicators/hosts.ts',
      'src/analysis/rules/network.ts',
      'src/analysis/target.ts',
      'src/model/result.ts',
    ]);
  });

  it('moves only the version a change belongs to', async () => {
    const first = versions();
    await write('src/analysis/indicators/hosts.ts', "export const HOSTS = ['telemetry.example'];\n");
    const ruleChange = versions();
    assert.equal(ruleChange.engine, first.engine);
    assert.notEqual(ruleChange.rules, first.rules);
    await write('src/model/result.ts', 'export type X = 2;\n');
    const engineChange = versions();
    assert.notEqual(engineChange.engine, ruleChange.engine);
    assert.equal(engineChange.rules, ruleChange.rules);
    await write('src/report/terminal.ts', 'export const shown = 2;\n');
    await write('src/analysis/metadata-checks/index.ts', 'export const meta = 2;\n');
    assert.deepEqual(versions(), engineChange, 'presenters and per-run checks do not invalidate results');
  });

  it('covers the real rules, catalogues, parser and archive reader, and nothing of the presenters', () => {
    const sources = analysisSources(REPO);
    for (const path of [
      'src/analysis/rules/network.ts',
      'src/analysis/indicators/network.ts',
      'src/analysis/parser.ts',
      'src/analysis/python-file.ts',
      'src/pypi/archive/zip.ts',
      // The shape of a finding and where its code and context lines come from: a change there invalidates results.
      'src/model/result.ts',
      'src/analysis/syntax.ts',
    ]) {
      assert.ok(sources.includes(path), path);
    }
    assert.ok(
      !sources.some(
        (path) =>
          path.startsWith('src/report/') ||
          path.startsWith('src/commands/') ||
          path.startsWith('src/analysis/metadata-checks/'),
      ),
    );
    assert.match(versionsFromSources(REPO).engine, /^[0-9a-f]{16}$/);
  });
});
