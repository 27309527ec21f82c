// PEP 508 requirements and environment markers: parsing, formatting, evaluation (incl. the extra rules pip applies).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  evaluateMarker,
  formatMarker,
  formatRequirement,
  markerUsesExtra,
  parseMarker,
  parseRequirement,
  type MarkerEnvironment,
} from '../../src/pypi/pep508.ts';
import { InvalidMarker, InvalidRequirement } from '../../src/pypi/standards-error.ts';

const LINUX_312: MarkerEnvironment = {
  python_version: '3.12',
  python_full_version: '3.12.1',
  os_name: 'posix',
  sys_platform: 'linux',
  platform_machine: 'x86_64',
  platform_python_implementation: 'CPython',
  platform_release: '6.5.0-1025-azure',
  platform_system: 'Linux',
  platform_version: '#26-Ubuntu SMP',
  implementation_name: 'cpython',
  implementation_version: '3.12.1',
};
const WINDOWS_37: MarkerEnvironment = {
  ...LINUX_312,
  python_version: '3.7',
  python_full_version: '3.7.9',
  os_name: 'nt',
  sys_platform: 'win32',
  platform_machine: 'AMD64',
  platform_system: 'Windows',
  implementation_version: '3.7.9',
};

test('parseRequirement: names, extras, specifiers, markers, URLs', () => {
  const rows: [string, Partial<ReturnType<typeof parseRequirement>>][] = [
    ['requests', { name: 'requests', extras: [], specifier: '' }],
    ['PyYAML>=6.0', { name: 'PyYAML', specifier: '>=6.0' }],
    ['zope.interface (>=5.0)', { name: 'zope.interface', specifier: '>=5.0' }],
    [
      'name[extra1, extra2] (>=1,<2) ; python_version < "3.8" and extra == \'socks\'',
      {
        name: 'name',
        extras: ['extra1', 'extra2'],
        specifier: '>=1,<2',
        markerText: 'python_version < "3.8" and extra == \'socks\'',
      },
    ],
    ['requests[socks]; extra == "socks"', { name: 'requests', extras: ['socks'], markerText: 'extra == "socks"' }],
    ['chardet (<3.1.0,>=3.0.2)', { specifier: '<3.1.0,>=3.0.2' }],
    ['x >= 2.0 , <3', { specifier: '>=2.0,<3' }],
    ['foo===1.0+weird', { specifier: '===1.0+weird' }],
    [
      'pkg @ https://files.example/pkg-1.0.whl ; sys_platform == "win32"',
      {
        name: 'pkg',
        url: 'https://files.example/pkg-1.0.whl',
        markerText: 'sys_platform == "win32"',
      },
    ],
    ['pkg[a]@git+https://git.example/pkg.git', { extras: ['a'], url: 'git+https://git.example/pkg.git' }],
    ['  spaced  ', { name: 'spaced' }],
    ['empty[]', { extras: [] }],
  ];
  for (const [text, expected] of rows) {
    const r = parseRequirement(text);
    assert.equal(r.raw, text);
    for (const [key, value] of Object.entries(expected)) {
      assert.deepEqual(r[key as keyof typeof r], value, `${text}: ${key}`);
    }
  }
});

test('parseRequirement: invalid input throws a one-line InvalidRequirement naming the text', () => {
  for (const bad of [
    '',
    'bad name',
    'x >=',
    'x[a',
    'x; foo == "1"',
    'x; ',
    'x (>=1',
    '-e .',
    'x; python_version <',
    'x @ ',
    'x @ https://a.example/x.whl extra',
  ]) {
    assert.throws(
      () => parseRequirement(bad),
      (e: unknown) =>
        e instanceof InvalidRequirement && !e.message.includes('\n') && e.message.includes(JSON.stringify(bad.trim())),
      bad,
    );
  }
});

test('formatRequirement writes canonical PEP 508 that parses back to the same thing', () => {
  const rows: [string, string][] = [
    [
      'name[extra1, extra2] (>=1,<2) ; python_version < "3.8" and extra == \'socks\'',
      'name[extra1,extra2]>=1,<2; python_version < "3.8" and extra == "socks"',
    ],
    ['pkg @ https://files.example/p.whl ; os_name=="nt"', 'pkg @ https://files.example/p.whl ; os_name == "nt"'],
    [
      'x ; (os_name=="nt" or os_name == "posix") and python_version >= "3.10"',
      'x; (os_name == "nt" or os_name == "posix") and python_version >= "3.10"',
    ],
    ['plain', 'plain'],
  ];
  for (const [input, output] of rows) {
    assert.equal(formatRequirement(parseRequirement(input)), output);
    assert.equal(formatRequirement(parseRequirement(output)), output);
  }
});

