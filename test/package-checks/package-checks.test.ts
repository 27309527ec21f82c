// Package checks on real wheels and sdists built in memory: RECORD integrity, binaries, scripts, bytecode, install locations.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { buildSdist, buildWheel, type DistSpec } from '../../scripts/lib/build-dist.ts';
import { classifyEntry, classifyMember } from '../../src/analysis/classify.ts';
import { checkPackage, checkRecord, classifyBinary } from '../../src/analysis/package-checks/index.ts';
import type { ArchiveEntry, OpenedArchive } from '../../src/model/entries.ts';
import type { Finding } from '../../src/model/result.ts';
import { HeldMembers } from '../../src/pypi/archive/held-members.ts';
import { openArchive } from '../../src/pypi/archive/index.ts';

/** A .pyc's header: CPython 3.11's magic number (0x0da7, then \r\n), flags and 8 more bytes. */
const PYC = Uint8Array.from([0xa7, 0x0d, 0x0d, 0x0a, ...new Array(16).fill(0)]);
const ELF = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
const MACHO = Uint8Array.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1, ...new Array(24).fill(0)]);
const FAT = Uint8Array.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2, ...new Array(40).fill(0)]);
const JAVA_CLASS = Uint8Array.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 61, ...new Array(40).fill(0)]);
function pe(): Uint8Array {
  const bytes = new Uint8Array(256);
  bytes.set([0x4d, 0x5a]);
  bytes[0x3c] = 0x80;
  bytes.set([0x50, 0x45, 0, 0], 0x80);
  return bytes;
}

async function open(
  spec: DistSpec,
  kind: 'wheel' | 'sdist' = 'wheel',
): Promise<{ opened: OpenedArchive; filename: string }> {
  const built = kind === 'wheel' ? buildWheel(spec) : buildSdist(spec);
  const opened = await openArchive(built.bytes, built.filename);
  assert.equal(opened.fatal, undefined);
  return { opened, filename: built.filename };
}

function rules(findings: Finding[]): string[] {
  return findings.map((f) => `${f.rule}:${f.severity}:${f.path ?? ''}`).sort();
}

const BASIC: DistSpec = {
  name: 'tidy-pkg',
  version: '1.0',
  files: { 'tidy_pkg/__init__.py': 'x = 1\n', 'tidy_pkg/core.py': 'def f():\n    return 2\n' },
};

test('classifyBinary recognises ELF, PE, Mach-O (thin and fat) and nothing else', () => {
  assert.equal(classifyBinary(ELF), 'elf');
  assert.equal(classifyBinary(pe()), 'pe');
  assert.equal(classifyBinary(MACHO), 'macho');
  assert.equal(classifyBinary(FAT), 'macho');
  assert.equal(classifyBinary(JAVA_CLASS), null, 'a Java class file shares the fat magic');
  assert.equal(
    classifyBinary(new TextEncoder().encode('MZ is not enough for a PE file, the header must be there')),
    null,
  );
  assert.equal(classifyBinary(new TextEncoder().encode('import os\n')), null);
});

test('a clean built wheel and sdist produce no findings', async () => {
  const wheel = await open(BASIC);
  assert.deepEqual(checkPackage(wheel.opened, wheel.filename), []);
  const sdist = await open(
    { ...BASIC, sdistExtraFiles: { 'setup.py': 'from setuptools import setup\nsetup()\n' } },
    'sdist',
  );
  assert.deepEqual(checkPackage(sdist.opened, sdist.filename), []);
});

test('RECORD: a changed file is a high mismatch, an added file is unlisted, a removed one is absent', async () => {
  const { opened, filename } = await open(BASIC);
  const core = opened.entries.find((e) => e.path === 'tidy_pkg/core.py')!;
  core.data = new TextEncoder().encode('import os\nos.system("id")\n');
  const init = opened.entries.findIndex((e) => e.path === 'tidy_pkg/__init__.py');
  opened.entries.splice(init, 1);
  const extra: ArchiveEntry = {
    path: 'tidy_pkg/extra.py',
    type: 'file',
    size: 4,
    data: new TextEncoder().encode('x=1\n'),
  };
  opened.entries.push(extra);
  assert.deepEqual(rules(checkPackage(opened, filename)), [
    'pkg-record-absent:low:tidy_pkg/__init__.py',
    'pkg-record-mismatch:high:tidy_pkg/core.py',
    'pkg-record-unlisted:medium:tidy_pkg/extra.py',
  ]);
});

