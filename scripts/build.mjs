// Bundles the CLI and its worker into dist/ with esbuild, so `npm ci` leaves a working `npx pyguard`.
// Dependencies stay external (tree-sitter's .wasm files are resolved from node_modules at run time).
// Run with tsx: the HTML report's browser script is bundled by src/report/html/client-script.ts and defined here.
// dist/engine-version.json records the hashes of the analysis sources the bundle was built from (result cache keys).
import { readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const { CLIENT_SCRIPT } = await import('../src/report/html/client-script.ts');

// Code splitting keeps what a run does not use (the app, the HTML report) out of its startup. Chunk names change
// with their content: the chunks of earlier builds are deleted afterwards (not before: a run of dist/cli.js at that
// moment still finds its files).
const { metafile } = await build({
  entryPoints: ['src/cli.ts', 'src/analysis/worker.ts'],
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  platform: 'node',
  format: 'esm',
  splitting: true,
  target: 'node20',
  packages: 'external',
  sourcemap: false,
  define: { PYGUARD_CLIENT_SCRIPT: JSON.stringify(CLIENT_SCRIPT) },
  logLevel: 'warning',
  metafile: true,
});
const built = new Set(Object.keys(metafile.outputs).map((path) => path.split('\\').join('/')));
for (const entry of readdirSync('dist', { recursive: true, withFileTypes: true })) {
  const path = join(entry.parentPath, entry.name).split('\\').join('/');
  if (entry.isFile() && path.endsWith('.js') && !built.has(path)) rmSync(path);
}

const { versionsFromSources } = await import('../src/analysis/engine-version.ts');
writeFileSync('dist/engine-version.json', `${JSON.stringify(versionsFromSources(process.cwd()))}\n`);
