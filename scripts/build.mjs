// Bundles the CLI and its worker into dist/ with esbuild, so `npm ci` leaves a working `npx pyguard`.
// Dependencies stay external (tree-sitter's .wasm files are resolved from node_modules at run time).
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
