// The index server against a temporary folder: JSON API, PEP 691 JSON, PEP 503 HTML, PEP 658 metadata, yanked
// files, 404s, redirects, HEAD, rescans; key sets compared with real recorded PyPI responses.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { startIndexServer, type IndexServer } from '../../src/index-server/index.ts';
import { buildSdist, buildWheel, type DistSpec } from '../../scripts/lib/build-dist.ts';

const RECORDED = join(import.meta.dirname, '../fixtures/pypi-api');
const recorded = (path: string): any => JSON.parse(readFileSync(join(RECORDED, path), 'utf8'));

const ALPHA: DistSpec = {
  name: 'Alpha.Pkg',
  version: '1.0',
  requiresDist: ['beta>=2', 'gamma; extra == "fast"'],
  requiresPython: '>=3.8',
  summary: 'Alpha <things> & "more"',
  author: 'A. Author',
  files: { 'alpha_pkg/__init__.py': 'VALUE = 1\n' },
};

let folder: string;
let server: IndexServer;
const built = new Map<string, Uint8Array>();

function put(dist: { filename: string; bytes: Uint8Array }): string {
  writeFileSync(join(folder, dist.filename), dist.bytes);
  built.set(dist.filename, dist.bytes);
  return dist.filename;
}

const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

before(async () => {
  folder = mkdtempSync(join(tmpdir(), 'pyguard-index-'));
  put(buildWheel(ALPHA));
  put(buildSdist({ ...ALPHA, legacySdistName: true }));
  put(buildWheel({ ...ALPHA, version: '1.1' }));
  put(buildWheel({ ...ALPHA, version: '2.0b1' }));
  put(buildSdist({ ...ALPHA, version: '0.9', sdistDynamic: ['Requires-Dist'] }));
  put(buildWheel({ name: 'beta', version: '2.0', files: { 'beta.py': 'B = 2\n' } }));
  put(buildWheel({ name: 'beta', version: '2.1', files: { 'beta.py': 'B = 3\n' } }));
  writeFileSync(join(folder, 'README.txt'), 'not a distribution');
  writeFileSync(
    join(folder, 'index.json'),
    JSON.stringify({
      yanked: { 'Alpha.Pkg-1.1-py3-none-any.whl': 'bad <build>', 'beta-2.1-py3-none-any.whl': true },
      uploadTime: { 'Alpha.Pkg-1.0-py3-none-any.whl': '2021-03-04T05:06:07.123Z' },
      noMetadata: ['beta-2.0-py3-none-any.whl'],
    }),
  );
  server = await startIndexServer({ root: folder, pathPrefix: '/mirror' });
});