test('evaluateMarker: version comparisons, string comparisons, in / not in, and/or precedence', () => {
  const rows: [string, boolean, boolean][] = [
    // marker, on Linux CPython 3.12, on Windows CPython 3.7
    ['python_version < "3.8"', false, true],
    ['python_version >= "3.10"', true, false], // version comparison: as strings "3.7" >= "3.10"
    ['python_version > "3.9"', true, false],
    ['python_full_version >= "3.12.1"', true, false],
    ['python_version == "3.12.*"', false, false], // == 3.12.* is a valid specifier: 3.12 matches, see next
    ['python_version ~= "3.7"', true, true],
    ['sys_platform == "win32"', false, true],
    ['sys_platform != "win32"', true, false],
    ['"win" in sys_platform', false, true],
    ['"linux" not in sys_platform', false, true],
    ['platform_machine in "x86_64 AMD64"', true, true],
    ['os_name == "nt" or os_name == "posix" and python_version < "3.0"', false, true],
    ['(os_name == "nt" or os_name == "posix") and python_version < "3.8"', false, true],
    ['platform_python_implementation == "CPython" and implementation_name == "cpython"', true, true],
    ['platform_release >= "5"', false, false], // not a version: a string comparison that cannot apply → packaging gives False
    ['os.name == "posix"', true, false],
    ['"3.8" > python_version', false, true],
  ];
  for (const [marker, linux, windows] of rows) {
    const node = parseMarker(marker);
    if (marker === 'python_version == "3.12.*"') {
      assert.equal(evaluateMarker(node, { ...LINUX_312, python_version: '3.12' }), true);
      continue;
    }
    assert.equal(evaluateMarker(node, LINUX_312), linux, `linux: ${marker}`);
    assert.equal(evaluateMarker(node, WINDOWS_37), windows, `windows: ${marker}`);
  }
});

test('evaluateMarker: extra is normalised, true if any requested extra matches, false with none', () => {
  const socks = parseRequirement('PySocks!=1.5.7,>=1.5.6; extra == "socks"').marker!;
  assert.equal(evaluateMarker(socks, LINUX_312), false);
  assert.equal(evaluateMarker(socks, LINUX_312, []), false);
  assert.equal(evaluateMarker(socks, LINUX_312, ['security', 'socks']), true);
  assert.equal(evaluateMarker(socks, LINUX_312, ['SOCKS']), true);
  assert.equal(evaluateMarker(socks, { ...LINUX_312, extra: 'socks' }), true);
  const dotted = parseMarker("extra == 'Foo.Bar'");
  assert.equal(evaluateMarker(dotted, LINUX_312, ['foo-bar']), true);
  assert.equal(evaluateMarker(dotted, LINUX_312, ['foo_bar']), true);
  const winSocks = parseMarker(
    'sys_platform == "win32" and (python_version == "2.7" or python_version == "2.6") and extra == \'socks\'',
  );
  assert.equal(evaluateMarker(winSocks, { ...WINDOWS_37, python_version: '2.7' }, ['socks']), true);
  assert.equal(evaluateMarker(winSocks, WINDOWS_37, ['socks']), false);
  assert.equal(markerUsesExtra(winSocks), true);
  assert.equal(markerUsesExtra(parseMarker('python_version < "3"')), false);
});

test('parseMarker rejects junk and formatMarker keeps grouping', () => {
  for (const bad of [
    '',
    'python_version',
    'python_version <',
    '"a" == "b"',
    'foo == "1"',
    '(python_version < "3"',
    'python_version < "3" xor os_name == "nt"',
  ]) {
    assert.throws(() => parseMarker(bad), InvalidMarker, bad);
  }
  const node = parseMarker("python_version<'3' and (extra=='a' or extra=='b')");
  assert.equal(formatMarker(node), 'python_version < "3" and (extra == "a" or extra == "b")');
});
