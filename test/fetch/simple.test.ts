// The simple-API client: PEP 691 JSON (real recorded PyPI pages), PEP 503 HTML, redirects and PEP 658 metadata.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { HashMismatchError } from '../../src/pypi/fetch/errors.ts';
import { SIMPLE_ACCEPT, SimpleIndex } from '../../src/pypi/index/simple.ts';
import { PYPI_API, recorded, send, startServer, testContext, type TestServer } from './helpers.ts';

const JSON_TYPE = 'application/vnd.pypi.simple.v1+json';
const WHEEL_SHA = 'aa'.repeat(32);

const HTML_PAGE = `<!DOCTYPE html>
<html><head><title>Links for demo-pkg</title></head><body>
<!-- <a href="commented-out-0.1.tar.gz">not a link</a> -->
<a data-requires-python="&gt;=3.8,&lt;4" href="../../files/demo_pkg-1.0-py3-none-any.whl#sha256=${WHEEL_SHA.toUpperCase()}" data-core-metadata="sha256=${'bb'.repeat(32)}">demo_pkg-1.0-py3-none-any.whl</a><br/>
<A data-yanked="" HREF='/files/demo-pkg-1.0.tar.gz#md5=0123abcd&amp;sha256=${'cc'.repeat(32)}'>demo-pkg-1.0.tar.gz</A>
<a href="https://files.example/demo_pkg-0.9-py3-none-any.whl" data-yanked="bad &quot;release&quot; &#x26; worse" data-dist-info-metadata="true">demo_pkg-0.9</a>
<a href=demo-pkg-0.8.tar.gz data-requires-python=">=3.6" class="x">demo-pkg-0.8.tar.gz</a>
<a href="demo-pkg-0.7%2Blocal.zip">demo-pkg-0.7+local.zip</a>
</body></html>`;

let server: TestServer;

before(async () => {
  const files = (name: string) =>
    recorded(`simple-json/${name}`).replaceAll('https://files.pythonhosted.org', server.url);
  server = await startServer((req, res) => {
    const url = req.url ?? '';
    if (url === '/simple/requests/') return send(res, 200, files('requests.json'), { 'content-type': JSON_TYPE });
    if (url === '/simple/attrs/')
      return send(res, 200, files('attrs.json'), { 'content-type': `${JSON_TYPE}; charset=utf-8` });
    if (url === '/simple/demo-pkg/') return send(res, 301, '', { location: '/canonical/demo-pkg/' });
    if (url === '/canonical/demo-pkg/')
      return send(res, 200, HTML_PAGE, { 'content-type': 'text/html; charset=utf-8' });
    if (url.endsWith('/requests-2.19.0-py2.py3-none-any.whl.metadata')) {
      return send(res, 200, readFileSync(join(PYPI_API, 'metadata/requests-2.19.0-py2.py3-none-any.whl.metadata')));
    }
    if (url.endsWith('/requests-2.18.0-py2.py3-none-any.whl.metadata'))
      return send(res, 200, 'Metadata-Version: 2.1\nName: evil\n');
    send(res, 404, 'Not Found');
  });
});
after(() => server.close());

test('PEP 691 JSON (recorded requests page): hashes, requires-python, yanked and core-metadata per file', async () => {
  const { ctx, dispose } = testContext();
  try {
    const page = await new SimpleIndex(ctx, `${server.url}/simple/`).getProject('requests');
    assert.ok(page);
    assert.equal(page.name, 'requests');
    assert.equal(page.files.length, 12);
    assert.equal(server.requests.at(-1)?.headers.accept, SIMPLE_ACCEPT);
    const wheel = page.files.find((f) => f.filename === 'requests-2.19.0-py2.py3-none-any.whl');
    assert.ok(wheel);
    assert.equal(wheel.requiresPython, '>=2.6, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*');
    assert.deepEqual(wheel.coreMetadata, {
      sha256: 'e022ab2bfbbfbf3b77f29b8bc3115eb5b202c651b9b928ec9c0b7ef9a16070f3',
    });
    assert.equal(wheel.yanked, false);
    assert.equal(wheel.url.startsWith(`${server.url}/packages/`), true);
    const sdist = page.files.find((f) => f.filename === 'requests-2.18.0.tar.gz');
    assert.ok(sdist);
    assert.equal(sdist.sha256, 'cd0189f962787284bff715fddaad478eb4d9c15aa167bd64e52ea0f661e7ea5c');
    assert.equal(sdist.coreMetadata, false);
    assert.equal(sdist.requiresPython, undefined);
    assert.equal(sdist.size, 124085);
    assert.equal(sdist.uploadTime, '2017-06-14T15:44:37.484470Z');
    const hashed = page.files.find((f) => f.filename === 'requests-2.18.4.tar.gz');
    assert.deepEqual(Object.keys(hashed?.hashes ?? {}).sort(), ['md5', 'sha256']);
  } finally {
    await dispose();
  }
});

