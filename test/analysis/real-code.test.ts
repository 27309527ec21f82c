// Real code nobody here wrote: part of this machine's Python standard library and the pip and setuptools wheels
// bundled with it (ensurepip). The scan completes, the known network modules are egress, pure computation is
// not, and none of it comes out above `low` risk.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { RISK_LEVELS, type AuditResult, type FileReport, type TargetReport } from '../../src/model/result.ts';
import { scanJson } from './run-cli.ts';

const STDLIB = execFileSync('python3', ['-c', "import sysconfig;print(sysconfig.get_paths()['stdlib'])"], {
  encoding: 'utf8',
}).trim();
const BUNDLED = join(STDLIB, 'ensurepip', '_bundled');
const STDLIB_FOLDERS = ['urllib', 'http', 'json', 'email'];

const atMostLow = (target: TargetReport) => RISK_LEVELS.indexOf(target.risk) <= RISK_LEVELS.indexOf('low');

function fileOf(result: AuditResult, target: string, path: string): FileReport {
  const found = result.targets.find((t) => t.path === target)?.files.find((f) => f.path === path);
  assert.ok(found, `${target}: ${path} was scanned`);
  return found;
}

describe('the Python standard library', () => {
  let result: AuditResult;
  before(async () => {
    const topLevel = readdirSync(STDLIB).filter((name) => name.endsWith('.py'));
    ({ result } = await scanJson(STDLIB_FOLDERS[0], STDLIB, [...STDLIB_FOLDERS.slice(1), ...topLevel]));
  });

  test('the scan completes with every file analysed and no errors', () => {
    assert.equal(result.summary.errors, 0);
    assert.ok(result.summary.pythonFiles > 200, `${result.summary.pythonFiles} Python files`);
    for (const target of result.targets) {
      for (const file of target.files)
        if (file.kind === 'python') assert.ok(file.verdict, `${target.path}/${file.path} has a verdict`);
    }
  });

  test('network modules are egress', () => {
    const network: [string, string][] = [
      ['urllib', 'request.py'],
      ['http', 'client.py'],
      ['ftplib.py', 'ftplib.py'],
      ['smtplib.py', 'smtplib.py'],
      ['poplib.py', 'poplib.py'],
      ['imaplib.py', 'imaplib.py'],
    ];
    for (const [target, path] of network) assert.equal(fileOf(result, target, path).egress, true, `${target}/${path}`);
  });

  test('pure computation is not egress', () => {
    const pure: [string, string][] = [
      ['json', '__init__.py'],
      ['json', 'decoder.py'],
      ['json', 'encoder.py'],
      ['textwrap.py', 'textwrap.py'],
      ['string.py', 'string.py'],
      ['heapq.py', 'heapq.py'],
      ['urllib', 'parse.py'],
    ];
    for (const [target, path] of pure) {
      const file = fileOf(result, target, path);
      assert.equal(file.egress, false, `${target}/${path}: ${file.findings.map((f) => f.rule).join(', ')}`);
    }
  });

  test('every target is at risk low or below', () => {
    for (const target of result.targets)
      assert.ok(atMostLow(target), `${target.path} is ${target.risk}: ${target.reasons.join(' | ')}`);
  });
});

describe('the pip and setuptools wheels bundled with ensurepip', () => {
  let result: AuditResult;
  let wheels: string[];
  before(async () => {
    wheels = readdirSync(BUNDLED).filter((name) => /^(pip|setuptools)-.*\.whl$/.test(name));
    ({ result } = await scanJson(wheels[0], BUNDLED, wheels.slice(1)));
  });

  test('both wheels are scanned completely', () => {
    assert.equal(wheels.length, 2);
    assert.equal(result.summary.errors, 0);
    for (const target of result.targets) {
      assert.equal(target.kind, 'archive');
      assert.match(target.sha256 ?? '', /^[0-9a-f]{64}$/);
      assert.ok(target.files.some((file) => file.kind === 'python' && file.verdict));
    }
  });

  test("pip's vendored urllib3 and requests are egress", () => {
    const pip = wheels.find((name) => name.startsWith('pip-'))!;
    for (const path of [
      'pip/_vendor/urllib3/connection.py',
      'pip/_vendor/urllib3/connectionpool.py',
      'pip/_vendor/requests/api.py',
    ]) {
      assert.equal(fileOf(result, pip, path).egress, true, path);
    }
    assert.equal(fileOf(result, pip, 'pip/_internal/utils/compat.py').egress, false);
  });

  test('pip and setuptools are at risk low or below', () => {
    for (const target of result.targets)
      assert.ok(atMostLow(target), `${target.path} is ${target.risk}: ${target.reasons.join(' | ')}`);
  });
});
