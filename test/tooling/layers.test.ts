// The layer map in biome.json: imports that point up the pipeline and import cycles are lint errors, imports
// that point down are not. Runs the project's biome on a small tree laid out like src/ in a temporary folder.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIOME = join(ROOT, 'node_modules/.bin/biome');
const work = mkdtempSync(join(tmpdir(), 'pyguard-layers-'));
after(() => rmSync(work, { recursive: true, force: true }));

const { $schema: _schema, ...config } = JSON.parse(readFileSync(join(ROOT, 'biome.json'), 'utf8'));
writeFileSync(join(work, 'biome.json'), JSON.stringify(config));

function write(path: string, text: string): void {
  mkdirSync(dirname(join(work, path)), { recursive: true });
  writeFileSync(join(work, path), text);
}

interface Diagnostic {
  category: string;
  location: { path: string | { file: string } };
}

/** The files biome reports, with the rule, as "path rule". */
function lint(): string[] {
  let output: string;
  try {
    output = execFileSync(BIOME, ['lint', '--reporter=json', '--max-diagnostics=100', 'src'], {
      cwd: work,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch (error) {
    output = (error as { stdout: string }).stdout;
  }
  const report = JSON.parse(output) as { diagnostics: Diagnostic[] };
  return report.diagnostics
    .map(
      (d) =>
        `${typeof d.location.path === 'string' ? d.location.path : d.location.path.file} ${d.category.replace(/^lint\/\w+\//, '')}`,
    )
    .sort();
}

write('src/model/result.ts', 'export type Finding = { rule: string };\n');
write('src/util/errors.ts', "import type { Finding } from '../model/result.ts';\nexport type E = Finding;\n");
write('src/pypi/names.ts', 'export const normalize = (s: string): string => s.toLowerCase();\n');
write('src/pypi/index/types.ts', 'export type DistFile = { url: string };\n');
write('src/pypi/resolver/types.ts', 'export type Resolved = { name: string };\n');
write(
  'src/analysis/risk.ts',
  "import type { Finding } from '../model/result.ts';\nexport const judge = (f: Finding[]): number => f.length;\n",
);
write('src/report/json.ts', "import { judge } from '../analysis/risk.ts';\nexport const render = judge;\n");

test('imports that point down the pipeline pass', () => {
  write(
    'src/pypi/fetch/download.ts',
    "import type { DistFile } from '../index/types.ts';\nimport { normalize } from '../names.ts';\nexport type D = DistFile;\nexport const n = normalize;\n",
  );
  assert.deepEqual(lint(), []);
});

test('imports that point up the pipeline, or out of a standards module, are errors', () => {
  write('src/model/upward.ts', "import { judge } from '../analysis/risk.ts';\nexport const j = judge;\n");
  write(
    'src/pypi/version.ts',
    "import type { E } from '../util/errors.ts';\nimport type { DistFile } from './index/types.ts';\nexport type V = E | DistFile;\n",
  );
  write(
    'src/pypi/fetch/resolved.ts',
    "import type { Resolved } from '../resolver/types.ts';\nexport type R = Resolved;\n",
  );
  write('src/analysis/present.ts', "import { render } from '../report/json.ts';\nexport const r = render;\n");
  try {
    assert.deepEqual(lint(), [
      'src/analysis/present.ts noRestrictedImports',
      'src/model/upward.ts noRestrictedImports',
      'src/pypi/fetch/resolved.ts noRestrictedImports',
      'src/pypi/version.ts noRestrictedImports',
      'src/pypi/version.ts noRestrictedImports',
    ]);
  } finally {
    for (const path of [
      'src/model/upward.ts',
      'src/pypi/version.ts',
      'src/pypi/fetch/resolved.ts',
      'src/analysis/present.ts',
    ])
      rmSync(join(work, path));
  }
});

test('an import cycle is an error', () => {
  write('src/analysis/a.ts', "import { b } from './b.ts';\nexport const a = (): number => b() + 1;\n");
  write('src/analysis/b.ts', "import { a } from './a.ts';\nexport const b = (): number => (a.length > 9 ? 0 : 1);\n");
  try {
    assert.deepEqual(lint(), ['src/analysis/a.ts noImportCycles', 'src/analysis/b.ts noImportCycles']);
  } finally {
    rmSync(join(work, 'src/analysis/a.ts'));
    rmSync(join(work, 'src/analysis/b.ts'));
  }
});
