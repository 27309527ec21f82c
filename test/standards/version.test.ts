// PEP 440 versions and specifiers against tables computed by pip's `packaging`, plus the traps in deps.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  compareVersions,
  filterVersions,
  isPrerelease,
  isValidSpecifier,
  isValidVersion,
  normalizeVersion,
  parseSpecifier,
  parseVersion,
  satisfies,
  specifierAllowsPrereleases,
} from '../../src/pypi/version.ts';
import { InvalidSpecifier } from '../../src/pypi/standards-error.ts';

const VERSIONS = [
  '0.9',
  '1.0.dev3',
  '1.0a1',
  '1.0rc1',
  '1.0',
  '1.0+local',
  '1.0.post1',
  '1.1a1',
  '1.1',
  '2.0.dev1',
  '2.0rc1',
  '2.0',
  '2.0+l',
  '2.0.post1',
  '2.29.0',
  '2.31.0',
  '2.31.0+local',
  '2.31.1',
  '2.32.0b1',
  '2.32',
  '3.0a1',
  '3.0',
  '1!1.0',
];
// [specifier, SpecifierSet.filter(VERSIONS), SpecifierSet.filter(VERSIONS, prereleases=True)] as computed by packaging 26.2
const PACKAGING_FILTER: [string, string[], string[]][] = [
  [
    '',
    [
      '0.9',
      '1.0',
      '1.0+local',
      '1.0.post1',
      '1.1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.29.0',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32',
      '3.0',
      '1!1.0',
    ],
    [
      '0.9',
      '1.0.dev3',
      '1.0a1',
      '1.0rc1',
      '1.0',
      '1.0+local',
      '1.0.post1',
      '1.1a1',
      '1.1',
      '2.0.dev1',
      '2.0rc1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.29.0',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32.0b1',
      '2.32',
      '3.0a1',
      '3.0',
      '1!1.0',
    ],
  ],
  [
    '>=2.0,<3',
    ['2.0', '2.0+l', '2.0.post1', '2.29.0', '2.31.0', '2.31.0+local', '2.31.1', '2.32'],
    ['2.0', '2.0+l', '2.0.post1', '2.29.0', '2.31.0', '2.31.0+local', '2.31.1', '2.32.0b1', '2.32'],
  ],
  [
    '>= 2.0 , <3',
    ['2.0', '2.0+l', '2.0.post1', '2.29.0', '2.31.0', '2.31.0+local', '2.31.1', '2.32'],
    ['2.0', '2.0+l', '2.0.post1', '2.29.0', '2.31.0', '2.31.0+local', '2.31.1', '2.32.0b1', '2.32'],
  ],
  ['~=2.31', ['2.31.0', '2.31.0+local', '2.31.1', '2.32'], ['2.31.0', '2.31.0+local', '2.31.1', '2.32.0b1', '2.32']],
  ['~=2.31.0', ['2.31.0', '2.31.0+local', '2.31.1'], ['2.31.0', '2.31.0+local', '2.31.1']],
  ['==2.31.*', ['2.31.0', '2.31.0+local', '2.31.1'], ['2.31.0', '2.31.0+local', '2.31.1']],
  [
    '==2.*',
    ['2.0', '2.0+l', '2.0.post1', '2.29.0', '2.31.0', '2.31.0+local', '2.31.1', '2.32'],
    [
      '2.0.dev1',
      '2.0rc1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.29.0',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32.0b1',
      '2.32',
    ],
  ],
  [
    '!=2.29.0',
    [
      '0.9',
      '1.0',
      '1.0+local',
      '1.0.post1',
      '1.1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32',
      '3.0',
      '1!1.0',
    ],
    [
      '0.9',
      '1.0.dev3',
      '1.0a1',
      '1.0rc1',
      '1.0',
      '1.0+local',
      '1.0.post1',
      '1.1a1',
      '1.1',
      '2.0.dev1',
      '2.0rc1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32.0b1',
      '2.32',
      '3.0a1',
      '3.0',
      '1!1.0',
    ],
  ],
  [
    '>=1.0rc1',
    [
      '1.0rc1',
      '1.0',
      '1.0+local',
      '1.0.post1',
      '1.1a1',
      '1.1',
      '2.0.dev1',
      '2.0rc1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.29.0',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32.0b1',
      '2.32',
      '3.0a1',
      '3.0',
      '1!1.0',
    ],
    [
      '1.0rc1',
      '1.0',
      '1.0+local',
      '1.0.post1',
      '1.1a1',
      '1.1',
      '2.0.dev1',
      '2.0rc1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.29.0',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32.0b1',
      '2.32',
      '3.0a1',
      '3.0',
      '1!1.0',
    ],
  ],
  [
    '<2',
    ['0.9', '1.0', '1.0+local', '1.0.post1', '1.1'],
    ['0.9', '1.0.dev3', '1.0a1', '1.0rc1', '1.0', '1.0+local', '1.0.post1', '1.1a1', '1.1'],
  ],
  [
    '<2.0rc1',
    ['0.9', '1.0.dev3', '1.0a1', '1.0rc1', '1.0', '1.0+local', '1.0.post1', '1.1a1', '1.1', '2.0.dev1'],
    ['0.9', '1.0.dev3', '1.0a1', '1.0rc1', '1.0', '1.0+local', '1.0.post1', '1.1a1', '1.1', '2.0.dev1'],
  ],
  [
    '<=2.0',
    ['0.9', '1.0', '1.0+local', '1.0.post1', '1.1', '2.0', '2.0+l'],
    [
      '0.9',
      '1.0.dev3',
      '1.0a1',
      '1.0rc1',
      '1.0',
      '1.0+local',
      '1.0.post1',
      '1.1a1',
      '1.1',
      '2.0.dev1',
      '2.0rc1',
      '2.0',
      '2.0+l',
    ],
  ],
  [
    '>1.0',
    ['1.1', '2.0', '2.0+l', '2.0.post1', '2.29.0', '2.31.0', '2.31.0+local', '2.31.1', '2.32', '3.0', '1!1.0'],
    [
      '1.1a1',
      '1.1',
      '2.0.dev1',
      '2.0rc1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.29.0',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32.0b1',
      '2.32',
      '3.0a1',
      '3.0',
      '1!1.0',
    ],
  ],
  [
    '>2.0',
    ['2.29.0', '2.31.0', '2.31.0+local', '2.31.1', '2.32', '3.0', '1!1.0'],
    ['2.29.0', '2.31.0', '2.31.0+local', '2.31.1', '2.32.0b1', '2.32', '3.0a1', '3.0', '1!1.0'],
  ],
  ['==1.0', ['1.0', '1.0+local'], ['1.0', '1.0+local']],
  ['==1.0+local', ['1.0+local'], ['1.0+local']],
  [
    '!=1.0',
    [
      '0.9',
      '1.0.post1',
      '1.1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.29.0',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32',
      '3.0',
      '1!1.0',
    ],
    [
      '0.9',
      '1.0.dev3',
      '1.0a1',
      '1.0rc1',
      '1.0.post1',
      '1.1a1',
      '1.1',
      '2.0.dev1',
      '2.0rc1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.29.0',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32.0b1',
      '2.32',
      '3.0a1',
      '3.0',
      '1!1.0',
    ],
  ],
  ['===2.31.0', ['2.31.0'], ['2.31.0']],
  ['==1!1.*', ['1!1.0'], ['1!1.0']],
  ['<1.0', ['0.9'], ['0.9']],
  [
    '>1.0rc1',
    [
      '1.0',
      '1.0+local',
      '1.0.post1',
      '1.1a1',
      '1.1',
      '2.0.dev1',
      '2.0rc1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.29.0',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32.0b1',
      '2.32',
      '3.0a1',
      '3.0',
      '1!1.0',
    ],
    [
      '1.0',
      '1.0+local',
      '1.0.post1',
      '1.1a1',
      '1.1',
      '2.0.dev1',
      '2.0rc1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.29.0',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32.0b1',
      '2.32',
      '3.0a1',
      '3.0',
      '1!1.0',
    ],
  ],
  ['~=1.0.0', ['1.0', '1.0+local', '1.0.post1'], ['1.0', '1.0+local', '1.0.post1']],
  [
    '>=2.0.dev1',
    [
      '2.0.dev1',
      '2.0rc1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.29.0',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32.0b1',
      '2.32',
      '3.0a1',
      '3.0',
      '1!1.0',
    ],
    [
      '2.0.dev1',
      '2.0rc1',
      '2.0',
      '2.0+l',
      '2.0.post1',
      '2.29.0',
      '2.31.0',
      '2.31.0+local',
      '2.31.1',
      '2.32.0b1',
      '2.32',
      '3.0a1',
      '3.0',
      '1!1.0',
    ],
  ],
  ['==2.0.0', ['2.0', '2.0+l'], ['2.0', '2.0+l']],
  [
    '>=2.0,!=2.0.post1,',
    ['2.0', '2.0+l', '2.29.0', '2.31.0', '2.31.0+local', '2.31.1', '2.32', '3.0', '1!1.0'],
    ['2.0', '2.0+l', '2.29.0', '2.31.0', '2.31.0+local', '2.31.1', '2.32.0b1', '2.32', '3.0a1', '3.0', '1!1.0'],
  ],
  ['>=4', ['1!1.0'], ['1!1.0']],
  ['>=3.0a0,<3.0', [], []],
  ['~=3.0', ['3.0'], ['3.0']],
  ['<0.9', [], []],
];

