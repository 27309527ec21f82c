// pip 23's candidate rules in isolation: packaging 21.3's pre-release filter, yanked files, hash filtering, tag
// ranking and the sdist fallback; and the static dependencies read from an sdist's pyproject.toml / setup.cfg.

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildEnvironment } from '../../src/pypi/environment.ts';
import type { DistFile } from '../../src/pypi/index/types.ts';
import { evaluateFiles, pipFilterVersions, selectCandidates } from '../../src/pypi/resolver/finder.ts';
import { fromPyproject, fromSetupCfg } from '../../src/pypi/resolver/static-deps.ts';
import { parseSpecifier } from '../../src/pypi/version.ts';

const env = buildEnvironment('3.12', 'manylinux_2_28_x86_64');

function file(filename: string, extra: Partial<DistFile> = {}): DistFile {
  return {
    filename,
    url: `https://files.example/${filename}`,
    hashes: {},
    yanked: false,
    coreMetadata: false,
    indexUrl: 'https://index.example',
    ...extra,
  };
}

function choose(files: DistFile[], spec = '', opts: { pre?: boolean; hashes?: string[] } = {}): string[] {
  const evaluated = evaluateFiles({ name: 'pkg', files, indexUrl: 'https://index.example' }, { env });
  const hashes = opts.hashes ? new Set(opts.hashes) : undefined;
  return selectCandidates(evaluated, {
    clauses: parseSpecifier(spec),
    pre: Boolean(opts.pre),
    ...(hashes ? { hashes } : {}),
  }).map((c) => c.file.filename);
}

describe('pip 23 candidate selection', () => {
  it('filters pre-releases as packaging 21.3 does', () => {
    const versions = ['1.0', '2.0b1'];
    assert.deepEqual([...pipFilterVersions(versions, [], false)], ['1.0']);
    assert.deepEqual(
      [...pipFilterVersions(['2.0b1'], [], false)],
      ['2.0b1'],
      'no specifier: pre-releases when nothing else',
    );
    assert.deepEqual(
      [...pipFilterVersions(['2.0b1'], parseSpecifier('>=1'), false)],
      [],
      'a specifier naming no pre-release never matches one',
    );
    assert.deepEqual([...pipFilterVersions(versions, parseSpecifier('>=2.0b1'), false)], ['2.0b1']);
    assert.deepEqual([...pipFilterVersions(versions, parseSpecifier('>=1'), true)], ['1.0', '2.0b1']);
  });

  it('orders newest first, one file per version, the best wheel tag before the sdist', () => {
    const files = [
      file('pkg-2.0.tar.gz'),
      file('pkg-2.0-py3-none-any.whl'),
      file('pkg-2.0-cp312-cp312-manylinux_2_17_x86_64.whl'),
      file('pkg-2.0-cp312-cp312-win_amd64.whl'),
      file('pkg-1.0.tar.gz'),
      file('pkg-3.0-cp313-cp313-manylinux_2_17_x86_64.whl'),
    ];
    assert.deepEqual(choose(files), ['pkg-2.0-cp312-cp312-manylinux_2_17_x86_64.whl', 'pkg-1.0.tar.gz']);
  });

  it('skips yanked files unless every match is yanked and the specifier pins', () => {
    const files = [file('pkg-1.0-py3-none-any.whl'), file('pkg-2.0-py3-none-any.whl', { yanked: 'bad' })];
    assert.deepEqual(choose(files), ['pkg-1.0-py3-none-any.whl']);
    assert.deepEqual(choose(files, '==2.0'), ['pkg-2.0-py3-none-any.whl']);
    assert.deepEqual(choose(files, '>=2.0'), [], 'not pinned: a yanked release is never chosen');
  });

  it('drops files whose Requires-Python excludes the target (invalid specifiers are ignored)', () => {
    const files = [
      file('pkg-2.0-py3-none-any.whl', { requiresPython: '>=3.13' }),
      file('pkg-1.0-py3-none-any.whl', { requiresPython: '>=3.8,<4 garbage' }),
    ];
    assert.deepEqual(choose(files), ['pkg-1.0-py3-none-any.whl']);
  });

  it('prefers files whose sha256 is among the --hash values', () => {
    const files = [
      file('pkg-2.0-py3-none-any.whl', { sha256: 'b'.repeat(64) }),
      file('pkg-1.0-py3-none-any.whl', { sha256: 'a'.repeat(64) }),
    ];
    assert.deepEqual(choose(files, '', { hashes: ['a'.repeat(64)] }), ['pkg-1.0-py3-none-any.whl']);
    assert.deepEqual(
      choose(files, '', { hashes: ['c'.repeat(64)] }),
      ['pkg-2.0-py3-none-any.whl', 'pkg-1.0-py3-none-any.whl'],
      'no match: all kept, as pip',
    );
  });
});

describe('static sdist dependencies', () => {
  it('reads [project] dependencies and optional-dependencies of pyproject.toml', () => {
    const deps = fromPyproject(
      [
        '[build-system]',
        'requires = ["setuptools"]',
        '[project]',
        'name = "x"  # the name',
        'requires-python = ">=3.9"',
        'dependencies = [',
        '  "requests>=2",  # http',
        '  \'tomli; python_version < "3.11"\',',
        ']',
        '[project.optional-dependencies]',
        'socks = ["PySocks>=1.5"]',
      ].join('\n'),
    );
    assert.deepEqual(deps, {
      requiresDist: ['requests>=2', 'tomli; python_version < "3.11"', 'PySocks>=1.5; extra == "socks"'],
      providesExtra: ['socks'],
      requiresPython: '>=3.9',
      from: 'pyproject.toml',
    });
    assert.equal(fromPyproject('[project]\nname = "x"\ndynamic = ["dependencies"]\ndependencies = []\n'), null);
  });

  it('reads [options] install_requires and extras_require of setup.cfg', () => {
    const deps = fromSetupCfg(
      [
        '[metadata]',
        'name = x',
        '[options]',
        'python_requires = >=3.8',
        'install_requires =',
        '    click>=8',
        '    colorama; platform_system == "Windows"',
        '[options.extras_require]',
        'dev = pytest',
      ].join('\n'),
    );
    assert.deepEqual(deps, {
      requiresDist: ['click>=8', 'colorama; platform_system == "Windows"', 'pytest; extra == "dev"'],
      providesExtra: ['dev'],
      requiresPython: '>=3.8',
      from: 'setup.cfg',
    });
    assert.equal(fromSetupCfg('[options]\ninstall_requires = file: requirements.txt\n'), null);
  });
});