test('RECORD: size mismatch, missing hash, weak hash, signatures exempt, missing RECORD', () => {
  const data = new TextEncoder().encode('hello\n');
  const sha = (d: Uint8Array) => createHash('sha256').update(d).digest('base64url');
  const record = [
    `p/a.py,sha256=${sha(data)},99`,
    'p/b.py,,',
    `p/c.py,md5=abc,6`,
    `"p/d,quoted.py",sha256=${sha(data)},6`,
    'x-1.0.dist-info/RECORD,,',
  ].join('\n');
  const entry = (path: string, bytes = data): ArchiveEntry => ({ path, type: 'file', size: bytes.length, data: bytes });
  const opened: OpenedArchive = {
    format: 'zip',
    problems: [],
    entries: [
      entry('p/a.py'),
      entry('p/b.py'),
      entry('p/c.py'),
      entry('p/d,quoted.py'),
      entry('x-1.0.dist-info/RECORD', new TextEncoder().encode(record)),
      entry('x-1.0.dist-info/RECORD.jws'),
      { path: 'p/', type: 'directory', size: 0 },
    ],
  };
  assert.deepEqual(rules(checkRecord(opened)), [
    'pkg-record-mismatch:high:p/a.py',
    'pkg-record-no-hash:medium:p/b.py',
    'pkg-record-weak-hash:low:p/c.py',
  ]);
  assert.deepEqual(rules(checkRecord({ format: 'zip', problems: [], entries: [entry('p/a.py')] })), [
    'pkg-record-missing:medium:',
  ]);
});

test('native binaries: high in a pure wheel, info in a platform wheel, medium in an sdist, high when disguised', async () => {
  const files = { 'binpkg/__init__.py': '', 'binpkg/helper.so': ELF };
  const pure = await open({ name: 'binpkg', version: '1.0', files });
  assert.deepEqual(rules(checkPackage(pure.opened, pure.filename)), ['pkg-binary-in-pure-wheel:high:binpkg/helper.so']);
  const platform = await open({
    name: 'binpkg',
    version: '1.0',
    tag: 'cp311-cp311-manylinux_2_17_x86_64',
    files: { ...files, 'binpkg/win.pyd': pe() },
  });
  assert.deepEqual(rules(checkPackage(platform.opened, platform.filename)), [
    'pkg-native-binary:info:binpkg/helper.so',
    'pkg-native-binary:info:binpkg/win.pyd',
  ]);
  const sdist = await open({ name: 'binpkg', version: '1.0', files: { ...files, 'binpkg/logo.png': MACHO } }, 'sdist');
  assert.deepEqual(rules(checkPackage(sdist.opened, sdist.filename)), [
    'pkg-binary-in-sdist:medium:binpkg-1.0/binpkg/helper.so',
    'pkg-disguised-binary:high:binpkg-1.0/binpkg/logo.png',
  ]);
  const finding = checkPackage(pure.opened, pure.filename)[0];
  assert.equal(finding.line, 0);
  assert.equal(finding.capability, 'native-binary');
});

test('a Windows script launcher is known by its content: a real one is info, any other .exe at a launcher path is high', async () => {
  const realLauncher = await realSetuptoolsLauncher();
  const { opened, filename } = await open({
    name: 'launchy',
    version: '1.0',
    files: {
      'setuptools/cli-64.exe': pe(),
      'pip/_vendor/distlib/t64-arm.exe': pe(),
      'launchy/update.exe': pe(),
      'launchy/vendored/cli-64.exe': realLauncher,
    },
  });
  assert.deepEqual(rules(checkPackage(opened, filename)), [
    'pkg-binary-in-pure-wheel:high:launchy/update.exe',
    'pkg-binary-in-pure-wheel:high:pip/_vendor/distlib/t64-arm.exe',
    'pkg-binary-in-pure-wheel:high:setuptools/cli-64.exe',
    'pkg-native-binary:info:launchy/vendored/cli-64.exe',
  ]);
});

