// Bundles the CLI and its worker into dist/ with esbuild, so `npm ci` leaves a working `npx pyguard`.
// Dependencies stay external (tree-sitter's .wasm files are resolved from node_modules at run time).
// Run with tsx: the HTML report's browser script is bundled by src/report/html/client-script.ts and defined here.
// dist/engine-version.json records the hashes of the analysis sources the bundle was built from (result cache keys).
import { rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const { CLIENT_SCRIPT } = await import('../src/report/html/client-script.ts');

// Code splitting keeps what a run does not use (the app, the HTML report) out of its startup; chunk names change
// with their content, so the folder is emptied first.
rmSync('dist', { recursive: true, force: true });
await build({
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
});

const { versionsFromSources } = await import('../src/analysis/engine-version.ts');
writeFileSync('dist/engine-version.json', `${JSON.stringify(versionsFromSources(process.cwd()))}\n`);
