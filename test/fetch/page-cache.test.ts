// The index response cache: ETag and Last-Modified revalidation (304 → cached copy), and offline mode.

import assert from 'node:assert/strict';
import { readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { getPage } from '../../src/pypi/fetch/page.ts';
import { SimpleIndex } from '../../src/pypi/index/simple.ts';
import { recorded, send, startServer, testContext, type TestServer } from './helpers.ts';

const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';
const ETAG = '"attrs-v1"';
const LAST_MODIFIED = 'Sat, 30 Dec 2017 08:20:08 GMT';

let server: TestServer;
before(async () => {
  server = await startServer((req, res) => {
    if (req.url === '/simple/attrs/') {
      if (req.headers['if-none-match'] === ETAG) return send(res, 304, '');
      return send(res, 200, recorded('simple-json/attrs.json'), { 'content-type': JSON_TYPE, etag: ETAG });
    }
    if (req.url === '/dated') {
      if (req.headers['if-modified-since'] === LAST_MODIFIED) return send(res, 304, '');
      return send(res, 200, 'dated body', { 'last-modified': LAST_MODIFIED });
    }
    if (req.url === '/plain') return send(res, 200, `body ${server.requests.length}`);
    if (req.url === '/static') return send(res, 200, 'the same body');
    send(res, 404, 'Not Found');
  });
});
after(() => server.close());

test('ETag: the second request is conditional, and a 304 gives the cached page', async () => {
  const { ctx, dispose } = testContext();
  try {
    const first = await new SimpleIndex(ctx, `${server.url}/simple`).getProject('attrs');
    const start = server.requests.length;
    // A new client (a new run) with the same cache folder.
    const second = await new SimpleIndex(ctx, `${server.url}/simple`).getProject('attrs');
    assert.deepEqual(second, first);
    assert.equal(server.requests.length, start + 1);
    assert.equal(server.requests.at(-1)?.headers['if-none-match'], ETAG);
  } finally {
    await dispose();
  }
});

test('Last-Modified: revalidated with If-Modified-Since', async () => {
  const { ctx, dispose } = testContext();
  try {
    assert.equal((await getPage(ctx, `${server.url}/dated`, '*/*')).fromCache, false);
    const again = await getPage(ctx, `${server.url}/dated`, '*/*');
    assert.equal(again.fromCache, true);
    assert.equal(again.body, 'dated body');
    assert.equal(server.requests.at(-1)?.headers['if-modified-since'], LAST_MODIFIED);
  } finally {
    await dispose();
  }
});

test('a page without validators is fetched again online', async () => {
  const { ctx, dispose } = testContext();
  try {
    const first = await getPage(ctx, `${server.url}/plain`, '*/*');
    const second = await getPage(ctx, `${server.url}/plain`, '*/*');
    assert.notEqual(second.body, first.body);
    assert.equal(second.fromCache, false);
  } finally {
    await dispose();
  }
});

test('a page without validators that comes back unchanged is not written again, only marked as just used', async () => {
  const { ctx, cacheDir, dispose } = testContext();
  try {
    await getPage(ctx, `${server.url}/static`, '*/*');
    const [stored] = readdirSync(join(cacheDir, 'http'), { recursive: true, withFileTypes: true }).filter((e) =>
      e.isFile(),
    );
    const path = join(stored.parentPath, stored.name);
    const old = new Date('2020-01-01T00:00:00Z');
    utimesSync(path, old, old);
    const before = statSync(path);
    const again = await getPage(ctx, `${server.url}/static`, '*/*');
    assert.equal(again.body, 'the same body');
    const after = statSync(path);
    assert.equal(after.ino, before.ino, 'the file was not replaced');
    assert.ok(after.mtimeMs > before.mtimeMs, 'its age was refreshed');
  } finally {
    await dispose();
  }
});

test('offline: pages (and 404s) come from the cache; an uncached page is a clear error', async () => {
  const online = testContext();
  const offline = testContext({}, { offline: true, cacheDir: online.cacheDir });
  try {
    const index = new SimpleIndex(online.ctx, `${server.url}/simple`);
    const page = await index.getProject('attrs');
    assert.equal(await index.getProject('missing'), null);
    const count = server.requests.length;
    const offlineIndex = new SimpleIndex(offline.ctx, `${server.url}/simple`);
    assert.deepEqual(await offlineIndex.getProject('attrs'), page);
    assert.equal(await offlineIndex.getProject('missing'), null);
    await assert.rejects(offlineIndex.getProject('never-seen'), {
      code: 'offline',
      message: `not in cache (offline): ${server.url}/simple/never-seen/`,
    });
    assert.equal(server.requests.length, count);
  } finally {
    await offline.dispose();
    await online.dispose();
  }
});
