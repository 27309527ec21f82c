// The live view while a check runs: a bar per stage with its counts, then the dependency tree, indented, filling in
// as the resolver reads each package's requirements and taking each package's risk as it is audited; windowed so
// 2,000 packages draw only what fits 80×24; q and Ctrl-C stop the run.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import type { PlannedPackage } from '../../src/model/progress.ts';
import { ProgressTracker } from '../../src/progress/tracker.ts';
import { treeRows } from '../../src/tui/live-tree.ts';
import { ColorContext } from '../../src/tui/theme.tsx';
import { LiveView } from '../../src/tui/views/LiveView.tsx';
import { KEYS, press, renderSized, waitFor } from './harness.ts';

afterEach(() => cleanup());

function planned(name: string, version: string, requiredBy: string[], size = 1000): PlannedPackage {
  return { name, version, filename: `${name.replace(/-/g, '_')}-${version}-py3-none-any.whl`, size, requiredBy };
}

/** A check of demo-app: resolving, then resolved, one file downloaded, one package audited. */
function tracker(): ProgressTracker {
  let now = 0;
  const t = new ProgressTracker(() => (now += 500));
  t.emit({ type: 'request-start', what: 'project', name: 'demo-app' });
  t.emit({ type: 'request-end', what: 'project', name: 'demo-app' });
  t.emit({ type: 'requires', name: '<root>', requires: ['demo-app'] });
  t.emit({ type: 'requires', name: 'demo-app', version: '1.0.0', requires: ['usage-stats-lite'] });
  t.emit({
    type: 'resolved',
    packages: [
      planned('demo-app', '1.0.0', ['<root>']),
      planned('usage-stats-lite', '0.2.1', ['demo-app 1.0.0'], 3000),
    ],
  });
  t.emit({ type: 'downloaded', filename: 'demo_app-1.0.0-py3-none-any.whl', bytes: 1000, fromCache: false });
  t.emit({ type: 'scan-start', target: 'usage-stats-lite', files: 4, bytes: 2000 });
  t.emit({ type: 'file-scanned', target: 'usage-stats-lite', bytes: 1000 });
  t.emit({ type: 'scan-end', target: 'usage-stats-lite', name: 'usage_stats_lite', risk: 'high' });
  return t;
}

function live(snapshot: ReturnType<ProgressTracker['snapshot']>, calls: string[] = []) {
  return render(
    <ColorContext.Provider value={false}>
      <LiveView snapshot={snapshot} height={20} onInterrupt={() => calls.push('stop')} />
    </ColorContext.Provider>,
  );
}

test("stages as bars, then the resolved tree with each package's risk once audited", async () => {
  const calls: string[] = [];
  const ui = live(tracker().snapshot(), calls);
  const text = await waitFor(ui.lastFrame, (t) => t.includes('audited'), 'the live view');
  assert.match(text, /^pyguard is working {2}\d+\.\ds {2}\(q or Ctrl-C stops\)$/m);
  assert.match(text, /^resolving {4}\[█{20}\] 2 packages from 1 projects$/m);
  assert.match(text, /^downloading {2}\[█{5}░{15}\] 1\/2 files, 1000 B\/4 kB/m);
  assert.match(text, /^scanning {5}\[█{10}░{10}\] 1\/4 files, 1000 B\/2 kB$/m);
  assert.match(text, /^dependency tree: 1 of 2 packages audited$/m);
  assert.match(text, /^ {2}… {8}demo-app 1\.0\.0\n {2}HIGH {5} {2}usage-stats-lite 0\.2\.1$/m, 'the child indented');
  await press(ui.stdin, 'q');
  await press(ui.stdin, KEYS.ctrlC);
  assert.deepEqual(calls, ['stop', 'stop']);
});

