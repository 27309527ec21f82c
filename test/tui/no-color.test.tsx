// NO_COLOR / --no-color: with colours off the app draws the same layout without a single colour code (the
// cursor row keeps inverse video, which is not a colour). Colours are forced on for the terminal library first.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sampleResult } from '../report/fixtures/sample-result.ts';

process.env.FORCE_COLOR = '1';
const { cleanup, render } = await import('ink-testing-library');
const { waitFor } = await import('./harness.ts');
const { Browser } = await import('../../src/tui/App.tsx');
const { ColorContext } = await import('../../src/tui/theme.tsx');

const { ESC } = await import('./harness.ts');
const COLOUR = new RegExp(`${ESC}\\[(3[0-9]|9[0-7]|38;)[0-9;]*m`);

for (const color of [true, false]) {
  test(`colours ${color ? 'on' : 'off (NO_COLOR)'}`, async () => {
    const ui = render(
      <ColorContext.Provider value={color}>
        <Browser
          result={sampleResult()}
          exitLine="exit 1"
          onQuit={() => {}}
          onInterrupt={() => {}}
          writeHtml={() => ''}
        />
      </ColorContext.Provider>,
    );
    try {
      const frame = await waitFor(ui.lastFrame, (t) => t.includes('pkg-telemetry-shim'), 'the list');
      assert.ok(frame.includes('CRITICAL'));
      assert.equal(COLOUR.test(ui.lastFrame() ?? ''), color);
    } finally {
      cleanup();
    }
  });
}
