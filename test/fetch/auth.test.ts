// Private indexes with credentials in the URL: Basic auth sent (also for files on the same origin, as pip does),
// never to another origin, and the password never shown in messages or index URLs.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { fetchArtifact } from '../../src/pypi/fetch/download.ts';
import { redactUrl } from '../../src/pypi/fetch/errors.ts';
import { SimpleIndex } from '../../src/pypi/index/simple.ts';
import { send, startServer, testContext, type TestServer } from './helpers.ts';

const AUTH = `Basic ${Buffer.from('alice:s3cret@x').toString('base64')}`;
const WHEEL = 'private wheel';
const WHEEL_SHA = createHash('sha256').update(WHEEL).digest('hex');
let server: TestServer;
let other: TestServer;

before(async () => {
  other = await startServer((_req, res) => send(res, 200, WHEEL));
  server = await startServer((req, res) => {
    if (req.headers.authorization !== AUTH) return send(res, 401, 'who are you?');
    if (req.url === '/simple/private-lib/') {
      return send(
        res,
        200,
        `<a href="/files/private_lib-1.0-py3-none-any.whl#sha256=${WHEEL_SHA}">w</a>` +
          `<a href="${other.url}/files/private_lib-0.9-py3-none-any.whl#sha256=${WHEEL_SHA}">elsewhere</a>`,
        { 'content-type': 'text/html' },
      );
    }
    if (req.url === '/files/private_lib-1.0-py3-none-any.whl') return send(res, 200, WHEEL);
    send(res, 404, 'Not Found');
  });
});
after(async () => {
  await server.close();
  await other.close();
});

test('credentials in the index URL authenticate the page and the files of that origin only', async () => {
  const { ctx, dispose } = testContext();
  try {
    const root = `${server.url.replace('http://', 'http://alice:s3cret%40x@')}/simple`;
    const index = new SimpleIndex(ctx, root);
    assert.equal(index.indexUrl, `${server.url.replace('http://', 'http://alice:****@')}/simple`);
    const page = await index.getProject('private-lib');
    assert.ok(page);
    assert.equal(page.indexUrl, index.indexUrl);
    assert.equal(page.files[0].url, `${server.url}/files/private_lib-1.0-py3-none-any.whl`);
    assert.equal((await fetchArtifact(page.files[0], ctx)).verified, true);
    assert.equal(server.requests.at(-1)?.headers.authorization, AUTH);
    await fetchArtifact(page.files[1], ctx);
    assert.equal(other.requests.at(-1)?.headers.authorization, undefined);
  } finally {
    await dispose();
  }
});

test('a 401 says "authentication required" and hides the password', async () => {
  const { ctx, dispose } = testContext();
  try {
    const index = new SimpleIndex(ctx, `${server.url.replace('http://', 'http://alice:wrong@')}/simple`);
    await assert.rejects(index.getProject('private-lib'), (error: unknown) => {
      assert.ok(error instanceof Error);
      assert.equal(error.message, `${server.url}/simple/private-lib/: HTTP 401 (authentication required)`);
      assert.doesNotMatch(error.message, /wrong/);
      return true;
    });
  } finally {
    await dispose();
  }
});

test('redactUrl hides passwords and bare tokens', () => {
  assert.equal(redactUrl('https://user:pw@host.example/simple'), 'https://user:****@host.example/simple');
  assert.equal(redactUrl('https://tok3n@host.example/simple'), 'https://****@host.example/simple');
  assert.equal(redactUrl('https://host.example/a@b'), 'https://host.example/a@b');
});
