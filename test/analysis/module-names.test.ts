// The one mapping from a distribution member to the module it installs as (startup modules named by .pth files,
// top-level names a wheel installs, the wheel/sdist comparison, baseline identities).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installedPath, moduleOfFile, moduleOfMember } from '../../src/analysis/module-names.ts';

test('member paths map to the module they install as', () => {
  assert.equal(installedPath('demo-1.0/src/demo/core.py'), 'demo/core.py');
  assert.equal(installedPath('demo/core.py'), 'demo/core.py');
  assert.equal(moduleOfMember('demo-1.0/src/demo/sub/__init__.py'), 'demo.sub');
  assert.equal(moduleOfMember('demo/core.py'), 'demo.core');
  assert.equal(moduleOfMember('sitecustomize.py'), 'sitecustomize');
  assert.equal(moduleOfMember('demo/_speedups.cpython-312-x86_64-linux-gnu.so'), 'demo._speedups');
  assert.equal(moduleOfMember('demo/data/logo.png'), null);
  assert.equal(moduleOfMember('__init__.py'), null);
  assert.equal(moduleOfFile('_native.pyd'), '_native');
  assert.equal(moduleOfFile('not-a-module.py'), null);
});
