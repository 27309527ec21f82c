// Core metadata (METADATA / PKG-INFO) and setuptools requires.txt, on the real requests METADATA and hostile input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseMetadata, parseRequiresTxt } from '../../src/pypi/metadata.ts';
import { evaluateMarker, parseRequirement, type MarkerEnvironment } from '../../src/pypi/pep508.ts';

const REQUESTS = readFileSync(
  new URL('fixtures/requests-2.19.0-py2.py3-none-any.whl.metadata', import.meta.url),
  'utf8',
);
const LINUX: MarkerEnvironment = {
  python_version: '3.12',
  python_full_version: '3.12.0',
  os_name: 'posix',
  sys_platform: 'linux',
  platform_machine: 'x86_64',
  platform_python_implementation: 'CPython',
  platform_release: '',
  platform_system: 'Linux',
  platform_version: '',
  implementation_name: 'cpython',
  implementation_version: '3.12.0',
};

test('the real requests 2.19.0 METADATA (PEP 658 file)', () => {
  const md = parseMetadata(REQUESTS);
  assert.equal(md.metadataVersion, '2.0');
  assert.equal(md.name, 'requests');
  assert.equal(md.version, '2.19.0');
  assert.equal(md.summary, 'Python HTTP for Humans.');
  assert.equal(md.homePage, 'http://python-requests.org');
  assert.equal(md.author, 'Kenneth Reitz');
  assert.equal(md.authorEmail, 'me@kennethreitz.org');
  assert.equal(md.license, 'Apache 2.0');
  assert.equal(md.requiresPython, '>=2.6, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*');
  assert.equal(md.classifiers.length, 13);
  assert.equal(md.classifiers[0], 'Development Status :: 5 - Production/Stable');
  assert.deepEqual(md.providesExtra, ['security', 'socks']); // socks is declared twice in the file
  assert.equal(md.requiresDist.length, 9);
  assert.equal(md.requiresDist[0], 'chardet (<3.1.0,>=3.0.2)');
  assert.equal(md.description, undefined);
  assert.deepEqual(md.dynamic, []);

  // Every Requires-Dist parses; on Linux CPython 3.12 without extras only the 4 base dependencies apply.
  const reqs = md.requiresDist.map(parseRequirement);
  const base = reqs.filter((r) => !r.marker || evaluateMarker(r.marker, LINUX));
  assert.deepEqual(
    base.map((r) => r.name),
    ['chardet', 'idna', 'urllib3', 'certifi'],
  );
  const socks = reqs.filter((r) => r.marker && evaluateMarker(r.marker, LINUX, ['socks']));
  assert.deepEqual(
    socks.map((r) => `${r.name}${r.specifier}`),
    ['PySocks!=1.5.7,>=1.5.6'],
  );
  const win27 = { ...LINUX, sys_platform: 'win32', python_version: '2.7' };
  assert.deepEqual(
    reqs.filter((r) => r.marker && evaluateMarker(r.marker, win27, ['socks'])).map((r) => r.name),
    ['PySocks', 'win-inet-pton'],
  );
  // the same file with CRLF line endings reads the same
  assert.deepEqual(parseMetadata(REQUESTS.replace(/\n/g, '\r\n')), md);
});

test('body after the blank line is the description; folded headers, Project-URL, Dynamic, junk', () => {
  const text = [
    'Metadata-Version: 2.2',
    'Name: zope.interface',
    'Version: 6.1',
    'License: ZPL 2.1',
    '        with continuation',
    'this line is junk',
    '   and this continuation belongs to nothing',
    'Project-URL: Source, https://github.example/zope/zope.interface',
    'Project-URL: Issues,https://github.example/zope/zope.interface/issues',
    'Project-URL: no comma here',
    'Dynamic: Requires-Dist',
    'Dynamic: Provides-Extra',
    'Requires-Dist: setuptools',
    'Requires-Dist: zope.event ; extra == "test"',
    'Provides-Extra: test',
    'Author: UNKNOWN',
    '',
    'Zope interfaces',
    '===============',
    '',
    'Body: not a header',
  ].join('\n');
  const md = parseMetadata(text);
  assert.equal(md.name, 'zope.interface');
  assert.equal(md.license, 'ZPL 2.1\nwith continuation');
  assert.deepEqual(md.projectUrls, {
    Source: 'https://github.example/zope/zope.interface',
    Issues: 'https://github.example/zope/zope.interface/issues',
  });
  assert.deepEqual(md.dynamic, ['Requires-Dist', 'Provides-Extra']);
  assert.deepEqual(md.requiresDist, ['setuptools', 'zope.event ; extra == "test"']);
  assert.equal(md.author, undefined); // UNKNOWN means absent
  assert.equal(md.description, 'Zope interfaces\n===============\n\nBody: not a header');
});

test('the Description header (metadata 1.x) keeps its lines; missing fields and garbage stay tolerant', () => {
  const md = parseMetadata(
    'Metadata-Version: 1.1\nName: old\nVersion: 0.1\nDescription: First line\n        second line\n       |third line\n',
  );
  assert.equal(md.description, 'First line\nsecond line\nthird line');
  const junk = parseMetadata('\u0000\u0001 binary junk\nno colon\n\n');
  assert.equal(junk.name, '');
  assert.equal(junk.version, '');
  assert.deepEqual(junk.requiresDist, []);
  assert.equal(parseMetadata('').name, '');
});

test('parseRequiresTxt turns egg-info sections into PEP 508 strings with markers', () => {
  const text = [
    'requests>=2',
    '# comment',
    '',
    '[socks]',
    'PySocks!=1.5.7,>=1.5.6',
    '',
    '[:python_version < "3.8"]',
    'importlib-metadata',
    '',
    '[security:sys_platform == "win32" or sys_platform == "cygwin"]',
    'pywin32>=300',
    '',
    '[:sys_platform == "darwin"]',
    'pyobjc; python_version >= "3.9"',
  ].join('\r\n');
  const out = parseRequiresTxt(text);
  assert.deepEqual(out, [
    'requests>=2',
    'PySocks!=1.5.7,>=1.5.6; extra == "socks"',
    'importlib-metadata; python_version < "3.8"',
    'pywin32>=300; (sys_platform == "win32" or sys_platform == "cygwin") and extra == "security"',
    'pyobjc; python_version >= "3.9" and sys_platform == "darwin"',
  ]);
  const reqs = out.map(parseRequirement);
  const win = { ...LINUX, sys_platform: 'win32' };
  assert.equal(evaluateMarker(reqs[3].marker!, win, ['security']), true);
  assert.equal(evaluateMarker(reqs[3].marker!, win), false);
  assert.equal(evaluateMarker(reqs[3].marker!, LINUX, ['security']), false);
});