test('PEP 691 JSON (recorded attrs page) with a charset parameter in the Content-Type', async () => {
  const { ctx, dispose } = testContext();
  try {
    const page = await new SimpleIndex(ctx, `${server.url}/simple`).getProject('attrs');
    assert.ok(page);
    const [wheel, sdist] = page.files;
    assert.equal(wheel.sha256, '1fbfc10ebc8c876dcbab17f016b80ae1a4f0c1413461a695871427960795beb4');
    assert.equal(wheel.hashes.md5, '7fe37931797b16c7fa158017457a9ea9');
    assert.deepEqual(wheel.coreMetadata, {
      sha256: 'a1828f9b7a019e96302759189410f380814be1dd57a201a56c078f9e8e11a2e5',
    });
    assert.equal(sdist.coreMetadata, false);
    assert.equal(sdist.size, 97071);
  } finally {
    await dispose();
  }
});

test('PEP 503 HTML after a redirect: entities, relative links, fragments and data attributes', async () => {
  const { ctx, dispose } = testContext();
  try {
    const page = await new SimpleIndex(ctx, `${server.url}/simple`).getProject('Demo_Pkg');
    assert.ok(page);
    assert.equal(page.name, 'Demo_Pkg');
    assert.equal(server.requests.at(-2)?.url, '/simple/demo-pkg/');
    assert.deepEqual(
      page.files.map((f) => f.filename),
      [
        'demo_pkg-1.0-py3-none-any.whl',
        'demo-pkg-1.0.tar.gz',
        'demo_pkg-0.9-py3-none-any.whl',
        'demo-pkg-0.8.tar.gz',
        'demo-pkg-0.7+local.zip',
      ],
    );
    const [wheel, sdist, old, unquoted, local] = page.files;
    assert.equal(wheel.url, `${server.url}/files/demo_pkg-1.0-py3-none-any.whl`);
    assert.equal(wheel.sha256, WHEEL_SHA);
    assert.equal(wheel.requiresPython, '>=3.8,<4');
    assert.deepEqual(wheel.coreMetadata, { sha256: 'bb'.repeat(32) });
    assert.equal(wheel.yanked, false);
    assert.equal(sdist.url, `${server.url}/files/demo-pkg-1.0.tar.gz`);
    assert.deepEqual(sdist.hashes, { md5: '0123abcd', sha256: 'cc'.repeat(32) });
    assert.equal(sdist.yanked, true);
    assert.equal(sdist.coreMetadata, false);
    assert.equal(old.url, 'https://files.example/demo_pkg-0.9-py3-none-any.whl');
    assert.equal(old.yanked, 'bad "release" & worse');
    assert.deepEqual(old.coreMetadata, {});
    assert.equal(old.sha256, undefined);
    assert.equal(unquoted.url, `${server.url}/canonical/demo-pkg/demo-pkg-0.8.tar.gz`);
    assert.equal(unquoted.requiresPython, '>=3.6');
    assert.equal(local.url, `${server.url}/canonical/demo-pkg/demo-pkg-0.7%2Blocal.zip`);
    for (const file of page.files) assert.equal(file.indexUrl, `${server.url}/simple`);
  } finally {
    await dispose();
  }
});

test('an unknown project is null', async () => {
  const { ctx, dispose } = testContext();
  try {
    assert.equal(await new SimpleIndex(ctx, `${server.url}/simple`).getProject('nothing-here'), null);
  } finally {
    await dispose();
  }
});

test('core metadata: fetched from <url>.metadata, verified, then served from the cache', async () => {
  const { ctx, dispose } = testContext();
  try {
    const index = new SimpleIndex(ctx, `${server.url}/simple`);
    const page = await index.getProject('requests');
    const wheel = page!.files.find((f) => f.filename === 'requests-2.19.0-py2.py3-none-any.whl')!;
    const text = await index.getCoreMetadata(wheel);
    assert.equal(text, recorded('metadata/requests-2.19.0-py2.py3-none-any.whl.metadata'));
    assert.match(server.requests.at(-1)?.url ?? '', /requests-2\.19\.0-py2\.py3-none-any\.whl\.metadata$/);
    const count = server.requests.length;
    assert.equal(await index.getCoreMetadata(wheel), text);
    assert.equal(server.requests.length, count);
    const sdist = page!.files.find((f) => f.filename === 'requests-2.19.0.tar.gz')!;
    assert.equal(await index.getCoreMetadata(sdist), null);
    assert.equal(server.requests.length, count);
  } finally {
    await dispose();
  }
});

test('core metadata whose sha256 differs from the index is rejected', async () => {
  const { ctx, dispose } = testContext();
  try {
    const index = new SimpleIndex(ctx, `${server.url}/simple`);
    const wheel = (await index.getProject('requests'))!.files.find(
      (f) => f.filename === 'requests-2.18.0-py2.py3-none-any.whl',
    )!;
    await assert.rejects(index.getCoreMetadata(wheel), (error: unknown) => {
      assert.ok(error instanceof HashMismatchError);
      assert.equal(error.code, 'hash-mismatch');
      assert.equal(error.expected, '4beb28df7dccdb2c54530560738dda249189e114357a69d5e5e7f06a2a019197');
      assert.match(error.message, /requests-2\.18\.0-py2\.py3-none-any\.whl\.metadata: sha256 mismatch/);
      return true;
    });
  } finally {
    await dispose();
  }
});
