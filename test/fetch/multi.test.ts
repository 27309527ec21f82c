// Several sources as one (pip's index-url + extra-index-url + find-links): merged candidates and the record of
// projects that more than one source has (dependency confusion).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { JsonApiIndex } from '../../src/pypi/index/json-api.ts';
import { describeSharedProject, MultiIndex } from '../../src/pypi/index/multi.ts';
import { indexForUrl, openIndexes } from '../../src/pypi/index/open.ts';
import { SimpleIndex } from '../../src/pypi/index/simple.ts';
import { send, startServer, testContext, type TestServer } from './helpers.ts';

const link = (file: string, extra = '') => `<a href="/files/${file}#sha256=${'ab'.repeat(32)}"${extra}>${file}</a>\n`;
let privateIndex: TestServer;
let publicIndex: TestServer;
let folder: string;

before(async () => {
  privateIndex = await startServer((req, res) => {
    if (req.url === '/simple/internal-lib/')
      return send(res, 200, link('internal_lib-1.2-py3-none-any.whl'), { 'content-type': 'text/html' });
    if (req.url === '/files/internal_lib-1.2-py3-none-any.whl.metadata') return send(res, 200, 'Name: internal-lib\n');
    send(res, 404, 'Not Found');
  });
  publicIndex = await startServer((req, res) => {
    if (req.url === '/simple/internal-lib/') {
      return send(res, 200, link('internal_lib-99.0-py3-none-any.whl') + link('internal_lib-1.2-py3-none-any.whl'), {
        'content-type': 'text/html',
      });
    }
    if (req.url === '/simple/requests/')
      return send(res, 200, link('requests-2.32.0-py3-none-any.whl'), { 'content-type': 'text/html' });
    send(res, 404, 'Not Found');
  });
  folder = mkdtempSync(join(tmpdir(), 'pyguard-multi-'));
  writeFileSync(join(folder, 'internal_lib-1.1-py3-none-any.whl'), 'local build');
});
after(async () => {
  await privateIndex.close();
  await publicIndex.close();
  rmSync(folder, { recursive: true, force: true });
});

test('all sources are merged into one candidate list and shared projects are recorded', async () => {
  const { ctx, dispose } = testContext();
  try {
    const index = openIndexes(
      ctx,
      {
        indexUrl: `${privateIndex.url}/simple/`,
        extraIndexUrls: [`${publicIndex.url}/simple`],
        findLinks: [folder],
        noIndex: false,
      },
      '/',
    );
    const page = await index.getProject('Internal.Lib');
    assert.ok(page);
    assert.deepEqual(
      page.files.map((f) => [f.filename, f.indexUrl]),
      [
        ['internal_lib-1.2-py3-none-any.whl', `${privateIndex.url}/simple`],
        ['internal_lib-99.0-py3-none-any.whl', `${publicIndex.url}/simple`],
        ['internal_lib-1.2-py3-none-any.whl', `${publicIndex.url}/simple`],
        ['internal_lib-1.1-py3-none-any.whl', folder],
      ],
    );
    assert.ok(await index.getProject('requests'));
    assert.equal(await index.getProject('nowhere'), null);
    const shared = index.sharedProjects();
    assert.deepEqual(shared, [
      { project: 'internal-lib', sources: [`${privateIndex.url}/simple`, `${publicIndex.url}/simple`, folder] },
    ]);
    assert.deepEqual(index.sourcesOf('requests'), [`${publicIndex.url}/simple`]);
    assert.equal(index.sourcesOf('never-asked'), undefined);
    assert.match(describeSharedProject(shared[0]), /^internal-lib exists on 3 sources .*dependency confusion/);
  } finally {
    await dispose();
  }
});

test('core metadata is asked of the source the file came from', async () => {
  const { ctx, dispose } = testContext();
  try {
    const index = new MultiIndex([
      new SimpleIndex(ctx, `${privateIndex.url}/simple`),
      new SimpleIndex(ctx, `${publicIndex.url}/simple`),
    ]);
    const page = await index.getProject('internal-lib');
    const fromPrivate = { ...page!.files[0], coreMetadata: {} };
    assert.equal(await index.getCoreMetadata(fromPrivate), 'Name: internal-lib\n');
    assert.equal(privateIndex.requests.at(-1)?.url, '/files/internal_lib-1.2-py3-none-any.whl.metadata');
  } finally {
    await dispose();
  }
});

test('--no-index leaves only find-links; a /pypi URL means the JSON API', async () => {
  const { ctx, dispose } = testContext();
  after(dispose);
  const index = openIndexes(
    ctx,
    { indexUrl: 'https://pypi.example/simple', extraIndexUrls: [], findLinks: [folder], noIndex: true },
    '/',
  );
  assert.equal(index.indexes.length, 1);
  assert.equal(index.description, `${folder} (find-links)`);
  assert.ok(indexForUrl(ctx, 'https://pypi.example/pypi') instanceof JsonApiIndex);
  assert.ok(indexForUrl(ctx, 'https://pypi.example/simple/') instanceof SimpleIndex);
  assert.throws(() => indexForUrl(ctx, 'not a url'), /not a valid index URL: not a url/);
});

test('one opener: the main index is a simple API, a JSON API root or PyPI by default, every URL checked alike', () => {
  const { ctx, dispose } = testContext();
  after(dispose);
  const none = { extraIndexUrls: [], findLinks: [], noIndex: false };
  const byDefault = openIndexes(ctx, none, '/');
  assert.ok(byDefault.indexes[0] instanceof JsonApiIndex);
  assert.ok(
    openIndexes(ctx, { ...none, jsonApiUrl: 'https://mirror.example/pypi' }, '/').indexes[0] instanceof JsonApiIndex,
  );
  const both = openIndexes(
    ctx,
    { ...none, indexUrl: 'https://mirror.example/simple', jsonApiUrl: 'https://mirror.example/pypi' },
    '/',
  );
  assert.ok(both.indexes[0] instanceof SimpleIndex, 'an --index-url wins over a JSON API root');
  const repeated = openIndexes(
    ctx,
    { ...none, indexUrl: 'https://mirror.example/simple', extraIndexUrls: ['https://mirror.example/simple'] },
    '/',
  );
  assert.equal(repeated.indexes.length, 1, 'an extra index equal to the main one is not asked twice');
  assert.throws(
    () => openIndexes(ctx, { ...none, indexUrl: 'ftp://mirror.example/simple' }, '/'),
    /^UserError: not an http\(s\) or file: index URL: ftp:\/\/mirror\.example\/simple$/,
  );
  assert.throws(
    () => openIndexes(ctx, { ...none, jsonApiUrl: 'nope' }, '/'),
    /^UserError: not a valid index URL: nope$/,
  );
});
