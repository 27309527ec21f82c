// --find-links: local folders, file:// URLs, single archives and HTML pages of links.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { fetchArtifact } from '../../src/pypi/fetch/download.ts';
import { belongsTo, FindLinksIndex } from '../../src/pypi/index/find-links.ts';
import { send, startServer, testContext, type TestServer } from './helpers.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
let folder: string;
let server: TestServer;

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'pyguard-find-links-'));
  for (const name of [
    'demo_pkg-1.0-py3-none-any.whl',
    'demo-pkg-0.9.tar.gz',
    'Demo.Pkg-0.8.zip',
    'other-1.0-py3-none-any.whl',
    'README.txt',
  ]) {
    writeFileSync(join(folder, name), `contents of ${name}`);
  }
  mkdirSync(join(folder, 'nested'));
  writeFileSync(
    join(folder, 'nested', 'demo_pkg-2.0-py3-none-any.whl'),
    'not listed: find-links folders are not recursive',
  );
  server = await startServer((req, res) => {
    if (req.url === '/wheelhouse/') {
      return send(
        res,
        200,
        '<a href="demo_pkg-3.0-py3-none-any.whl#sha256=' +
          'ab'.repeat(32) +
          '">w</a><a href="/x/other-1.0.tar.gz">o</a>',
        { 'content-type': 'text/html' },
      );
    }
    send(res, 404, 'Not Found');
  });
});
after(async () => {
  rmSync(folder, { recursive: true, force: true });
  await server.close();
});

test("a folder: the project's wheels and sdists, hashed, as file:// URLs", async () => {
  const { ctx, dispose } = testContext();
  try {
    const index = new FindLinksIndex(ctx, folder);
    const page = await index.getProject('DEMO_pkg');
    assert.ok(page);
    assert.equal(page.indexUrl, folder);
    const files = [...page.files].sort((a, b) => (a.filename < b.filename ? -1 : 1));
    assert.deepEqual(
      files.map((f) => f.filename),
      ['Demo.Pkg-0.8.zip', 'demo-pkg-0.9.tar.gz', 'demo_pkg-1.0-py3-none-any.whl'],
    );
    const wheel = files[2];
    assert.equal(wheel.url, pathToFileURL(join(folder, 'demo_pkg-1.0-py3-none-any.whl')).href);
    assert.equal(wheel.sha256, sha('contents of demo_pkg-1.0-py3-none-any.whl'));
    assert.equal(wheel.size, 'contents of demo_pkg-1.0-py3-none-any.whl'.length);
    assert.equal(wheel.yanked, false);
    assert.equal(wheel.coreMetadata, false);
    assert.equal(await index.getCoreMetadata(), null);
    assert.equal((await fetchArtifact(wheel, ctx)).verified, true);
    assert.equal(await index.getProject('absent'), null);
  } finally {
    await dispose();
  }
});

test('a file:// URL, a relative path and a single archive work as locations', async () => {
  const { ctx, dispose } = testContext();
  try {
    const viaUrl = await new FindLinksIndex(ctx, pathToFileURL(folder).href).getProject('other');
    assert.deepEqual(
      viaUrl?.files.map((f) => f.filename),
      ['other-1.0-py3-none-any.whl'],
    );
    const relative = new FindLinksIndex(ctx, '.', folder);
    assert.equal(relative.location, folder);
    const single = new FindLinksIndex(ctx, join(folder, 'demo-pkg-0.9.tar.gz'));
    assert.deepEqual(
      (await single.getProject('demo-pkg'))?.files.map((f) => f.filename),
      ['demo-pkg-0.9.tar.gz'],
    );
    await assert.rejects(new FindLinksIndex(ctx, join(folder, 'missing')).getProject('x'), { code: 'not-found' });
  } finally {
    await dispose();
  }
});

test('an HTML page of links', async () => {
  const { ctx, dispose } = testContext();
  try {
    const page = await new FindLinksIndex(ctx, `${server.url}/wheelhouse/`).getProject('demo-pkg');
    assert.deepEqual(
      page?.files.map((f) => [f.url, f.sha256]),
      [[`${server.url}/wheelhouse/demo_pkg-3.0-py3-none-any.whl`, 'ab'.repeat(32)]],
    );
  } finally {
    await dispose();
  }
});

test('belongsTo compares normalised names', () => {
  assert.equal(belongsTo('zope.interface-6.0-cp312-cp312-manylinux_2_17_x86_64.whl', 'Zope-Interface'), true);
  assert.equal(belongsTo('demo-pkg-extra-1.0.tar.gz', 'demo-pkg'), false);
  assert.equal(belongsTo('demo-pkg-extra-1.0.tar.gz', 'demo-pkg-extra'), true);
  assert.equal(belongsTo('notes.txt', 'notes'), false);
});
