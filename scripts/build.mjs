// Bundles the CLI and its worker into dist/ with esbuild, so `npm ci` leaves a working `npx pyguard`.
// Dependencies stay external (tree-sitter's .wasm files are resolved from node_modules at run time).
// dist/engine-version.json records the hashes of the analysis sources the bundle was built from (result cache keys).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts', 'src/analysis/worker.ts'],
  outdir: 'dist',
  outbase: 'src',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: false,
  logLevel: 'warning',
});

const versions = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e',
  "import { versionsFromSources } from './src/analysis/engine-version.ts'; process.stdout.write(JSON.stringify(versionsFromSources(process.cwd())));"], { encoding: 'utf8' });
writeFileSync('dist/engine-version.json', `${versions}\n`);
