// Downloads: sha256 verified before anything is cached, cache hits without requests, corrupted blobs refetched,
// size cap, offline mode, and file: URLs.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { Cache, defaultCacheDir } from '../../src/pypi/fetch/cache.ts';
import { fetchArtifact } from '../../src/pypi/fetch/download.ts';
import { FetchError, HashMismatchError } from '../../src/pypi/fetch/errors.ts';
import type { DistFile } from '../../src/pypi/index/types.ts';
import { send, startServer, testContext, type TestServer } from './helpers.ts';

const WHEEL = new TextEncoder().encode('pretend wheel bytes\n');
const WHEEL_SHA = createHash('sha256').update(WHEEL).digest('hex');

let server: TestServer;
before(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/files/demo-1.0-py3-none-any.whl') return send(res, 200, WHEEL);
    if (req.url === '/files/big-1.0.tar.gz') return send(res, 200, new Uint8Array(2 * 1024 * 1024));
    if (req.url === '/files/chunked-1.0.tar.gz') {
      res.writeHead(200); // no Content-Length: the limit must be enforced while reading
      for (let i = 0; i < 3; i++) res.write(new Uint8Array(700 * 1024));
      return res.end();
    }
    send(res, 404, 'Not Found');
  });
});
after(() => server.close());

function distFile(path: string, sha256?: string): DistFile {
  return {
    filename: path.slice(path.lastIndexOf('/') + 1),
    url: path.includes(':') ? path : `${server.url}${path}`,
    sha256,
    hashes: sha256 ? { sha256 } : {},
    yanked: false,
    coreMetadata: false,
    indexUrl: server.url,
  };
}

test('a verified download is cached by its sha256 and never downloaded twice', async () => {
  const { ctx, cacheDir, dispose } = testContext();
  try {
    const file = distFile('/files/demo-1.0-py3-none-any.whl', WHEEL_SHA.toUpperCase());
    const before = server.requests.length;
    const first = await fetchArtifact(file, ctx);
    assert.deepEqual(first.bytes, WHEEL);
    assert.equal(first.sha256, WHEEL_SHA);
    assert.equal(first.verified, true);
    assert.equal(first.fromCache, false);
    assert.ok(existsSync(join(cacheDir, 'blobs', 'sha256', WHEEL_SHA.slice(0, 2), WHEEL_SHA)));
    const second = await fetchArtifact({ ...file, url: `${server.url}/elsewhere/demo-1.0-py3-none-any.whl` }, ctx);
    assert.equal(second.fromCache, true);
    assert.deepEqual(second.bytes, WHEEL);
    assert.equal(server.requests.length, before + 1);
  } finally {
    await dispose();
  }
});

test('a hash mismatch throws HashMismatchError and caches nothing', async () => {
  const { ctx, cacheDir, dispose } = testContext();
  try {
    const expected = 'ab'.repeat(32);
    await assert.rejects(
      fetchArtifact(distFile('/files/demo-1.0-py3-none-any.whl', expected), ctx),
      (error: unknown) => {
        assert.ok(error instanceof HashMismatchError);
        assert.equal(error.code, 'hash-mismatch');
        assert.equal(error.expected, expected);
        assert.equal(error.actual, WHEEL_SHA);
        assert.match(
          error.message,
          new RegExp(
            `^demo-1\\.0-py3-none-any\\.whl: sha256 mismatch: the index says ${expected}, the download is ${WHEEL_SHA}`,
          ),
        );
        return true;
      },
    );
    assert.equal(existsSync(join(cacheDir, 'blobs')), false);
    await assert.rejects(fetchArtifact(distFile('/files/demo-1.0-py3-none-any.whl', 'xyz'), ctx), {
      code: 'bad-response',
      message: 'demo-1.0-py3-none-any.whl: the index gives an invalid sha256 "xyz"',
    });
  } finally {
    await dispose();
  }
});

test('a file without an index digest is downloaded but flagged unverified (and not cached)', async () => {
  const { ctx, cacheDir, dispose } = testContext();
  try {
    const artifact = await fetchArtifact(distFile('/files/demo-1.0-py3-none-any.whl'), ctx);
    assert.equal(artifact.verified, false);
    assert.equal(artifact.sha256, WHEEL_SHA);
    assert.equal(existsSync(join(cacheDir, 'blobs')), false);
  } finally {
    await dispose();
  }
});