test('filterVersions matches packaging SpecifierSet.filter, default and prereleases=True', () => {
  for (const [spec, byDefault, withPre] of PACKAGING_FILTER) {
    assert.deepEqual(filterVersions(VERSIONS, spec), byDefault, `filter ${JSON.stringify(spec)}`);
    assert.deepEqual(
      filterVersions(VERSIONS, spec, { prereleases: true }),
      withPre,
      `filter pre ${JSON.stringify(spec)}`,
    );
  }
});

test('filterVersions falls back to pre-releases only when no final release matches', () => {
  assert.deepEqual(filterVersions(['1.0', '2.0b1', '2.1rc1'], '>=2'), ['2.1rc1']);
  assert.deepEqual(filterVersions(['1.0', '2.0b1', '2.1rc1'], '>=2', { prereleases: false }), []);
  assert.deepEqual(filterVersions(['2.0b1'], ''), ['2.0b1']);
  assert.deepEqual(filterVersions(['2.0b1', '2.0'], '==2.0b1'), ['2.0b1']);
  assert.deepEqual(filterVersions(['3.0a1'], '<3'), []);
});

test('satisfies: single-version checks, pre-releases only when allowed or named', () => {
  const rows: [string, string, boolean, boolean?][] = [
    ['2.31.0', '>=2.0,<3', true],
    ['3.0', '>= 2.0 , <3', false],
    ['2.99', '~=2.31', true], // ~=2.31 means >=2.31, ==2.*: below 3
    ['3.0', '~=2.31', false],
    ['2.32.0', '~=2.31.0', false],
    ['2.31.5', '==2.31.*', true],
    ['2.310', '==2.31.*', false],
    ['2.29.0', '!=2.29.0', false],
    ['2.29.0+local', '!=2.29.0', false],
    ['2.31.0', '===2.31.0', true],
    ['2.31.0+local', '===2.31.0', false], // @renovatebot/pep440 says true; packaging says false
    ['2.31', '===2.31.0', false],
    ['foobar', '===foobar', true],
    ['foobar', '>=1', false],
    ['1.0+local', '==1.0', true],
    ['1.0', '==1.0+local', false],
    ['1.0rc1', '<2', false], // @renovatebot/pep440 maxSatisfying returns it; packaging does not
    ['1.0rc1', '<2', true, true],
    ['1.0rc1', '>=1.0rc1', true],
    ['1.1a1', '>=1.0', false],
    ['1.1a1', '', false],
    ['1.1a1', '', true, true],
    ['7.0', '', true],
    ['1!1.0', '>=4', true],
    ['2.0.post1', '>2.0', false],
    ['2.0+l', '>2.0', false],
    ['2.0.1', '>2.0', true],
  ];
  for (const [version, spec, expected, prereleases] of rows) {
    assert.equal(satisfies(version, spec, { prereleases }), expected, `${version} ${spec} pre=${prereleases}`);
  }
});

