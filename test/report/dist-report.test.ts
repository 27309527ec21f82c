// The HTML report's browser script reaches the installed CLI: scripts/build.mjs (what `npm ci` runs) bundles
// src/report/html/browser/report-page.ts into dist/, and the page dist/cli.js writes carries that exact script,
// allowed by its CSP hash, without esbuild at run time.

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CLIENT_SCRIPT } from '../../src/report/html/client-script.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'pyguard-dist-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('dist/cli.js writes the bundled, type-checked browser script into the HTML report', () => {
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build.mjs'], { cwd: ROOT, stdio: 'ignore' });
  const out = join(work, 'report.html');
  const run = spawnSync(
    process.execPath,
    ['dist/cli.js', 'scan', 'fixtures/rules/hiding/exec_base64.py', '--html', out],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PYGUARD_CACHE_DIR: join(work, 'cache') } },
  );
  assert.equal(run.status, 1, run.stderr);
  const html = readFileSync(out, 'utf8');
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1];
  assert.equal(script, CLIENT_SCRIPT);
  assert.match(CLIENT_SCRIPT, /document\.documentElement\.setAttribute\("data-ready", "1"\)/);
  const hash = createHash('sha256').update(CLIENT_SCRIPT).digest('base64');
  assert.ok(html.includes(`script-src 'sha256-${hash}'`));
});
