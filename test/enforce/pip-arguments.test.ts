// How the pip wrapper reads pip install's upgrade options: pip applies --upgrade-strategy only together with -U.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parsePipInstall } from '../../src/enforce/pip/arguments.ts';

test('-U upgrades only what is needed unless --upgrade-strategy eager; the strategy alone upgrades nothing', () => {
  assert.equal(parsePipInstall(['demo'], '/tmp').upgrade, undefined);
  assert.equal(parsePipInstall(['-U', 'demo'], '/tmp').upgrade, 'only-if-needed');
  assert.equal(parsePipInstall(['--upgrade', '--upgrade-strategy', 'eager', 'demo'], '/tmp').upgrade, 'eager');
  assert.equal(parsePipInstall(['--upgrade-strategy', 'eager', 'demo'], '/tmp').upgrade, undefined);
  assert.throws(
    () => parsePipInstall(['-U', '--upgrade-strategy', 'always', 'demo'], '/tmp'),
    /only-if-needed or eager/,
  );
});