test('specifierAllowsPrereleases: the specifier names a pre-release (not via != or ==X.*)', () => {
  assert.equal(specifierAllowsPrereleases('>=1.0rc1'), true);
  assert.equal(specifierAllowsPrereleases('>=1.0,<2.0b1'), true);
  assert.equal(specifierAllowsPrereleases('==2.0.dev1'), true);
  assert.equal(specifierAllowsPrereleases('!=1.0rc1'), false);
  assert.equal(specifierAllowsPrereleases('>=1.0'), false);
  assert.equal(specifierAllowsPrereleases(''), false);
});

test('parseVersion, normalizeVersion, isPrerelease', () => {
  assert.deepEqual(parseVersion('1!2.0.1rc1.post2.dev3+Ubuntu-1'), {
    epoch: 1,
    release: [2, 0, 1],
    pre: { label: 'rc', number: 1 },
    post: 2,
    dev: 3,
    local: 'ubuntu.1',
    public: '1!2.0.1rc1.post2.dev3',
    baseVersion: '1!2.0.1',
  });
  assert.equal(parseVersion('not a version'), null);
  assert.equal(isValidVersion(' 1.0 '), true);
  assert.equal(isValidVersion('1.0.x'), false);
  const normal: [string, string][] = [
    ['1.0-RC1', '1.0rc1'],
    ['1.0c1', '1.0rc1'],
    ['1.0alpha1', '1.0a1'],
    ['1.0-1', '1.0.post1'],
    ['1.0.dev', '1.0.dev0'],
    ['v1.0', '1.0'],
    ['01.02', '1.2'],
    ['1.0+Ubuntu-1', '1.0+ubuntu.1'],
    ['junk', 'junk'],
  ];
  for (const [input, out] of normal) assert.equal(normalizeVersion(input), out, input);
  assert.equal(isPrerelease('1.0.dev1'), true);
  assert.equal(isPrerelease('1.0.post1.dev1'), true);
  assert.equal(isPrerelease('1.0rc1'), true);
  assert.equal(isPrerelease('1.0.post1'), false);
  assert.equal(isPrerelease('1.0+local'), false);
});