test('a corrupted cache blob is deleted and fetched again', async () => {
  const { ctx, dispose } = testContext();
  try {
    const file = distFile('/files/demo-1.0-py3-none-any.whl', WHEEL_SHA);
    await fetchArtifact(file, ctx);
    writeFileSync(ctx.cache!.blobPath(WHEEL_SHA), 'tampered');
    const before = server.requests.length;
    const artifact = await fetchArtifact(file, ctx);
    assert.equal(artifact.fromCache, false);
    assert.deepEqual(artifact.bytes, WHEEL);
    assert.equal(server.requests.length, before + 1);
    assert.deepEqual(await ctx.cache!.readBlob(WHEEL_SHA), WHEEL);
  } finally {
    await dispose();
  }
});

test('a body past the size cap is refused; a missing file is "not found"', async () => {
  const { ctx, dispose } = testContext();
  try {
    await assert.rejects(fetchArtifact(distFile('/files/big-1.0.tar.gz', 'cd'.repeat(32)), ctx), (error: unknown) => {
      assert.ok(error instanceof FetchError);
      assert.equal(error.code, 'too-large');
      assert.equal(error.message, `${server.url}/files/big-1.0.tar.gz: larger than the limit of 1 MiB`);
      return true;
    });
    await assert.rejects(fetchArtifact(distFile('/files/chunked-1.0.tar.gz', 'cd'.repeat(32)), ctx), {
      code: 'too-large',
    });
    await assert.rejects(fetchArtifact(distFile('/files/gone-1.0.tar.gz', 'cd'.repeat(32)), ctx), (error: unknown) => {
      assert.ok(error instanceof FetchError);
      assert.equal(error.code, 'not-found');
      assert.equal(error.message, `${server.url}/files/gone-1.0.tar.gz: not found`);
      return true;
    });
  } finally {
    await dispose();
  }
});

test('offline: cached blobs are served, anything else is "not in cache (offline)"', async () => {
  const online = testContext();
  const offline = testContext({}, { offline: true, cacheDir: online.cacheDir });
  try {
    const file = distFile('/files/demo-1.0-py3-none-any.whl', WHEEL_SHA);
    await fetchArtifact(file, online.ctx);
    const before = server.requests.length;
    assert.equal((await fetchArtifact(file, offline.ctx)).fromCache, true);
    const missing = distFile('/files/other-1.0.tar.gz', 'ef'.repeat(32));
    await assert.rejects(fetchArtifact(missing, offline.ctx), {
      code: 'offline',
      message: `not in cache (offline): ${missing.url}`,
    });
    assert.equal(server.requests.length, before);
  } finally {
    await offline.dispose();
    await online.dispose();
  }
});

test('file: URLs are read from disk and verified', async () => {
  const folder = mkdtempSync(join(tmpdir(), 'pyguard-local-'));
  const { ctx, dispose } = testContext();
  try {
    const path = join(folder, 'demo-1.0-py3-none-any.whl');
    writeFileSync(path, WHEEL);
    const artifact = await fetchArtifact(distFile(pathToFileURL(path).href, WHEEL_SHA), ctx);
    assert.equal(artifact.verified, true);
    assert.deepEqual(artifact.bytes, WHEEL);
    await assert.rejects(fetchArtifact(distFile(pathToFileURL(path).href, '00'.repeat(32)), ctx), HashMismatchError);
  } finally {
    await dispose();
    rmSync(folder, { recursive: true, force: true });
  }
});

test('defaultCacheDir: PYGUARD_CACHE_DIR, then XDG_CACHE_HOME, then ~/.cache', () => {
  assert.equal(defaultCacheDir({ PYGUARD_CACHE_DIR: '/c', XDG_CACHE_HOME: '/x', HOME: '/h' }), '/c');
  assert.equal(defaultCacheDir({ XDG_CACHE_HOME: '/x', HOME: '/h' }), '/x/pyguard');
  assert.equal(defaultCacheDir({ HOME: '/h' }), '/h/.cache/pyguard');
  assert.equal(new Cache('/c').blobPath('AB'.repeat(32)), `/c/blobs/sha256/ab/${'ab'.repeat(32)}`);
});

test('an unwritable cache is a one-line error naming the folder', async () => {
  await assert.rejects(new Cache('/dev/null/pyguard').writeBlob(WHEEL_SHA, WHEEL), {
    name: 'UserError',
    message: `cannot write to the cache /dev/null/pyguard/blobs/sha256/${WHEEL_SHA.slice(0, 2)} (ENOTDIR): set PYGUARD_CACHE_DIR to a writable folder`,
  });
});
