// The finding view's code: the lines recorded around the finding, in order with their numbers and indentation,
// the finding's own line marked with ▶ and painted (colours on) or marked only (NO_COLOR); results saved before
// findings carried their context still show the lines known for the file.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleResult } from '../report/fixtures/sample-result.ts';

process.env.FORCE_COLOR = '1';
const { cleanup, render } = await import('ink-testing-library');
const { ESC, KEYS, plain, press, waitFor } = await import('./harness.ts');
const { Browser } = await import('../../src/tui/App.tsx');
const { ColorContext } = await import('../../src/tui/theme.tsx');

const COLOUR = new RegExp(`${ESC}\\[(3[0-9]|9[0-7]|38;)[0-9;]*m`);

/** Opens the first finding of the critical package and returns its frame, raw (with escape codes). */
async function findingFrame(color: boolean, result = sampleResult()): Promise<string> {
  const ui = render(
    <ColorContext.Provider value={color}>
      <Browser result={result} exitLine="exit 1" onQuit={() => {}} onInterrupt={() => {}} writeHtml={() => ''} />
    </ColorContext.Provider>,
  );
  try {
    await waitFor(ui.lastFrame, (t) => t.includes('pkg-telemetry-shim'), 'the list');
    await press(ui.stdin, KEYS.enter, KEYS.enter, KEYS.enter);
    await waitFor(ui.lastFrame, (t) => t.includes('data flow'), 'the finding view');
    return ui.lastFrame() ?? '';
  } finally {
    cleanup();
  }
}

const codeRows = (frame: string) => frame.split('\n').filter((line) => /^[▶ ] +\d+ {2}/.test(plain(line)));

for (const color of [true, false]) {
  test(`the code around the finding, its line marked (colours ${color ? 'on' : 'off'})`, async () => {
    const rows = codeRows(await findingFrame(color));
    assert.deepEqual(
      rows.map((row) => plain(row).trimEnd()),
      [
        '    28  def _send():',
        '    29      try:',
        '    30          req = urllib.request.Request(_U, headers={"User-Agent": "shim/0.3"})',
        '▶   31          urllib.request.urlopen(req, data=data, timeout=3)',
        '    32      except Exception:',
        '    33          pass',
      ],
    );
    const hit = rows[3];
    assert.equal(COLOUR.test(hit), color, 'the finding line is painted only when colours are on');
    if (color) assert.ok(!rows.filter((row) => row !== hit).some((row) => plain(row) !== row && row.includes('93m')));
  });
}

test('a saved result without context lines: the lines known for the file, the finding line marked', async () => {
  const result = sampleResult();
  for (const target of result.targets)
    for (const file of target.files) for (const finding of file.findings) delete finding.context;
  const rows = codeRows(await findingFrame(false, result)).map((row) => plain(row).trimEnd());
  assert.ok(rows.includes('▶   31  urllib.request.urlopen(req, data=data, timeout=3)'), rows.join('\n'));
  assert.ok(
    rows.some((row) => /^ +30 {2}req = /.test(row)),
    'a flow step line is shown as known context',
  );
});

test('context lines cannot drive the terminal: escapes and bidi overrides in package code show as ·', async () => {
  const result = sampleResult();
  const finding = result.targets.at(-1)!.files[1].findings[0];
  finding.context = {
    startLine: 30,
    lines: ['clear = "\x1b[2J\x1b]0;pwned\x07"', finding.context!.lines[3], 'admin = "\u202euser\u202c"'],
  };
  const frame = await findingFrame(false, result);
  assert.ok(!frame.includes('\x1b[2J') && !frame.includes('\x1b]0;') && !frame.includes('\u202e'));
  const rows = codeRows(frame).map((row) => plain(row).trimEnd());
  assert.deepEqual(rows, [
    '    30  clear = "·[2J·]0;pwned·"',
    '▶   31          urllib.request.urlopen(req, data=data, timeout=3)',
    '    32  admin = "·user·"',
  ]);
});