test('compareVersions orders as packaging', () => {
  const ordered = [
    '0.9a2',
    '1.0.dev3',
    '1.0a1.dev1',
    '1.0a1',
    '1.0b2.post1',
    '1.0rc1',
    '1.0',
    '1.0+abc.5',
    '1.0+abc.6',
    '1.0+5',
    '1.0.post1.dev1',
    '1.0.post1',
    '1.1',
    '2!0.1',
  ];
  const shuffled = [...ordered].reverse();
  assert.deepEqual(shuffled.sort(compareVersions), ordered);
  assert.equal(compareVersions('1.0', '1.0.0'), 0);
  assert.ok(compareVersions('junk', '0.0.1') < 0);
});

test('parseSpecifier: odd spacing and commas, invalid specifiers throw InvalidSpecifier', () => {
  assert.deepEqual(parseSpecifier(' >= 2.0 , <3 ,'), [
    { operator: '>=', version: '2.0' },
    { operator: '<', version: '3' },
  ]);
  assert.deepEqual(parseSpecifier(''), []);
  for (const bad of ['>=1.0+local', '~=1', '==1.0rc1.*', '=>1', 'latest', '>=1.*', '1.0']) {
    assert.equal(isValidSpecifier(bad), false, bad);
    assert.throws(() => satisfies('1.0', bad), InvalidSpecifier, bad);
  }
  assert.equal(isValidSpecifier('>=2.6, !=3.0.*, !=3.1.*, !=3.2.*, !=3.3.*'), true);
});
