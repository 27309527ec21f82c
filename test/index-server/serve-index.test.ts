// `pyguard serve-index DIR`: prints the URLs, serves until stopped, and rejects bad input with a UserError.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runServeIndex } from '../../src/commands/serve-index.ts';
import type { CommandIO } from '../../src/commands/io.ts';
import { UserError } from '../../src/util/errors.ts';
import { FIXTURE_WHEELS } from '../../scripts/build-fixtures.ts';

function captureIO(): CommandIO & { out: string[] } {
  const out: string[] = [];
  return { out, stdout: (t) => out.push(t), stderr: (t) => out.push(t), cwd: process.cwd(), env: {}, isTTY: false };
}

test('serves the folder, prints the simple and JSON roots, and stops when asked', async () => {
  const io = captureIO();
  let stop!: () => void;
  const stopped = new Promise<void>((resolve) => (stop = resolve));
  const running = runServeIndex([FIXTURE_WHEELS, '--port', '0'], io, () => stopped);
  while (!io.out.join('').includes('json:')) await new Promise((r) => setTimeout(r, 10));
  const printed = io.out.join('');
  const simple = /simple: (http:\/\/127\.0\.0\.1:\d+\/simple\/)/.exec(printed)?.[1];
  const json = /json: +(http:\/\/127\.0\.0\.1:\d+\/pypi)\n/.exec(printed)?.[1];
  assert.ok(simple && json, printed);
  assert.equal((await fetch(`${simple}demo-app/`)).status, 200);
  assert.equal((await (await fetch(`${json}/demo-app/json`)).json()).info.name, 'demo-app');
  stop();
  assert.equal(await running, 0);
  await assert.rejects(fetch(`${simple}demo-app/`));
});

test('a missing folder, extra arguments or a bad port are user errors', async () => {
  const never = () => new Promise<void>(() => undefined);
  await assert.rejects(
    runServeIndex(['/nonexistent/folder'], captureIO(), never),
    (e) => e instanceof UserError && /not a folder/.test(e.message),
  );
  await assert.rejects(runServeIndex([], captureIO(), never), UserError);
  await assert.rejects(runServeIndex(['a', 'b'], captureIO(), never), UserError);
  await assert.rejects(runServeIndex([FIXTURE_WHEELS, '--port', 'x'], captureIO(), never), /--port/);
  await assert.rejects(runServeIndex([FIXTURE_WHEELS, '--bogus'], captureIO(), never), UserError);
});
