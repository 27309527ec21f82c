// The pip-parity scenarios: small dependency worlds, each with the requirements to resolve and the target. Markers
// are only used with this machine's interpreter, since pip evaluates them for the running Python, not --python-version.

import { join } from 'node:path';
import { sdist, wheel, type WorldFile, type WorldOptions } from './world.ts';
import type { RunOptions } from './run.ts';

export interface Scenario extends RunOptions, WorldOptions {
  name: string;
  files: WorldFile[];
  /** Serve this folder instead of building `files`. */
  folder?: string;
  /**
   * Lines ("name version file") pyguard adds to pip's set because it evaluates markers for the target, while pip 23
   * evaluates them for the interpreter it runs on even with --platform/--python-version.
   */
  targetMarkerExtras?: string[];
  /** Both must fail; pyguard's explanation must match this. */
  conflict?: RegExp;
}

const LINUX_312 = { pythonVersion: '3.12', platform: 'manylinux_2_28_x86_64' };

export const SCENARIOS: Scenario[] = [
  {
    name: 'transitive chain',
    roots: ['app'],
    files: [
      wheel({ name: 'app', version: '1.0', requiresDist: ['lib>=1'] }),
      wheel({ name: 'lib', version: '1.0' }),
      wheel({ name: 'lib', version: '2.0', requiresDist: ['base<2'] }),
      wheel({ name: 'base', version: '1.5' }),
      wheel({ name: 'base', version: '2.0' }),
    ],
  },
  {
    name: 'extras on a root',
    roots: ['web[async]'],
    files: [
      wheel({
        name: 'web',
        version: '1.0',
        requiresDist: ['core', 'aio>=2; extra == "async"', 'never; extra == "other"'],
      }),
      wheel({ name: 'core', version: '1.0' }),
      wheel({ name: 'aio', version: '1.0' }),
      wheel({ name: 'aio', version: '2.1' }),
      wheel({ name: 'never', version: '1.0' }),
    ],
  },
  {
    name: 'extras of a dependency',
    roots: ['top'],
    files: [
      wheel({ name: 'top', version: '1.0', requiresDist: ['mid[fast]>=1'] }),
      wheel({ name: 'mid', version: '1.0', requiresDist: ['speedy; extra == "fast"'] }),
      wheel({ name: 'mid', version: '1.1', requiresDist: ['speedy>=2; extra == "fast"', 'plain'] }),
      wheel({ name: 'speedy', version: '1.0' }),
      wheel({ name: 'speedy', version: '2.0' }),
      wheel({ name: 'plain', version: '1.0' }),
    ],
  },
  {
    name: 'markers on python_version',
    roots: ['mk'],
    files: [
      wheel({
        name: 'mk',
        version: '1.0',
        requiresDist: [
          'old-backport; python_version < "3.10"',
          'modern>=1; python_version >= "3.10"',
          'full; python_full_version >= "3.8.1"',
        ],
      }),
      wheel({ name: 'old-backport', version: '1.0' }),
      wheel({ name: 'modern', version: '1.0' }),
      wheel({ name: 'full', version: '1.0' }),
    ],
  },
  {
    name: 'markers on sys_platform',
    roots: ['plat'],
    files: [
      wheel({
        name: 'plat',
        version: '1.0',
        requiresDist: ['winonly; sys_platform == "win32"', 'posixonly; os_name == "posix" and sys_platform != "win32"'],
      }),
      wheel({ name: 'winonly', version: '1.0' }),
      wheel({ name: 'posixonly', version: '1.0' }),
    ],
  },
  {
    name: 'specifier intersection across two dependents',
    roots: ['left', 'right'],
    files: [
      wheel({ name: 'left', version: '1.0', requiresDist: ['shared>=1.2'] }),
      wheel({ name: 'right', version: '1.0', requiresDist: ['shared<2'] }),
      ...['1.0', '1.2', '1.5', '2.0'].map((v) => wheel({ name: 'shared', version: v })),
    ],
  },
  {
    name: 'conflict that needs backtracking',
    roots: ['alpha', 'beta>=2'],
    files: [
      wheel({ name: 'alpha', version: '1.0', requiresDist: ['beta>=1'] }),
      wheel({ name: 'alpha', version: '2.0', requiresDist: ['beta<2'] }),
      wheel({ name: 'beta', version: '1.0' }),
      wheel({ name: 'beta', version: '2.5' }),
    ],
  },
  {
    name: 'deeper backtracking through a transitive pin',
    roots: ['frame', 'tool'],
    files: [
      wheel({ name: 'frame', version: '3.0', requiresDist: ['kit==3.*'] }),
      wheel({ name: 'frame', version: '2.0', requiresDist: ['kit==2.*'] }),
      wheel({ name: 'frame', version: '1.0', requiresDist: ['kit'] }),
      wheel({ name: 'kit', version: '3.1' }),
      wheel({ name: 'kit', version: '2.4' }),
      wheel({ name: 'kit', version: '1.0' }),
      wheel({ name: 'tool', version: '2.0', requiresDist: ['helper>=2'] }),
      wheel({ name: 'tool', version: '1.0', requiresDist: ['helper'] }),
      wheel({ name: 'helper', version: '2.0', requiresDist: ['kit<3'] }),
      wheel({ name: 'helper', version: '1.0' }),
    ],
  },
  {
    name: 'only a pre-release available',
    roots: ['early'],
    files: [wheel({ name: 'early', version: '1.0b1' }), wheel({ name: 'early', version: '0.9a2' })],
  },
  {
    name: 'pre-release named in the specifier',
    roots: ['beta2>=2.0rc1'],
    files: [
      wheel({ name: 'beta2', version: '1.5' }),
      wheel({ name: 'beta2', version: '2.0rc1' }),
      wheel({ name: 'beta2', version: '1.9' }),
    ],
  },
  {
    name: '--pre',
    roots: ['gamma', 'delta'],
    pre: true,
    files: [
      wheel({ name: 'gamma', version: '1.0' }),
      wheel({ name: 'gamma', version: '1.1a1', requiresDist: ['delta>=1'] }),
      wheel({ name: 'delta', version: '1.0' }),
      wheel({ name: 'delta', version: '1.1.dev3' }),
    ],
  },
  {
    name: 'a dependency whose only match is a pre-release (pip 23 refuses it)',
    roots: ['needs-pre'],
    files: [
      wheel({ name: 'needs-pre', version: '1.0', requiresDist: ['onlypre>=1.0'] }),
      wheel({ name: 'onlypre', version: '1.1b1' }),
    ],
    conflict: /onlypre/,
  },
  {
    name: 'yanked release ignored',
    roots: ['yk'],
    yanked: { 'yk-2.0-py3-none-any.whl': 'broken upload' },
    files: [wheel({ name: 'yk', version: '1.0' }), wheel({ name: 'yk', version: '2.0' })],
  },
  {
    name: 'yanked release pinned with ==',
    roots: ['yk==2.0'],
    yanked: { 'yk-2.0-py3-none-any.whl': true },
    files: [wheel({ name: 'yk', version: '1.0' }), wheel({ name: 'yk', version: '2.0' })],
  },
  {
    name: 'requires-python excludes the newest',
    roots: ['rp'],
    files: [
      wheel({ name: 'rp', version: '3.0', requiresPython: '>=3.13' }),
      wheel({ name: 'rp', version: '2.0', requiresPython: '>=3.8', requiresDist: ['rpdep'] }),
      wheel({ name: 'rpdep', version: '2.0', requiresPython: '>= 3.13' }),
      wheel({ name: 'rpdep', version: '1.0', requiresPython: '>=3.7,' }),
    ],
  },
  {
    name: 'platform wheels for a manylinux cp312 target',
    roots: ['native'],
    target: LINUX_312,
    files: [
      wheel({
        name: 'native',
        version: '1.0',
        tag: 'cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64',
        requiresDist: ['pure'],
      }),
      wheel({ name: 'native', version: '1.0', tag: 'cp312-cp312-win_amd64', requiresDist: ['pure'] }),
      wheel({ name: 'native', version: '1.0', tag: 'cp312-cp312-macosx_11_0_arm64', requiresDist: ['pure'] }),
      wheel({ name: 'native', version: '1.1', tag: 'cp312-cp312-musllinux_1_2_x86_64' }),
      wheel({ name: 'native', version: '1.2', tag: 'cp313-cp313-manylinux_2_17_x86_64' }),
      wheel({ name: 'pure', version: '1.0' }),
    ],
  },
  {
    name: 'best tag within a version (cpXY, abi3, py3)',
    roots: ['tagged'],
    target: LINUX_312,
    files: [
      wheel({ name: 'tagged', version: '1.0', tag: 'py3-none-any' }),
      wheel({ name: 'tagged', version: '1.0', tag: 'cp38-abi3-manylinux_2_17_x86_64' }),
      wheel({ name: 'tagged', version: '1.0', tag: 'cp312-cp312-manylinux_2_17_x86_64' }),
      wheel({ name: 'tagged', version: '1.0', tag: 'cp312-cp312-manylinux_2_34_x86_64' }),
    ],
  },
  {
    name: 'macOS arm64 target (universal2, older macOS wheels)',
    roots: ['mac'],
    target: { pythonVersion: '3.12', platform: 'macosx_14_0_arm64' },
    files: [
      wheel({ name: 'mac', version: '2.0', tag: 'cp312-cp312-macosx_10_9_x86_64' }),
      wheel({ name: 'mac', version: '1.0', tag: 'cp312-cp312-macosx_11_0_universal2' }),
      wheel({ name: 'mac', version: '1.0', tag: 'cp312-cp312-macosx_12_0_arm64' }),
      wheel({ name: 'mac', version: '1.0', tag: 'cp312-cp312-macosx_15_0_arm64' }),
    ],
  },
  {
    name: 'Windows target with abi3',
    roots: ['win'],
    target: { pythonVersion: '3.11', platform: 'win_amd64' },
    files: [
      wheel({ name: 'win', version: '1.0', tag: 'cp37-abi3-win_amd64' }),
      wheel({ name: 'win', version: '1.0-1', tag: 'cp311-cp311-win32' }),
      wheel({ name: 'win', version: '0.9', tag: 'py3-none-any' }),
    ],
  },
  {
    name: 'extras combined with backtracking',
    roots: ['svc[db]', 'dbdriver<2'],
    files: [
      wheel({ name: 'svc', version: '2.0', requiresDist: ['dbdriver>=2; extra == "db"'] }),
      wheel({ name: 'svc', version: '1.0', requiresDist: ['dbdriver>=1; extra == "db"'] }),
      wheel({ name: 'dbdriver', version: '1.4' }),
      wheel({ name: 'dbdriver', version: '2.2' }),
    ],
  },
  {
    name: 'sdist fallback when no wheel fits',
    roots: ['fallback'],
    files: [
      wheel({ name: 'fallback', version: '1.1', tag: 'cp311-cp311-win_amd64' }),
      sdist({ name: 'fallback', version: '1.1', requiresDist: ['fbdep'] }),
      wheel({ name: 'fallback', version: '1.2', tag: 'py3-none-macosx_11_0_arm64' }),
      wheel({ name: 'fbdep', version: '1.0' }),
    ],
  },
  {
    name: 'sdist with static pyproject dependencies (PKG-INFO dynamic, no .metadata)',
    roots: ['staticdeps'],
    noMetadata: ['staticdeps-1.0.tar.gz'],
    files: [
      sdist({ name: 'staticdeps', version: '1.0', requiresDist: ['sdep>=1'] }, 'pyproject'),
      wheel({ name: 'sdep', version: '1.0' }),
    ],
  },
  {
    name: 'dependencies from the wheel METADATA (no .metadata file)',
    roots: ['nometa'],
    noMetadata: ['nometa-1.0-py3-none-any.whl', 'nmdep-2.0-py3-none-any.whl'],
    files: [
      wheel({ name: 'nometa', version: '1.0', requiresDist: ['nmdep'] }),
      wheel({ name: 'nmdep', version: '2.0', requiresDist: ['nmleaf'] }),
      wheel({ name: 'nmleaf', version: '1' }),
    ],
  },
  {
    name: 'names spelled differently (PyYAML, zope.interface)',
    roots: ['pyyaml', 'Zope_Interface>=5'],
    files: [
      wheel({ name: 'PyYAML', version: '6.0.1' }),
      wheel({ name: 'zope.interface', version: '6.1', requiresDist: ['setup-tools-ish'] }),
      wheel({ name: 'setup_tools.ish', version: '1.0' }),
    ],
  },
  {
    name: 'compatible release ~=',
    roots: ['cr~=1.4', 'cr2~=1.4.0'],
    files: [
      ...['1.3', '1.4.2', '1.9', '2.0'].map((v) => wheel({ name: 'cr', version: v })),
      ...['1.4.0', '1.4.7', '1.5.0'].map((v) => wheel({ name: 'cr2', version: v })),
    ],
  },
  {
    name: 'exclusion !=',
    roots: ['ne!=2.0,!=1.9.*'],
    files: ['1.0', '1.9.1', '2.0'].map((v) => wheel({ name: 'ne', version: v })),
  },
  {
    name: 'local versions',
    roots: ['loc==1.0', 'loc2<2'],
    files: [
      wheel({ name: 'loc', version: '1.0' }),
      wheel({ name: 'loc', version: '1.0+ubuntu.1' }),
      wheel({ name: 'loc2', version: '1.5' }),
      wheel({ name: 'loc2', version: '1.5+build.7' }),
    ],
  },
  {
    name: 'unsatisfiable conflict',
    roots: ['flask==2.0', 'werkzeug>=3'],
    files: [
      wheel({ name: 'flask', version: '2.0.0', requiresDist: ['werkzeug<2.1,>=2.0'] }),
      wheel({ name: 'werkzeug', version: '2.0.3' }),
      wheel({ name: 'werkzeug', version: '3.0.1' }),
    ],
    conflict: /^Cannot install flask==2\.0 and werkzeug>=3: flask 2\.0\.0 requires [Ww]erkzeug<2\.1,>=2\.0$/,
  },
  {
    name: 'a dependency cycle',
    roots: ['cyc-a'],
    files: [
      wheel({ name: 'cyc-a', version: '1.0', requiresDist: ['cyc-b>=1'] }),
      wheel({ name: 'cyc-b', version: '1.0', requiresDist: ['cyc-a'] }),
      wheel({ name: 'cyc-b', version: '2.0', requiresDist: ['cyc-a>=2'] }),
    ],
  },
  {
    name: 'two parents asking for different extras, one of them not provided',
    roots: ['p1', 'p2', 'multi[one,two]'],
    files: [
      wheel({ name: 'p1', version: '1.0', requiresDist: ['multi[one]'] }),
      wheel({ name: 'p2', version: '1.0', requiresDist: ['multi[three]<2'] }),
      wheel({
        name: 'multi',
        version: '1.0',
        requiresDist: ['e-one; extra == "one"', 'e-two; extra == "two"', 'e-three; extra == "three"'],
        providesExtra: ['one', 'two'],
      }),
      wheel({
        name: 'multi',
        version: '2.0',
        requiresDist: ['e-one; extra == "one"'],
        providesExtra: ['one', 'two', 'three'],
      }),
      ...['e-one', 'e-two', 'e-three'].map((name) => wheel({ name, version: '1.0' })),
    ],
  },
  {
    name: 'a root whose marker is false, and === arbitrary equality',
    roots: ['skipped; sys_platform == "win32"', 'exact===1.0'],
    files: [
      wheel({ name: 'skipped', version: '1.0' }),
      wheel({ name: 'exact', version: '1.0' }),
      wheel({ name: 'exact', version: '1.1' }),
    ],
  },
  {
    name: 'the bundled fixtures/wheels world (demo-app)',
    roots: ['demo-app'],
    folder: join(import.meta.dirname, '../../../fixtures/wheels'),
    files: [],
  },
  {
    name: 'the bundled world for a Windows cp312 target',
    roots: ['demo-app', 'webkit-lite<2.1'],
    target: { pythonVersion: '3.12', platform: 'win_amd64' },
    folder: join(import.meta.dirname, '../../../fixtures/wheels'),
    files: [],
    targetMarkerExtras: ['winconsole-shim 0.2.0 winconsole_shim-0.2.0-py3-none-any.whl'],
  },
  {
    name: '--no-deps',
    roots: ['app2'],
    noDeps: true,
    files: [wheel({ name: 'app2', version: '1.0', requiresDist: ['never-installed'] })],
  },
];