test("while resolving, the tree grows as each package's requirements are read, children under who requires them", async () => {
  const t = new ProgressTracker(() => 0);
  t.emit({ type: 'requires', name: '<root>', requires: ['Demo_App', 'requests'] });
  let ui = live(t.snapshot());
  let text = await waitFor(ui.lastFrame, (f) => f.includes('dependency tree'), 'the first rows');
  assert.match(text, /^dependency tree: 2 packages so far$/m);
  assert.match(text, /^ {2}… {8}Demo_App\n {2}… {8}requests$/m, 'the requirements as written, no version yet');
  cleanup();
  t.emit({ type: 'requires', name: 'demo-app', version: '1.0.0', requires: ['webkit-lite', 'requests'] });
  t.emit({ type: 'requires', name: 'webkit-lite', version: '2.0.0', requires: ['usage-stats-lite', 'demo-app'] });
  ui = live(t.snapshot());
  text = await waitFor(ui.lastFrame, (f) => f.includes('usage-stats-lite'), 'the grown tree');
  const tree = text.split('\n').slice(text.split('\n').findIndex((l) => l.startsWith('dependency tree')));
  assert.deepEqual(tree, [
    'dependency tree: 4 packages so far',
    '  …        Demo_App 1.0.0',
    '  …          webkit-lite 2.0.0',
    '  …            usage-stats-lite',
    '  …            Demo_App 1.0.0  (above)',
    '  …          requests',
    '  …        requests  (above)',
  ]);
});

test('tree rows: cycles end, a 2,000-deep chain does not overflow, every package appears once in full', () => {
  const chain = Array.from({ length: 2000 }, (_, i) => ({
    key: `p${i}`,
    name: `p${i}`,
    requires: i < 1999 ? [`p${i + 1}`] : ['p0'],
  }));
  const rows = treeRows([{ key: '<root>', name: '<root>', requires: ['p0'] }, ...chain]);
  assert.equal(rows.length, 2001);
  assert.equal(rows[1999].depth, 1999);
  assert.deepEqual(rows.at(-1), { index: 2000, depth: 2000, node: chain[0], repeated: true });
  const orphan = treeRows([{ key: 'lost', name: 'lost', requires: [] }]);
  assert.deepEqual(
    orphan.map((r) => [r.node.key, r.depth]),
    [['lost', 0]],
    'a package no one requires still shows',
  );
});

test('2,000 packages at 80×24: only the rows that fit are drawn, around the package audited last', async () => {
  const t = new ProgressTracker(() => 0);
  const packages = [planned('big-app', '1.0', ['<root>'])];
  for (let i = 0; i < 1999; i++)
    packages.push(
      planned(`dep-${String(i).padStart(4, '0')}-with-a-rather-long-project-name`, '1.0', [
        i < 40
          ? 'big-app 1.0'
          : `dep-${String(Math.floor(i / 40) - 1).padStart(4, '0')}-with-a-rather-long-project-name 1.0`,
      ]),
    );
  t.emit({ type: 'requires', name: '<root>', requires: ['big-app'] });
  t.emit({ type: 'resolved', packages });
  t.emit({ type: 'scan-end', target: 'x', name: 'dep-1500-with-a-rather-long-project-name', risk: 'medium' });
  const ui = renderSized(
    <ColorContext.Provider value={false}>
      <LiveView snapshot={t.snapshot()} height={23} onInterrupt={() => {}} />
    </ColorContext.Provider>,
    80,
    24,
  );
  try {
    const text = await waitFor(ui.lastFrame, (f) => f.includes('dependency tree'), 'the windowed tree');
    const lines = text.split('\n');
    assert.ok(lines.length <= 23, `${lines.length} lines`);
    for (const line of lines) assert.ok([...line].length <= 80, `too wide: ${line}`);
    assert.match(
      text,
      /^dependency tree: 1 of 2000 packages audited {2}\(rows \d+–\d+ of 2000\)\n {2}under big-app › dep-0036-with-a-rather-long-project-name$/m,
      'the window says where it is and what its first row sits under',
    );
    assert.match(text, /^ {2}MEDIUM {3} +dep-1500-with-a-rather-long-project-name 1\.0$/m, 'the latest change in view');
  } finally {
    ui.unmount();
  }
});