test('scripts and orphan bytecode', async () => {
  const { opened, filename } = await open({
    name: 'scripty',
    version: '2.0',
    files: {
      'scripty/__init__.py': '',
      'scripty/run.ps1': 'Write-Host hi',
      'scripty/setup.sh': 'echo hi',
      'scripty/__pycache__/__init__.cpython-311.pyc': PYC,
      'scripty/__pycache__/hidden.cpython-311.pyc': PYC,
      'scripty/loose.pyc': PYC,
      'scripty/__pycache__/blob.cpython-311.pyc': new Uint8Array(20),
      'scripty-2.0.data/scripts/scripty-tool.bat': '@echo off',
    },
  });
  assert.deepEqual(rules(checkPackage(opened, filename)), [
    'pkg-fake-bytecode:high:scripty/__pycache__/blob.cpython-311.pyc',
    'pkg-orphan-bytecode:medium:scripty/__pycache__/hidden.cpython-311.pyc',
    'pkg-script-file:info:scripty/setup.sh',
    'pkg-script-file:low:scripty/run.ps1',
    'pkg-script-file:medium:scripty-2.0.data/scripts/scripty-tool.bat',
    'pkg-sourceless-module:medium:scripty/loose.pyc',
  ]);
});

test('install locations: startup modules, stdlib shadows, foreign purelib names, shadowed commands, data into site-packages', async () => {
  const { opened, filename } = await open({
    name: 'sneaky',
    version: '1.0',
    files: {
      'sneaky/__init__.py': '',
      'sitecustomize.py': 'import sneaky\n',
      'subprocess.py': 'x = 1\n',
      'sneaky-1.0.data/purelib/other_pkg/__init__.py': '',
      'sneaky-1.0.data/purelib/sneaky/extra.py': '',
      'sneaky-1.0.data/scripts/pip': '#!python\n',
      'sneaky-1.0.data/scripts/sneaky-cli': '#!python\n',
      'sneaky-1.0.data/data/lib/python3.11/site-packages/evil.py': '',
      'sneaky-1.0.data/data/share/sneaky/readme.txt': '',
    },
  });
  assert.deepEqual(rules(checkPackage(opened, filename)), [
    'pkg-data-into-site-packages:high:sneaky-1.0.data/data/lib/python3.11/site-packages/evil.py',
    'pkg-foreign-top-level:medium:sneaky-1.0.data/purelib/other_pkg/__init__.py',
    'pkg-shadows-command:high:sneaky-1.0.data/scripts/pip',
    'pkg-shadows-stdlib:medium:subprocess.py',
    'pkg-startup-module:high:sitecustomize.py',
  ]);
});

test("entry points named like a common tool shadow it; a project's own command does not", async () => {
  const { opened, filename } = await open({
    name: 'sneaky',
    version: '1.0',
    files: { 'sneaky/__init__.py': 'def main():\n    pass\n' },
    entryPoints: '[console_scripts]\npip = sneaky:main\nsneaky = sneaky:main\n\n[gui_scripts]\nSSH = sneaky:main\n',
  });
  assert.deepEqual(rules(checkPackage(opened, filename)), [
    'pkg-shadows-command:high:sneaky-1.0.dist-info/entry_points.txt',
    'pkg-shadows-command:high:sneaky-1.0.dist-info/entry_points.txt',
  ]);
  assert.deepEqual(
    checkPackage(opened, filename).map((f) => f.message),
    [
      'the wheel installs a command named "pip", shadowing a common tool on PATH',
      'the wheel installs a command named "ssh", shadowing a common tool on PATH',
    ],
  );
  const own = await open({
    name: 'pip',
    version: '24.0',
    files: { 'pip/__init__.py': '' },
    entryPoints:
      '[console_scripts]\npip = pip._internal.cli.main:main\npip3 = pip._internal.cli.main:main\npip3.11 = pip._internal.cli.main:main\n',
  });
  assert.deepEqual(checkPackage(own.opened, own.filename), []);
});

