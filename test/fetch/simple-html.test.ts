// PEP 503 HTML and PEP 691 JSON parsing details: <base href>, entities, metadata attributes, API versions.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeEntities, parseAnchors, parseMetadataAttribute } from '../../src/pypi/index/simple-html.ts';
import { parseSimplePage } from '../../src/pypi/index/simple.ts';

const PAGE_URL = 'https://index.example/simple/demo/';

test('<base href> changes what relative links resolve against; anchors without href are skipped', () => {
  const html =
    '<head><base href="https://mirror.example/files/"></head><a name="top">x</a><a href="demo-1.0.tar.gz">d</a>';
  assert.deepEqual(
    parseAnchors(html, PAGE_URL).map((link) => link.url),
    ['https://mirror.example/files/demo-1.0.tar.gz'],
  );
});

test('quoted ">" inside attributes, upper-case tags and attribute names, duplicated attributes keep the first', () => {
  const [link] = parseAnchors(
    '<A HREF="demo-1.0.tar.gz" DATA-REQUIRES-PYTHON=">=3.8" href="ignored.tar.gz">',
    PAGE_URL,
  );
  assert.equal(link.url, 'https://index.example/simple/demo/demo-1.0.tar.gz');
  assert.equal(link.attributes['data-requires-python'], '>=3.8');
});

test('a page of 100 000 unclosed "<a" tags is read in one pass; the links before them are kept', () => {
  const html = `<a href="demo-1.0.tar.gz">demo</a><a title=it's href="demo-1.1.tar.gz">x</a>${'<a '.repeat(100_000)}`;
  assert.deepEqual(
    parseAnchors(html, PAGE_URL).map((link) => link.url.split('/').pop()),
    ['demo-1.0.tar.gz', 'demo-1.1.tar.gz'],
  );
});

test('entities: named, decimal, hexadecimal and the legacy forms without a semicolon', () => {
  assert.equal(
    decodeEntities('&gt;=3.6,&lt;4 &#33;= &#x3D;&#X3d; &amp &ampx &unknown; &#0;'),
    '>=3.6,<4 != == & &ampx &unknown; \ufffd',
  );
});

test('metadata attributes: true, sha256=, another hash, and nonsense', () => {
  assert.deepEqual(parseMetadataAttribute('true'), {});
  assert.deepEqual(parseMetadataAttribute('sha256=ABCDEF'), { sha256: 'abcdef' });
  assert.deepEqual(parseMetadataAttribute('sha512=abcdef'), {});
  assert.equal(parseMetadataAttribute('maybe'), false);
  assert.equal(parseMetadataAttribute(undefined), false);
});

test('PEP 691 JSON: relative URLs, yanked as a reason or an empty string, dist-info-metadata fallback, api-version 2 refused', () => {
  const body = JSON.stringify({
    meta: { 'api-version': '1.1' },
    name: 'demo',
    files: [
      {
        filename: 'demo-1.0.tar.gz',
        url: '../../files/demo-1.0.tar.gz',
        hashes: { SHA256: 'AB' },
        yanked: 'CVE-0000',
        'dist-info-metadata': { sha256: 'CD' },
      },
      { filename: 'demo-0.9.tar.gz', url: '/files/demo-0.9.tar.gz', hashes: {}, yanked: '', 'requires-python': '  ' },
    ],
  });
  const page = parseSimplePage(body, '', PAGE_URL, 'demo', 'https://index.example/simple');
  assert.equal(page.files[0].url, 'https://index.example/files/demo-1.0.tar.gz');
  assert.equal(page.files[0].sha256, 'ab');
  assert.equal(page.files[0].yanked, 'CVE-0000');
  assert.deepEqual(page.files[0].coreMetadata, { sha256: 'cd' });
  assert.equal(page.files[1].yanked, true);
  assert.equal(page.files[1].requiresPython, undefined);
  assert.equal(page.files[1].sha256, undefined);
  const v2 = JSON.stringify({ meta: { 'api-version': '2.0' }, name: 'demo', files: [] });
  assert.throws(
    () => parseSimplePage(v2, 'application/vnd.pypi.simple.v1+json', PAGE_URL, 'demo', 'x'),
    /unsupported simple API version 2\.0/,
  );
  assert.throws(() => parseSimplePage('{oops', 'application/json', PAGE_URL, 'demo', 'x'), /invalid JSON/);
});
