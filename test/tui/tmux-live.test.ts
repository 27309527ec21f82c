// The live view in a real terminal: tmux runs `pyguard check` on the demo index answering slowly, as a distant
// index would, and the screen shows the stages as bars and the dependency tree, indented, while the check works.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type IndexServer, startIndexServer } from '../../src/index-server/index.ts';
import { BUNDLED } from '../check/helpers.ts';
import { openTerminal, type Terminal } from './tmux-driver.ts';

let server: IndexServer;
let term: Terminal;

before(async () => {
  server = await startIndexServer({ root: BUNDLED, delayMs: 250 });
  term = openTerminal(100, 30);
});

after(async () => {
  term?.close();
  await server?.close();
});

test('while pyguard check works: the stages as bars and the dependency tree growing, indented', async () => {
  term.run(`${term.pyguard} check demo-app --index-url ${server.simpleUrl} --isolated --no-osv; echo "EXIT=$?"`);
  const text = await term.waitFor(
    (t) => /^dependency tree: \d+ packages so far/m.test(t) && /^ {2}… {10}\S/m.test(t),
    'the live tree with an indented row',
  );
  assert.match(text, /^pyguard is working {2}\d+\.\ds/m);
  assert.match(text, /^resolving {4}\[/m);
  assert.match(text, /^ {2}… {8}demo-app/m, 'the requirement at the top level');
  await term.keys('C-c');
  await term.waitFor((t) => /^EXIT=130$/m.test(t), 'shell after Ctrl-C', { commandMayEnd: true });
});