test('a backport that ships its stdlib name is not flagged', async () => {
  const { opened, filename } = await open({ name: 'typing', version: '3.7.4.3', files: { 'typing.py': 'x = 1\n' } });
  assert.deepEqual(checkPackage(opened, filename), []);
});

/** setuptools' own cli-64.exe, read from the setuptools wheel of the real-package index (built by .ci/run). */
async function realSetuptoolsLauncher(): Promise<Uint8Array> {
  const index = new URL('../../fixtures/real-index/', import.meta.url);
  const name = readdirSync(index).find((file) => /^setuptools-[\d.]+-py3-none-any\.whl$/.test(file));
  assert.ok(name, 'a setuptools wheel in fixtures/real-index');
  const opened = await openArchive(readFileSync(new URL(name, index)), name);
  const launcher = opened.entries.find((entry) => entry.path === 'setuptools/cli-64.exe')?.data;
  assert.ok(launcher, 'setuptools/cli-64.exe in the real setuptools wheel');
  return launcher;
}

test("a large wheel's members are classified and checked by the head and digest kept of them, as by their bytes", () => {
  const text = Buffer.concat([Buffer.alloc(4095, 'a'), Buffer.from('é and more text')]); // a character across 4096
  const peFar = new Uint8Array(6000);
  peFar.set([0x4d, 0x5a]);
  new DataView(peFar.buffer).setUint32(0x3c, 5000, true);
  peFar.set([0x50, 0x45, 0, 0], 5000);
  const members: [string, Uint8Array][] = [
    ['pkg/__init__.py', Buffer.from('import os\n')],
    ['pkg/notes.txt', text],
    ['pkg/tool', Buffer.from('#!/usr/bin/env python3\nprint(1)\n')],
    ['pkg/lib.so', ELF],
    ['pkg/far.dat', peFar],
    ['pkg/fake.pyc', Buffer.from('not bytecode, only text posing as it')],
  ];
  const digest = (data: Uint8Array) => createHash('sha256').update(data).digest('base64url');
  const rows = members.map(
    ([path, data], i) => `${path},sha256=${i === 1 ? digest(ELF) : digest(data)},${data.length}`,
  );
  const record = Buffer.from([...rows, 'pkg-1.0.dist-info/RECORD,,'].join('\n'));
  const all: [string, Uint8Array][] = [...members, ['pkg-1.0.dist-info/RECORD', record]];
  const plain: OpenedArchive = {
    format: 'zip',
    problems: [],
    entries: all.map(([path, data]) => ({ path, type: 'file', size: data.length, data })),
  };
  // the same members as a wheel over the budget keeps them: each read inflates again
  const held = new HeldMembers(Number.MAX_SAFE_INTEGER, 0);
  const inflated = new Map<string, number>();
  const large: OpenedArchive = {
    format: 'zip',
    problems: [],
    entries: all.map(([path, data]) => {
      const entry: ArchiveEntry = { path, type: 'file', size: data.length };
      held.attach(entry, data, () => {
        inflated.set(path, (inflated.get(path) ?? 0) + 1);
        return data.slice();
      });
      return entry;
    }),
  };
  assert.deepEqual(
    large.entries.map((entry) => classifyEntry(entry)),
    plain.entries.map((entry) => classifyMember(entry.path, entry.data)),
  );
  // inflated again to classify: only the member whose PE header lies past its head
  assert.deepEqual([...inflated], [['pkg/far.dat', 1]]);
  inflated.clear();
  const filename = 'pkg-1.0-py3-none-any.whl';
  const findings = rules(checkPackage(large, filename));
  assert.deepEqual(findings, rules(checkPackage(plain, filename)));
  assert.ok(findings.includes('pkg-record-mismatch:high:pkg/notes.txt'));
  // and to check the package: RECORD's own text and that member again, nothing else
  assert.deepEqual([...inflated].sort(), [
    ['pkg-1.0.dist-info/RECORD', 1],
    ['pkg/far.dat', 1],
  ]);
});