after(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

async function get(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(server.url + path, { redirect: 'manual', ...init });
}

async function getJson(path: string, accept?: string): Promise<any> {
  const response = await get(path, accept ? { headers: { accept } } : {});
  assert.equal(response.status, 200, path);
  return response.json();
}

function assertKeysCover(real: object, ours: object, where: string): void {
  const missing = Object.keys(real).filter((k) => !(k in ours));
  assert.deepEqual(missing, [], `${where}: keys PyPI gives that we do not`);
}

test('JSON API project page has the keys and value types of a real PyPI response', async () => {
  const real = recorded('json-api/requests-2.19.0.json');
  const body = await getJson('/pypi/alpha-pkg/json');
  assertKeysCover({ ...real, releases: {} }, body, 'top level');
  assertKeysCover(real.info, body.info, 'info');
  for (const file of body.urls) {
    assertKeysCover(real.urls[0], file, 'urls[]');
    assertKeysCover(real.urls[0].digests, file.digests, 'digests');
    for (const key of Object.keys(real.urls[0])) {
      if (real.urls[0][key] !== null && file[key] !== null)
        assert.equal(typeof file[key], typeof real.urls[0][key], key);
    }
  }
  assert.deepEqual(body.vulnerabilities, []);
});

test('JSON API: info describes the newest final, non-yanked release; releases group every file by version', async () => {
  const body = await getJson('/pypi/alpha-pkg/json');
  assert.equal(body.info.version, '1.0');
  assert.equal(body.info.name, 'Alpha.Pkg');
  assert.deepEqual(body.info.requires_dist, ALPHA.requiresDist);
  assert.equal(body.info.requires_python, '>=3.8');
  assert.deepEqual(body.info.provides_extra, ['fast']);
  assert.deepEqual(Object.keys(body.releases), ['0.9', '1.0', '1.1', '2.0b1']);
  assert.deepEqual(body.urls.map((f: any) => f.filename).sort(), [
    'Alpha.Pkg-1.0-py3-none-any.whl',
    'Alpha.Pkg-1.0.tar.gz',
  ]);
  const wheel = body.urls.find((f: any) => f.packagetype === 'bdist_wheel');
  const bytes = built.get('Alpha.Pkg-1.0-py3-none-any.whl')!;
  assert.equal(wheel.digests.sha256, sha256(bytes));
  assert.equal(wheel.digests.md5, createHash('md5').update(bytes).digest('hex'));
  assert.match(wheel.digests.blake2b_256, /^[0-9a-f]{64}$/);
  assert.equal(wheel.size, bytes.length);
  assert.equal(wheel.python_version, 'py3');
  assert.equal(wheel.requires_python, '>=3.8');
  assert.equal(wheel.upload_time, '2021-03-04T05:06:07');
  assert.equal(wheel.upload_time_iso_8601, '2021-03-04T05:06:07.123000Z');
  assert.equal(wheel.url, `${server.url}/files/Alpha.Pkg-1.0-py3-none-any.whl`);
  const sdist = body.urls.find((f: any) => f.packagetype === 'sdist');
  assert.equal(sdist.python_version, 'source');
  const yanked = body.releases['1.1'][0];
  assert.deepEqual([yanked.yanked, yanked.yanked_reason], [true, 'bad <build>']);
});

test('JSON API release page, and 404 for unknown projects and versions', async () => {
  const real = recorded('json-api/requests-2.19.0.json');
  const body = await getJson('/pypi/alpha-pkg/1.1/json');
  assert.deepEqual(Object.keys(body).sort(), Object.keys(real).sort());
  assert.equal(body.info.version, '1.1');
  assert.deepEqual([body.info.yanked, body.info.yanked_reason], [true, 'bad <build>']);
  assert.equal((await getJson('/pypi/alpha-pkg/1.0.0/json')).info.version, '1.0', 'versions match by PEP 440');
  for (const path of ['/pypi/nothing-here/json', '/pypi/alpha-pkg/9.9/json']) {
    const response = await get(path);
    assert.equal(response.status, 404, path);
    assert.deepEqual(await response.json(), { message: 'Not Found' });
  }
});

test('non-normalised names redirect (301) to the normalised URL', async () => {
  const cases: [string, string][] = [
    ['/pypi/Alpha.Pkg/json', '/pypi/alpha-pkg/json'],
    ['/pypi/ALPHA_pkg/1.0/json', '/pypi/alpha-pkg/1.0/json'],
    ['/simple/Alpha.Pkg/', '/simple/alpha-pkg/'],
    ['/simple/alpha-pkg', '/simple/alpha-pkg/'],
    ['/simple', '/simple/'],
    ['/mirror/simple/Alpha_Pkg/', '/mirror/simple/alpha-pkg/'],
  ];
  for (const [from, to] of cases) {
    const response = await get(from);
    assert.equal(response.status, 301, from);
    assert.equal(response.headers.get('location'), to, from);
  }
});

test('PEP 691 project page matches the recorded keys and describes files, metadata and yanking', async () => {
  const real = recorded('simple-json/attrs.json');
  const response = await get('/simple/alpha-pkg/', {
    headers: {
      accept: 'application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01',
    },
  });
  assert.equal(response.headers.get('content-type'), 'application/vnd.pypi.simple.v1+json');
  const body = await response.json();
  assertKeysCover(real, body, 'project');
  assertKeysCover(real.meta, body.meta, 'meta');
  assert.equal(body.meta['api-version'].split('.')[0], '1');
  assert.equal(body.name, 'alpha-pkg');
  assert.deepEqual(body.versions, ['0.9', '1.0', '1.1', '2.0b1']);
  const byName = new Map<string, any>(body.files.map((f: any) => [f.filename, f]));
  for (const file of body.files) assertKeysCover(real.files[0], file, file.filename);
  const wheel = byName.get('Alpha.Pkg-1.0-py3-none-any.whl');
  assert.equal(wheel.hashes.sha256, sha256(built.get(wheel.filename)!));
  assert.equal(wheel['requires-python'], '>=3.8');
  assert.equal(wheel.yanked, false);
  assert.equal(wheel['upload-time'], '2021-03-04T05:06:07.123000Z');
  const metadata = await (await get(`/files/${wheel.filename}.metadata`)).arrayBuffer();
  assert.deepEqual(wheel['core-metadata'], { sha256: sha256(new Uint8Array(metadata)) });
  assert.deepEqual(wheel['data-dist-info-metadata'], wheel['core-metadata']);
  assert.equal(byName.get('Alpha.Pkg-1.1-py3-none-any.whl').yanked, 'bad <build>');
  assert.ok(byName.get('Alpha.Pkg-1.0.tar.gz')['core-metadata'].sha256, 'static 2.2 PKG-INFO is offered');
  assert.equal(byName.get('alpha_pkg-0.9.tar.gz')['core-metadata'], false, 'dynamic Requires-Dist is not');
  const beta = await getJson('/simple/beta/', 'application/vnd.pypi.simple.v1+json');
  const betaFiles = new Map<string, any>(beta.files.map((f: any) => [f.filename, f]));
  assert.equal(betaFiles.get('beta-2.1-py3-none-any.whl').yanked, true);
  assert.equal(betaFiles.get('beta-2.0-py3-none-any.whl')['core-metadata'], false, 'noMetadata in index.json');
  assert.equal(betaFiles.get('beta-2.0-py3-none-any.whl')['requires-python'], null);
});

test('PEP 503 HTML project page carries hashes and data attributes, HTML-escaped', async () => {
  for (const [accept, type] of [
    [undefined, 'text/html; charset=utf-8'],
    ['text/html', 'text/html; charset=utf-8'],
    ['application/vnd.pypi.simple.v1+html', 'application/vnd.pypi.simple.v1+html'],
  ] as const) {
    const response = await get('/simple/alpha-pkg/', accept ? { headers: { accept } } : {});
    assert.equal(response.headers.get('content-type'), type);
    const html = await response.text();
    const anchors = [...html.matchAll(/<a ([^>]*)>([^<]*)<\/a>/g)].map((m) => ({ attrs: m[1], text: m[2] }));
    assert.equal(anchors.length, 5);
    const wheel = anchors.find((a) => a.text === 'Alpha.Pkg-1.0-py3-none-any.whl')!;
    const hash = sha256(built.get(wheel.text)!);
    assert.match(wheel.attrs, new RegExp(`href="${server.url}/files/Alpha.Pkg-1.0-py3-none-any.whl#sha256=${hash}"`));
    assert.match(wheel.attrs, /data-requires-python="&gt;=3.8"/);
    assert.match(wheel.attrs, /data-dist-info-metadata="sha256=[0-9a-f]{64}" data-core-metadata="sha256=[0-9a-f]{64}"/);
    assert.doesNotMatch(wheel.attrs, /data-yanked/);
    const yanked = anchors.find((a) => a.text === 'Alpha.Pkg-1.1-py3-none-any.whl')!;
    assert.match(yanked.attrs, /data-yanked="bad &lt;build&gt;"/);
    const dynamic = anchors.find((a) => a.text === 'alpha_pkg-0.9.tar.gz')!;
    assert.doesNotMatch(dynamic.attrs, /core-metadata/);
  }
  const beta = await (await get('/simple/beta/')).text();
  assert.match(beta, /beta-2\.1-py3-none-any\.whl#sha256=[0-9a-f]{64}" data-yanked="" /);
});

test('project list in both forms; unknown project pages are 404', async () => {
  const json = await getJson('/simple/', 'application/vnd.pypi.simple.v1+json');
  assert.deepEqual(
    json.projects.map((p: any) => p.name),
    ['Alpha.Pkg', 'beta'],
  );
  const html = await (await get('/simple/')).text();
  assert.match(html, new RegExp(`<a href="${server.url}/simple/alpha-pkg/">Alpha.Pkg</a>`));
  assert.equal((await get('/simple/nothing-here/')).status, 404);
  assert.equal(
    (await getJson('/simple/?format=application/vnd.pypi.simple.v1+json')).meta['api-version'].startsWith('1.'),
    true,
  );
});

test('files and PEP 658 metadata: bytes, Content-Length, HEAD, 404', async () => {
  const filename = 'Alpha.Pkg-1.0-py3-none-any.whl';
  const response = await get(`/files/${filename}`);
  assert.equal(response.status, 200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  assert.deepEqual(bytes, built.get(filename));
  assert.equal(response.headers.get('content-length'), String(bytes.length));
  const head = await get(`/files/${filename}`, { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(head.headers.get('content-length'), String(bytes.length));
  assert.equal((await head.arrayBuffer()).byteLength, 0);
  const metadata = await (await get(`/files/${filename}.metadata`)).text();
  assert.match(metadata, /^Metadata-Version: 2\.1\nName: Alpha\.Pkg\nVersion: 1\.0\n/);
  assert.match(await (await get('/files/Alpha.Pkg-1.0.tar.gz.metadata')).text(), /^Metadata-Version: 2\.2\n/);
  for (const path of [
    '/files/alpha_pkg-0.9.tar.gz.metadata',
    '/files/beta-2.0-py3-none-any.whl.metadata',
    '/files/README.txt',
    '/files/index.json',
    '/files/..%2Findex.json',
    '/nowhere',
  ]) {
    assert.equal((await get(path)).status, 404, path);
  }
  assert.equal((await get('/simple/', { method: 'POST' })).status, 405);
});

test('the JSON API and simple pages also answer below the configured path prefix', async () => {
  const body = await getJson('/mirror/pypi/alpha-pkg/json');
  assert.equal(body.urls[0].url.startsWith(`${server.url}/mirror/files/`), true);
  assert.equal((await get(body.urls[0].url.slice(server.url.length))).status, 200);
  assert.equal((await get('/mirror/simple/beta/')).status, 200);
});

test('a file added to the folder is served on the next request', async () => {
  const filename = put(buildWheel({ name: 'late-comer', version: '0.1', files: { 'late.py': '' } }));
  try {
    const body = await getJson('/pypi/late-comer/json');
    assert.equal(body.urls[0].filename, filename);
  } finally {
    rmSync(join(folder, filename));
  }
  assert.equal((await get('/pypi/late-comer/json')).status, 404);
});
