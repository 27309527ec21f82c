// Helpers for the check command tests: an in-memory CommandIO with a clean environment (own HOME, cache, no pip
// config), the bundled fixtures/wheels world served locally, and a one-wheel index (one that lies about the file's
// sha256, one that streams it slowly).

import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BuiltDist, buildWheel } from '../../scripts/lib/build-dist.ts';
import type { CommandIO } from '../../src/commands/io.ts';
import { startIndexServer, type IndexServer } from '../../src/index-server/index.ts';

export const BUNDLED = join(import.meta.dirname, '../../fixtures/wheels');

export interface MemoryIO extends CommandIO {
  out: () => string;
  err: () => string;
}

export function memoryIO(home: string, env: Record<string, string> = {}, cwd = home): MemoryIO {
  let out = '';
  let err = '';
  return {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    cwd,
    env: { HOME: home, PYGUARD_CACHE_DIR: join(home, 'cache'), PIP_CONFIG_FILE: '/dev/null', ...env },
    isTTY: false,
    out: () => out,
    err: () => err,
  };
}

export async function tempHome(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'pyguard-check-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

export function startBundledIndex(): Promise<IndexServer> {
  return startIndexServer({ root: BUNDLED });
}

/** Writes a distribution's bytes as an answer: all at once, unless a test streams them its own way. */
export type ServeBytes = (res: ServerResponse, bytes: Uint8Array) => void;

const serveAtOnce: ServeBytes = (res, bytes) => {
  res.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': bytes.length });
  res.end(bytes);
};

/**
 * A PEP 691 index with one project and its one wheel: `announced` is what the index lists (name, sha256), `served`
 * the bytes the file URL answers with, written by `serve`.
 */
export async function startOneWheelIndex(
  name: string,
  announced: BuiltDist,
  served: BuiltDist = announced,
  serve: ServeBytes = serveAtOnce,
): Promise<{ simpleUrl: string; close: () => Promise<void> }> {
  const sha256 = createHash('sha256').update(announced.bytes).digest('hex');
  const server = createServer((req, res) => {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if (req.url === `/simple/${name}/`) {
      res.writeHead(200, { 'Content-Type': 'application/vnd.pypi.simple.v1+json' });
      res.end(
        JSON.stringify({
          meta: { 'api-version': '1.1' },
          name,
          files: [
            {
              filename: announced.filename,
              url: `${base}/files/${announced.filename}`,
              hashes: { sha256 },
              'requires-python': null,
              yanked: false,
            },
          ],
          versions: ['1.0'],
        }),
      );
    } else if (req.url === `/files/${announced.filename}`) {
      serve(res, served.bytes);
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  return {
    simpleUrl: `http://127.0.0.1:${port}/simple/`,
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/** A PEP 691 index with one project whose only wheel is served with bytes that do not match the announced sha256. */
export function startTamperedIndex(): Promise<{ simpleUrl: string; close: () => Promise<void> }> {
  const announced = buildWheel({ name: 'tampered', version: '1.0', files: { 'tampered/__init__.py': 'VALUE = 1\n' } });
  const served = buildWheel({ name: 'tampered', version: '1.0', files: { 'tampered/__init__.py': 'VALUE = 2\n' } });
  return startOneWheelIndex('tampered', announced, served);
}

/** For the tests of one describe block: the bundled index and a temporary HOME, started before and removed after. */
export function bundledWorld(): { server: () => IndexServer; home: () => string } {
  let server: IndexServer | undefined;
  let home: { dir: string; remove: () => Promise<void> } | undefined;
  before(async () => {
    server = await startBundledIndex();
    home = await tempHome();
  });
  after(async () => {
    await server?.close();
    await home?.remove();
  });
  return { server: () => server!, home: () => home!.dir };
}
