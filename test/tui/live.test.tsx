// The live view while a check runs: a bar per stage with its counts, the packages filling in with their risk as
// they are audited; q and Ctrl-C stop the run.
import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { cleanup, render } from 'ink-testing-library';
import { ProgressTracker } from '../../src/progress/tracker.ts';
import { ColorContext } from '../../src/tui/theme.tsx';
import { LiveView } from '../../src/tui/views/LiveView.tsx';
import { KEYS, press, waitFor } from './harness.ts';

afterEach(() => cleanup());

function tracker(): ProgressTracker {
  let now = 0;
  const t = new ProgressTracker(() => (now += 500));
  t.emit({ type: 'request-start', what: 'project', name: 'demo-app' });
  t.emit({ type: 'request-end', what: 'project', name: 'demo-app' });
  t.emit({
    type: 'resolved',
    packages: [
      {
        name: 'demo-app',
        version: '1.0.0',
        filename: 'demo_app-1.0.0-py3-none-any.whl',
        size: 1000,
        requiredBy: ['<root>'],
      },
      {
        name: 'usage-stats-lite',
        version: '0.2.1',
        filename: 'usage_stats_lite-0.2.1-py3-none-any.whl',
        size: 3000,
        requiredBy: ['webkit-lite'],
      },
    ],
  });
  t.emit({ type: 'downloaded', filename: 'demo_app-1.0.0-py3-none-any.whl', bytes: 1000, fromCache: false });
  t.emit({ type: 'scan-start', target: 'usage-stats-lite', files: 4, bytes: 2000 });
  t.emit({ type: 'file-scanned', target: 'usage-stats-lite', bytes: 1000 });
  t.emit({ type: 'scan-end', target: 'usage-stats-lite', name: 'usage_stats_lite', risk: 'high' });
  return t;
}

test('stages as bars, then the packages filling in with their risk', async () => {
  const calls: string[] = [];
  const ui = render(
    <ColorContext.Provider value={false}>
      <LiveView snapshot={tracker().snapshot()} height={20} onInterrupt={() => calls.push('stop')} />
    </ColorContext.Provider>,
  );
  const text = await waitFor(ui.lastFrame, (t) => t.includes('audited'), 'the live view');
  assert.match(text, /^pyguard is working {2}\d+\.\ds {2}\(q or Ctrl-C stops\)$/m);
  assert.match(text, /^resolving {4}\[█{20}\] 2 packages from 1 projects$/m);
  assert.match(text, /^downloading {2}\[█{5}░{15}\] 1\/2 files, 1000 B\/4 kB/m);
  assert.match(text, /^scanning {5}\[█{10}░{10}\] 1\/4 files, 1000 B\/2 kB$/m);
  assert.match(text, /^packages: 1 of 2 audited$/m);
  assert.match(text, /^ {2}HIGH {5}usage-stats-lite 0\.2\.1 {2}← webkit-lite$/m);
  assert.match(text, /^ {2}… {8}demo-app 1\.0\.0 {2}requested$/m);
  await press(ui.stdin, 'q');
  await press(ui.stdin, KEYS.ctrlC);
  assert.deepEqual(calls, ['stop', 'stop']);
});
