// Takes the README's terminal screenshots from a real terminal: tmux runs `pyguard check` on the bundled demo
// index, the app's package list and the phoning-home finding are captured with their colours, then the live view
// (on the index answering slowly), then the plain report (--no-tui); each capture is rendered to PNG by chromium
// (docs/screenshots/tui-*.png, plain-report.png).
// Run: node --import tsx scripts/terminal-screenshots.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startIndexServer } from '../src/index-server/index.ts';
import { launchChromium } from '../test/report/chromium.ts';
import { openTerminal } from '../test/tui/tmux-driver.ts';
import { ansiToHtml } from './lib/ansi-html.ts';

const outDir = resolve(import.meta.dirname, '..', 'docs', 'screenshots');
const work = mkdtempSync(join(tmpdir(), 'pyguard-term-shots-'));
const server = await startIndexServer({ root: resolve(import.meta.dirname, '..', 'fixtures', 'wheels') });
const captures: [string, string][] = [];
const term = openTerminal(100, 30);
try {
  const check = `${term.pyguard} check demo-app --index-url ${server.simpleUrl} --isolated --no-osv`;
  term.run(`${check}; echo "EXIT=$?"`);
  await term.waitFor((t) => t.includes('9/9 packages'), 'package list');
  await term.keys('Space');
  await term.waitFor((t) => t.includes('→ https://telemetry'), 'expanded package');
  captures.push(['tui-packages', term.screen({ ansi: true })]);
  await term.keys('Enter', 'Enter', 'Enter');
  await term.waitFor((t) => t.includes('data flow'), 'finding view');
  captures.push(['tui-finding', term.screen({ ansi: true })]);
  await term.keys('q');
  await term.waitFor((t) => /^EXIT=\d+$/m.test(t), 'shell', { commandMayEnd: true });
} finally {
  term.close();
}
// The live view while the check works, on the demo index answering slowly (as a distant index would).
const slow = await startIndexServer({ root: resolve(import.meta.dirname, '..', 'fixtures', 'wheels'), delayMs: 250 });
const live = openTerminal(100, 30);
try {
  live.run(`${live.pyguard} check demo-app --index-url ${slow.simpleUrl} --isolated --no-osv; echo "EXIT=$?"`);
  await live.waitFor(
    (t) => /^dependency tree: (([6-9]|\d\d) packages so far|\d+ of \d+ packages audited)/m.test(t),
    'the live tree, grown',
  );
  captures.push(['tui-live', live.screen({ ansi: true })]);
  await live.keys('C-c');
  await live.waitFor((t) => /^EXIT=\d+$/m.test(t), 'shell', { commandMayEnd: true });
} finally {
  live.close();
  await slow.close();
}
// The plain report on a terminal (colours on), in a window tall enough for all of it.
const tall = openTerminal(100, 50);
try {
  tall.run(
    `clear; ${tall.pyguard} check demo-app --index-url ${server.simpleUrl} --isolated --no-osv --no-tui; echo "EXIT=$?"`,
  );
  await tall.waitFor((t) => /^EXIT=\d+$/m.test(t), 'plain report', { commandMayEnd: true, timeoutMs: 120_000 });
  captures.push(['plain-report', tall.screen({ ansi: true })]);
} finally {
  tall.close();
  await server.close();
}

const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1000, height: 600 }, deviceScaleFactor: 1 });
  for (const [name, capture] of captures) {
    const cleaned = capture
      .replace(/^\$ .*EXIT=.*\n/m, '')
      .replace(/\n(EXIT=\d+\n)?\$ *\n*$/, '\n')
      .trimEnd();
    const file = join(work, `${name}.html`);
    writeFileSync(file, ansiToHtml(cleaned, name));
    await page.goto(pathToFileURL(file).href);
    await page.locator('pre').screenshot({ path: join(outDir, `${name}.png`) });
    process.stdout.write(`wrote ${join(outDir, `${name}.png`)}\n`);
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}
