// The PyPI JSON API client against the real recorded responses of pypi.org, served locally.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { JsonApiIndex, parseJsonApiProject } from '../../src/pypi/index/json-api.ts';
import { recorded, send, startServer, testContext, type TestServer } from './helpers.ts';

let server: TestServer;
const routes = new Map<string, string>();

before(async () => {
  routes.set('/pypi/requests/json', recorded('json-api/requests.json'));
  routes.set('/pypi/oneversion/json', recorded('json-api/requests-2.19.0.json'));
  server = await startServer((req, res) => {
    const body = routes.get(req.url ?? '');
    if (body) send(res, 200, body, { 'content-type': 'application/json' });
    else send(res, 404, 'Not Found');
  });
});
after(() => server.close());

test('requests.json: every release file becomes a DistFile with its digest and upload time', async () => {
  const { ctx, dispose } = testContext();
  try {
    const index = new JsonApiIndex(ctx, `${server.url}/pypi/`);
    const page = await index.getProject('Requests');
    assert.ok(page);
    assert.equal(page.name, 'requests');
    assert.equal(page.indexUrl, `${server.url}/pypi`);
    assert.equal(page.files.length, 181);
    const wheel = page.files.find((f) => f.filename === 'requests-2.9.2-py2.py3-none-any.whl');
    assert.ok(wheel);
    assert.equal(wheel.sha256, '22a8c72dfc7fc18db1aca6784e97a638e9d09abe2cd387be473f88bd6dcba22f');
    assert.equal(wheel.hashes.md5, 'afecc76f13f3ae5e5dab18ae64c73c84');
    assert.equal(wheel.uploadTime, '2016-04-29T21:57:23Z');
    assert.equal(wheel.size, 502812);
    assert.equal(wheel.yanked, false);
    assert.equal(wheel.requiresPython, undefined);
    assert.equal(wheel.coreMetadata, false);
    assert.match(
      wheel.url,
      /^https:\/\/files\.pythonhosted\.org\/packages\/.*requests-2\.9\.2-py2\.py3-none-any\.whl$/,
    );
    // The earliest upload of a release is its release time (the 2.9.2 sdist went up before the wheel).
    assert.equal(page.info?.releaseTimes?.['2.9.2'], '2016-04-29T21:57:10Z');
    assert.equal(page.info?.releaseTimes?.['0.2.0'], '2011-02-14T08:49:42Z');
    assert.equal(page.info?.summary, 'Python HTTP for Humans.');
    assert.equal(page.info?.homePage, 'http://python-requests.org');
    assert.equal(page.info?.authorEmail, 'me@kennethreitz.org');
    // Versions without files (0.0.1 in the record) have no release time.
    assert.equal(page.info?.releaseTimes?.['0.0.1'], undefined);
    assert.deepEqual(server.requests.at(-1)?.url, '/pypi/requests/json');
  } finally {
    await dispose();
  }
});

test('a response without `releases` falls back to `urls` (requests-2.19.0.json)', async () => {
  const { ctx, dispose } = testContext();
  try {
    const page = await new JsonApiIndex(ctx, `${server.url}/pypi`).getProject('oneversion');
    assert.ok(page);
    assert.deepEqual(
      page.files.map((f) => f.filename),
      ['requests-2.19.0-py2.py3-none-any.whl', 'requests-2.19.0.tar.gz'],
    );
    const [wheel, sdist] = page.files;
    assert.equal(wheel.sha256, '421cfc8d9dde7d6aff68196420afd86b88c65d77d8da9cf83f4ecad785d7b9d6');
    assert.equal(wheel.hashes.blake2b_256, 'cc15e1c318dbc20032ffbe5628837ca0de2d5b116ffd1b849c699634010f6a5d');
    assert.equal(wheel.requiresPython, '>=2.6, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*');
    assert.equal(wheel.uploadTime, '2018-06-12T14:46:15.289074Z');
    assert.equal(sdist.sha256, 'cc408268d0e21589bcc2b2c248e42932b8c4d112f499c12c92e99e2178a6134c');
    assert.equal(page.info?.releaseTimes?.['2.19.0'], '2018-06-12T14:46:15.289074Z');
  } finally {
    await dispose();
  }
});

test('yanked files keep their reason; null or empty requires_python is no constraint', () => {
  const document = JSON.parse(recorded('json-api/requests-2.19.0.json'));
  document.urls[0].yanked = true;
  document.urls[0].yanked_reason = 'broken on Python 2';
  document.urls[0].requires_python = null;
  document.urls[1].yanked = true;
  document.urls[1].yanked_reason = null;
  document.urls[1].requires_python = '';
  const page = parseJsonApiProject(document, 'https://pypi.example/pypi/requests/json', 'https://pypi.example/pypi');
  assert.equal(page.files[0].yanked, 'broken on Python 2');
  assert.equal(page.files[1].yanked, true);
  assert.equal(page.files[0].requiresPython, undefined);
  assert.equal(page.files[1].requiresPython, undefined);
});

test('an unknown project is null (404), and the answer is remembered for the run', async () => {
  const { ctx, dispose } = testContext();
  try {
    const index = new JsonApiIndex(ctx, `${server.url}/pypi`);
    const before = server.requests.length;
    assert.equal(await index.getProject('no-such-project'), null);
    assert.equal(await index.getProject('No_Such.Project'), null);
    assert.equal(server.requests.length, before + 1);
  } finally {
    await dispose();
  }
});
