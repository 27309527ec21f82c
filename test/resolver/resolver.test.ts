// The resolver without pip: required-by edges, extras, conflicts explained in words, the round bound, dependencies
// that only a build would reveal, and the recorded PyPI responses (JSON API and PEP 691 with PEP 658 metadata).

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseRequirement } from '../../src/pypi/pep508.ts';
import { resolve } from '../../src/pypi/resolver/index.ts';
import { FakeIndex, recordedJsonApiPage, recordedMetadata, recordedSimplePage, resolveOptions } from './fake-index.ts';

const roots = (...specs: string[]) => specs.map((s) => ({ requirement: parseRequirement(s) }));

describe('resolve', () => {
  it('records who requires whom, with markers and extras', async () => {
    const index = new FakeIndex().add(
      { spec: { name: 'App', version: '1.0', requiresDist: ['Lib[fast]>=1', 'win-only; sys_platform == "win32"'] } },
      { spec: { name: 'lib', version: '1.2', requiresDist: ['speed; extra == "fast"'] } },
      { spec: { name: 'speed', version: '3.0' } },
      { spec: { name: 'win-only', version: '1.0' } },
    );
    const outcome = await resolve(roots('app'), resolveOptions(index));
    assert.equal(outcome.unresolved, undefined);
    assert.deepEqual(outcome.distributions.map((d) => `${d.displayName} ${d.version}`).sort(), [
      'App 1.0',
      'lib 1.2',
      'speed 3.0',
    ]);
    assert.deepEqual(outcome.edges, [
      { from: '<root>', to: 'app', requirement: 'app' },
      { from: 'app', to: 'lib', requirement: 'Lib[fast]>=1', extras: ['fast'] },
      { from: 'lib', to: 'speed', requirement: 'speed', marker: 'extra == "fast"' },
    ]);
    const lib = outcome.distributions.find((d) => d.name === 'lib')!;
    assert.deepEqual(lib.extras, ['fast']);
    assert.deepEqual(lib.requiredBy, [{ from: 'app 1.0', requirement: 'Lib[fast]>=1' }]);
    assert.equal(lib.metadataSource, 'pep658');
    assert.ok(!index.asked.includes('win-only'), 'a dependency whose marker is false is never looked up');
  });

  it('tells onRequires of each distribution whose requirements it reads (for the live tree), markers applied', async () => {
    const index = new FakeIndex().add(
      { spec: { name: 'App', version: '1.0', requiresDist: ['Lib[fast]>=1', 'win-only; sys_platform == "win32"'] } },
      { spec: { name: 'lib', version: '1.2', requiresDist: ['speed; extra == "fast"'] } },
      { spec: { name: 'speed', version: '3.0' } },
    );
    const told: string[] = [];
    await resolve(roots('app'), {
      ...resolveOptions(index),
      onRequires: (name, version, requires) => told.push(`${name} ${version}: ${requires.join(', ')}`),
    });
    assert.deepEqual(told.sort(), ['app 1.0: lib', 'lib 1.2: ', 'lib 1.2: speed', 'speed 3.0: ']);
  });

  it('backtracks to an older release and explains a conflict that has no solution', async () => {
    const index = new FakeIndex().add(
      { spec: { name: 'a', version: '2.0', requiresDist: ['b<2'] } },
      { spec: { name: 'a', version: '1.0', requiresDist: ['b>=1', 'c<1'] } },
      { spec: { name: 'b', version: '1.0' } },
      { spec: { name: 'b', version: '2.0' } },
      { spec: { name: 'c', version: '1.0' } },
    );
    const older = await resolve(roots('a', 'b>=2', 'c<5'), resolveOptions(index));
    assert.match(older.unresolved ?? '', /^Cannot install a and b>=2 and c<5: /);
    assert.match(older.unresolved ?? '', /a 2\.0\.?0? requires b<2/);
    const solvable = await resolve(
      roots('a', 'b>=2'),
      resolveOptions(
        new FakeIndex().add(
          { spec: { name: 'a', version: '2.0', requiresDist: ['b<2'] } },
          { spec: { name: 'a', version: '1.0', requiresDist: ['b>=1'] } },
          { spec: { name: 'b', version: '1.0' } },
          { spec: { name: 'b', version: '2.0' } },
        ),
      ),
    );
    assert.deepEqual(solvable.distributions.map((d) => `${d.name} ${d.version}`).sort(), ['a 1.0', 'b 2.0']);
  });

  it('always ends: a round bound turns a long search into an explanation', async () => {
    const index = new FakeIndex();
    for (let i = 0; i < 6; i++)
      index.add({ spec: { name: `n${i}`, version: '1.0', requiresDist: i < 5 ? [`n${i + 1}`] : [] } });
    const bounded = await resolve(roots('n0'), resolveOptions(index, { maxRounds: 3 }));
    assert.equal(bounded.unresolved, 'resolution gave up after 3 rounds without finding a solution');
    assert.equal((await resolve(roots('n0'), resolveOptions(index))).distributions.length, 6);
  });

  it('groups the releases that all conflict the same way', async () => {
    const index = new FakeIndex().add({ spec: { name: 'y', version: '1.0' } });
    for (let v = 1; v <= 30; v++) index.add({ spec: { name: 'x', version: `${v}.0`, requiresDist: ['y>=100'] } });
    const outcome = await resolve(roots('x'), resolveOptions(index));
    assert.equal(
      outcome.unresolved,
      'Cannot install x: x 30.0, 29.0, 28.0 and 27 more releases require y>=100; no version of y matches y>=100 (available: 1.0)',
    );
  });

  it('says when a matching release exists but none of its files fits the target', async () => {
    const index = new FakeIndex().add(
      { spec: { name: 'rp', version: '3.0', requiresPython: '>=3.13' } },
      { spec: { name: 'rp', version: '2.0' } },
      { spec: { name: 'win', version: '1.0' }, filename: 'win-1.0-cp312-cp312-win_amd64.whl' },
    );
    const tooNew = await resolve(roots('rp>=3'), resolveOptions(index));
    assert.equal(
      tooNew.unresolved,
      'Cannot install rp>=3: rp 3.0 would match rp>=3, but none of its files fits Python 3.12.0 on manylinux_2_28_x86_64 (wheel tags, Requires-Python)',
    );
    const windowsOnly = await resolve(roots('win'), resolveOptions(index));
    assert.match(
      windowsOnly.unresolved ?? '',
      /^Cannot install win: win 1\.0 would match win, but none of its files fits/,
    );
    assert.deepEqual(
      (await resolve(roots('rp'), resolveOptions(index))).distributions.map((d) => d.version),
      ['2.0'],
    );
  });

  it('says when dependencies are unknown without a build, and never guesses', async () => {
    const index = new FakeIndex().add({
      spec: { name: 'legacy', version: '1.0', requiresDist: ['hidden'] },
      filename: 'legacy-1.0.tar.gz',
      noMetadata: true,
    });
    const outcome = await resolve(
      roots('legacy'),
      resolveOptions(index, {
        fetchFile: async () => new Uint8Array([1]),
        openArchive: async () => ({
          format: 'tar.gz',
          problems: [],
          entries: [{ path: 'legacy-1.0/setup.py', type: 'file', size: 5, data: new TextEncoder().encode('pass\n') }],
        }),
      }),
    );
    assert.deepEqual(
      outcome.distributions.map((d) => [d.name, d.metadataSource]),
      [['legacy', 'none']],
    );
    assert.match(outcome.notes.join('\n'), /legacy-1\.0\.tar\.gz: dependencies unknown without running a build/);
  });

  it('--no-deps resolves only the roots', async () => {
    const index = new FakeIndex().add({ spec: { name: 'top', version: '1.0', requiresDist: ['missing-dep'] } });
    const outcome = await resolve(roots('top'), resolveOptions(index, { noDeps: true }));
    assert.deepEqual(
      outcome.distributions.map((d) => d.name),
      ['top'],
    );
    assert.deepEqual(index.asked, ['top']);
  });

  it('picks from the recorded PyPI JSON API response: the wheel of the newest release', async () => {
    const index = new FakeIndex().addPage(recordedJsonApiPage());
    const outcome = await resolve(roots('requests<2.19'), resolveOptions(index, { noDeps: true }));
    assert.deepEqual(
      outcome.distributions.map((d) => d.file.filename),
      ['requests-2.18.4-py2.py3-none-any.whl'],
    );
    assert.equal(outcome.distributions[0].projectInfo?.homePage, 'http://python-requests.org');
  });

  it('reads dependencies from the recorded PEP 658 metadata and names what the index lacks', async () => {
    const page = recordedSimplePage();
    const wheel = page.files.find((f) => f.filename === 'requests-2.19.0-py2.py3-none-any.whl')!;
    const index = new FakeIndex()
      .addPage(page, { [wheel.url]: recordedMetadata() })
      .add(
        { spec: { name: 'idna', version: '2.7' } },
        { spec: { name: 'urllib3', version: '1.23' } },
        { spec: { name: 'certifi', version: '2018.4.16' } },
      );
    const outcome = await resolve(roots('requests==2.19.0'), resolveOptions(index));
    assert.equal(
      outcome.unresolved,
      'Cannot install requests==2.19.0: requests 2.19.0 requires chardet<3.1.0,>=3.0.2; chardet is not on the index',
    );
    index.add({ spec: { name: 'chardet', version: '3.0.4' } }, { spec: { name: 'chardet', version: '4.0.0' } });
    const ok = await resolve(roots('requests==2.19.0'), resolveOptions(index));
    assert.deepEqual(ok.distributions.map((d) => `${d.name} ${d.version}`).sort(), [
      'certifi 2018.4.16',
      'chardet 3.0.4',
      'idna 2.7',
      'requests 2.19.0',
      'urllib3 1.23',
    ]);
    assert.equal(ok.distributions.find((d) => d.name === 'requests')?.metadataSource, 'pep658');
  });
});
