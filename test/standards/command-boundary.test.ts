// The standards modules throw their own typed errors; the command boundary (cli.ts) turns them into one line and the
// usage exit code, with no stack trace even when PYGUARD_DEBUG asks for stacks of unexpected errors.

import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { main } from '../../src/cli.ts';
import { memoryIO, tempHome } from '../check/helpers.ts';

const home = await tempHome();
after(home.remove);

const cases: [string[], RegExp][] = [
  [['check', 'requests (>=2'], /^pyguard: invalid requirement "requests \(>=2": .+\n$/],
  [
    ['check', 'requests', '--python-version', '2.7', '--offline'],
    /^pyguard: invalid or unsupported Python version: "2\.7" \(expected 3\.x\)\n$/,
  ],
];

for (const [argv, message] of cases) {
  test(`${argv.join(' ')}: one line, exit code 2`, async () => {
    const io = memoryIO(home.dir, { PYGUARD_DEBUG: '1' });
    assert.equal(await main(argv, io), 2);
    assert.match(io.err(), message);
  });
}
