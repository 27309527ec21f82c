// What is already installed, as pip 23 treats it: a satisfying installation is kept (and its own dependencies read
// from its metadata), an unsatisfying one is replaced, and -U takes a newer release only for the user's requirements.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseRequirement } from '../../src/pypi/pep508.ts';
import { resolve, type InstalledDistribution } from '../../src/pypi/resolver/index.ts';
import { FakeIndex, resolveOptions } from './fake-index.ts';

const roots = (...specs: string[]) => specs.map((s) => ({ requirement: parseRequirement(s) }));
const index = () =>
  new FakeIndex().add(
    { spec: { name: 'app', version: '1.0', requiresDist: ['lib>=1'] } },
    { spec: { name: 'app', version: '2.0', requiresDist: ['lib>=1'] } },
    { spec: { name: 'lib', version: '1.0' } },
    { spec: { name: 'lib', version: '1.5', requiresDist: ['extra-dep'] } },
    { spec: { name: 'extra-dep', version: '1.0' } },
  );
const installed: InstalledDistribution[] = [
  { name: 'App', version: '1.0', requires: ['lib>=1'], providesExtra: [] },
  { name: 'lib', version: '1.0', requires: [], providesExtra: [] },
];
const chosen = (outcome: Awaited<ReturnType<typeof resolve>>) => ({
  install: outcome.distributions.map((d) => `${d.name} ${d.version}`).sort(),
  kept: outcome.satisfied.map((d) => `${d.name} ${d.version}`).sort(),
});

test('satisfying installations are kept and not resolved from the index again', async () => {
  assert.deepEqual(chosen(await resolve(roots('app'), resolveOptions(index(), { installed }))), {
    install: [],
    kept: ['app 1.0', 'lib 1.0'],
  });
  assert.deepEqual(chosen(await resolve(roots('app', 'lib>=1.5'), resolveOptions(index(), { installed }))), {
    install: ['extra-dep 1.0', 'lib 1.5'],
    kept: ['app 1.0'],
  });
});

test('-U upgrades the requested project, not its satisfied dependencies; eager upgrades those too', async () => {
  assert.deepEqual(
    chosen(await resolve(roots('app'), resolveOptions(index(), { installed, upgrade: 'only-if-needed' }))),
    { install: ['app 2.0'], kept: ['lib 1.0'] },
  );
  assert.deepEqual(chosen(await resolve(roots('app'), resolveOptions(index(), { installed, upgrade: 'eager' }))), {
    install: ['app 2.0', 'extra-dep 1.0', 'lib 1.5'],
    kept: [],
  });
  assert.deepEqual(chosen(await resolve(roots('app'), resolveOptions(index(), { upgrade: 'only-if-needed' }))), {
    install: ['app 2.0', 'extra-dep 1.0', 'lib 1.5'],
    kept: [],
  });
});
