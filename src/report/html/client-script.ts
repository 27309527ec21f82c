// The HTML report's in-page script as one string, inlined in the page and allowed by a CSP hash. Its source is the
// type-checked module browser/report-page.ts, bundled here with esbuild (a development dependency, present wherever
// src/ runs). scripts/build.mjs imports this module and writes the result into dist/ as PYGUARD_CLIENT_SCRIPT, so
// the installed CLI needs no esbuild.

import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/** Replaced by the bundled script in dist/ (esbuild `define`); undeclared at run time from src/. */
declare const PYGUARD_CLIENT_SCRIPT: string | undefined;

const CLIENT_BUNDLE_OPTIONS = {
  bundle: true,
  format: 'iife',
  target: 'es2020',
  platform: 'browser',
  charset: 'utf8',
  write: false,
  logLevel: 'silent',
} as const;

const CLIENT_ENTRY = fileURLToPath(new URL('./browser/report-page.ts', import.meta.url));

function bundleFromSource(): string {
  const { buildSync } = createRequire(import.meta.url)('esbuild') as typeof import('esbuild');
  const result = buildSync({ ...CLIENT_BUNDLE_OPTIONS, entryPoints: [CLIENT_ENTRY] });
  return result.outputFiles[0].text;
}

export const CLIENT_SCRIPT: string =
  typeof PYGUARD_CLIENT_SCRIPT === 'string' ? PYGUARD_CLIENT_SCRIPT : bundleFromSource();
if (/<\/script/i.test(CLIENT_SCRIPT)) throw new Error('the report script must not contain "</script"');
