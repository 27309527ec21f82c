// Converting the metadata folder a Debian package installs into a wheel's .dist-info, and reading Depends.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendHeaders, convertMetadata } from '../../scripts/real-index/dist-info.ts';
import { pythonDepends } from '../../scripts/real-index/deb.ts';
import { parseMetadata } from '../../src/pypi/metadata.ts';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (data: Uint8Array | undefined): string => new TextDecoder().decode(data);

const PKG_INFO = `Metadata-Version: 2.1
Name: Demo.Pkg
Version: 1.2
Summary: A demo
Provides-Extra: socks
Description-Content-Type: text/markdown

# Demo

Body text: with a colon.
`;

test('appendHeaders puts lines at the end of the header block, before the body', () => {
  assert.equal(appendHeaders('A: 1\nB: 2\n\nbody\n', ['C: 3']), 'A: 1\nB: 2\nC: 3\n\nbody\n');
  assert.equal(appendHeaders('A: 1\r\nB: 2\r\n', ['C: 3']), 'A: 1\nB: 2\nC: 3\n');
  assert.equal(appendHeaders('A: 1\n', []), 'A: 1\n');
});

test('an egg-info becomes METADATA with requires.txt sections as markers and the restored requirements first', () => {
  const converted = convertMetadata(
    {
      folder: 'Demo.Pkg-1.2.egg-info',
      files: new Map([
        ['PKG-INFO', bytes(PKG_INFO)],
        ['requires.txt', bytes('\n[socks]\nPySocks>=1.5.6\n\n[:python_version < "3.8"]\nimportlib-metadata\n')],
        ['top_level.txt', bytes('demo\n')],
        ['entry_points.txt', bytes('[console_scripts]\ndemo = demo:main\n')],
        ['dependency_links.txt', bytes('\n')],
        ['SOURCES.txt', bytes('setup.py\n')],
      ]),
    },
    ['six>=1.5'],
  );
  assert.equal(converted.name, 'Demo.Pkg');
  assert.equal(converted.version, '1.2');
  assert.deepEqual([...converted.files.keys()], ['METADATA', 'entry_points.txt', 'top_level.txt']);
  const metadata = parseMetadata(text(converted.files.get('METADATA')));
  assert.deepEqual(metadata.requiresDist, [
    'six>=1.5',
    'PySocks>=1.5.6; extra == "socks"',
    'importlib-metadata; python_version < "3.8"',
  ]);
  assert.deepEqual(metadata.providesExtra, ['socks'], 'an extra already declared is not declared twice');
  assert.equal(metadata.summary, 'A demo');
  assert.equal(metadata.description, '# Demo\n\nBody text: with a colon.\n', 'the body stays the body');
  assert.ok(converted.notes.some((n) => n.includes('six>=1.5')));
});

test('a requirement the metadata already holds unconditionally is not restored twice', () => {
  const converted = convertMetadata(
    {
      folder: 'demo-1.0.dist-info',
      files: new Map([
        ['METADATA', bytes('Metadata-Version: 2.1\nName: demo\nVersion: 1.0\nRequires-Dist: Six (>=1.0)\n')],
        ['RECORD', bytes('demo/__init__.py,,\n')],
        ['INSTALLER', bytes('debian\n')],
      ]),
    },
    ['six>=1.5', 'idna'],
  );
  assert.deepEqual(parseMetadata(text(converted.files.get('METADATA'))).requiresDist, ['Six (>=1.0)', 'idna']);
  assert.deepEqual([...converted.files.keys()], ['METADATA'], 'RECORD and INSTALLER are rewritten or dropped');
});

test('pythonDepends keeps the python3-* packages, first choice of each alternative', () => {
  assert.deepEqual(
    pythonDepends(
      'python3-click (>= 8.0), python3-importlib-metadata | python3 (>> 3.10), python3:any, ca-certificates, python3-six',
    ),
    ['python3-click', 'python3-importlib-metadata', 'python3-six'],
  );
});
