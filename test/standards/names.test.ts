// PEP 503 name normalisation and PEP 508 name validity.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isValidProjectName, normalizeName } from '../../src/pypi/names.ts';

test('normalizeName: runs of -_. become one -, lower case', () => {
  const rows: [string, string][] = [
    ['PyYAML', 'pyyaml'],
    ['pyyaml', 'pyyaml'],
    ['zope.interface', 'zope-interface'],
    ['Zope_Interface', 'zope-interface'],
    ['typing-extensions', 'typing-extensions'],
    ['typing_extensions', 'typing-extensions'],
    ['a.-_b', 'a-b'],
    ['Django', 'django'],
    ['ruamel.yaml.clib', 'ruamel-yaml-clib'],
  ];
  for (const [input, output] of rows) assert.equal(normalizeName(input), output, input);
});

test('isValidProjectName', () => {
  for (const ok of ['requests', 'PyYAML', 'zope.interface', 'a', '1', 'a_b-c.d'])
    assert.equal(isValidProjectName(ok), true, ok);
  for (const bad of ['', '-a', 'a-', '.a', 'a b', 'a/b', 'naïve', 'a@b'])
    assert.equal(isValidProjectName(bad), false, bad);
});
