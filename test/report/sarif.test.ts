// The SARIF presenter: valid against the official SARIF 2.1.0 schema, with stable fingerprints and useful locations.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AuditResult, Finding } from '../../src/model/result.ts';
import { renderSarif, sarifLevel } from '../../src/report/sarif.ts';
import { hostileResult } from './fixtures/hostile-result.ts';
import { TEST_RULES } from './fixtures/rules.ts';
import { sampleResult } from './fixtures/sample-result.ts';
import { auditResult } from './fixtures/summarize.ts';
import { validateSarif } from './validate.ts';

type Log = any;

/** The sample result's finding with rule `rule`. */
function sampleFinding(rule: string): Finding {
  return sampleResult()
    .targets.flatMap((t) => t.files.flatMap((f) => f.findings))
    .find((f) => f.rule === rule)!;
}

function run(result: AuditResult): Log {
  return (renderSarif(result, TEST_RULES) as Log).runs[0];
}

function scanResult(): AuditResult {
  const finding: Finding = {
    rule: 'process-spawn',
    severity: 'medium',
    line: 4,
    column: 1,
    message: 'Starts a shell',
    code: 'os.system("id")',
    capability: 'process',
    trigger: 'call',
  };
  return auditResult(
    ['scan', 'src', 'tools/x y.py', '/abs/pkg.tar.gz'],
    [
      {
        kind: 'directory',
        path: './src/',
        risk: 'medium',
        reasons: [],
        capabilities: ['process'],
        errors: [],
        findings: [],
        files: [{ path: 'pkg/a b#1.py', kind: 'python', size: 9, egress: false, partial: false, findings: [finding] }],
      },
      {
        kind: 'file',
        path: 'tools/x y.py',
        risk: 'medium',
        reasons: [],
        capabilities: ['process'],
        errors: [],
        findings: [],
        files: [{ path: 'x y.py', kind: 'python', size: 9, egress: false, partial: false, findings: [finding] }],
      },
      {
        kind: 'archive',
        path: '/abs/pkg.tar.gz',
        sha256: 'b'.repeat(64),
        size: 100,
        risk: 'medium',
        reasons: [],
        capabilities: [],
        findings: [],
        errors: [{ code: 'corrupt-archive', message: 'truncated gzip stream' }],
        files: [{ path: 'pkg/setup.py', kind: 'python', size: 9, egress: false, partial: false, findings: [finding] }],
      },
    ],
  );
}

test('valid against the official SARIF 2.1.0 schema (sample, hostile, scan)', () => {
  for (const result of [sampleResult(), hostileResult(), scanResult()]) {
    assert.deepEqual(validateSarif(renderSarif(result, TEST_RULES)), []);
  }
});

test('the schema check is real: a wrong level is rejected', () => {
  const log: Log = renderSarif(sampleResult(), TEST_RULES);
  log.runs[0].results[0].level = 'severe';
  assert.notDeepEqual(validateSarif(log), []);
});

test('driver lists every catalogue rule with descriptions, help, level and security-severity', () => {
  const r = run(sampleResult());
  assert.equal(r.tool.driver.name, 'pyguard');
  assert.equal(r.tool.driver.version, '0.1.0');
  assert.match(r.tool.driver.informationUri, /^https:\/\//);
  assert.deepEqual(
    r.tool.driver.rules.map((x: Log) => x.id),
    TEST_RULES.map((x) => x.id),
  );
  const exfil = r.tool.driver.rules[0];
  assert.equal(exfil.defaultConfiguration.level, 'error');
  assert.equal(exfil.properties['security-severity'], '9.0');
  assert.equal(exfil.shortDescription.text, TEST_RULES[0].shortDescription);
  assert.equal(exfil.help.markdown, TEST_RULES[0].help);
  assert.deepEqual(
    ['critical', 'high', 'medium', 'low', 'info'].map((s) => sarifLevel(s as any)),
    ['error', 'error', 'warning', 'note', 'note'],
  );
});

test('results: ruleIndex points at the rule, message carries destination and trigger, codeFlows follow the flow', () => {
  const r = run(sampleResult());
  for (const res of r.results) assert.equal(r.tool.driver.rules[res.ruleIndex].id, res.ruleId);
  const exfil = r.results.find((x: Log) => x.ruleId === 'exfil-env-to-network');
  assert.equal(exfil.level, 'error');
  assert.match(
    exfil.message.text,
    /Destination: https:\/\/collect\.telemetry-shim\.example\/v1\/ingest \(telemetry\)\./,
  );
  assert.match(exfil.message.text, /Runs when the module is imported\./);
  const loc = exfil.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'pkg_telemetry_shim-0.3.1-py3-none-any.whl/pkg_telemetry_shim/_beacon.py');
  assert.equal(loc.artifactLocation.uriBaseId, 'DISTRIBUTIONS');
  assert.deepEqual(loc.region, {
    startLine: 31,
    startColumn: 9,
    snippet: { text: 'urllib.request.urlopen(req, data=data, timeout=3)' },
  });
  assert.deepEqual(loc.contextRegion, {
    startLine: 28,
    endLine: 33,
    snippet: { text: sampleFinding('exfil-env-to-network').context!.lines.join('\n') },
  });
  assert.equal(loc.contextRegion.snippet.text.split('\n')[31 - 28].trim(), loc.region.snippet.text);
  const obfuscated = r.results.find((x: Log) => x.ruleId === 'obfuscated-string');
  assert.equal(obfuscated.locations[0].physicalLocation.contextRegion, undefined, 'no context recorded, none made up');
  const steps = exfil.codeFlows[0].threadFlows[0].locations;
  assert.deepEqual(
    steps.map((s: Log) => s.location.physicalLocation.region.startLine),
    [22, 23, 30, 31],
  );
  assert.equal(steps[0].location.message.text, 'reads os.environ, the host name and the user name');
});

test('target-level findings point at the archive without a region; artifacts carry sha-256', () => {
  const r = run(sampleResult());
  const meta = r.results.find((x: Log) => x.ruleId === 'metadata-new-project');
  const loc = meta.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'pkg_telemetry_shim-0.3.1-py3-none-any.whl');
  assert.equal(loc.region, undefined);
  const archive = r.artifacts[loc.artifactLocation.index];
  assert.equal(archive.hashes['sha-256'], sampleResult().targets.at(-1)!.sha256);
  const exfil = r.results.find((x: Log) => x.ruleId === 'exfil-env-to-network');
  const file = r.artifacts[exfil.locations[0].physicalLocation.artifactLocation.index];
  assert.equal(r.artifacts[file.parentIndex], archive);
  assert.equal(r.invocations[0].executionSuccessful, true);
  assert.equal(r.originalUriBaseIds.DISTRIBUTIONS.description.text.includes('https://pypi.org/simple'), true);
});

test('scan locations: relative paths under %SRCROOT%, URI-encoded; absolute paths as file URIs; errors fail the invocation', () => {
  const r = run(scanResult());
  const uris = r.results.map((x: Log) => x.locations[0].physicalLocation.artifactLocation);
  assert.deepEqual(
    uris.map((u: Log) => [u.uri, u.uriBaseId]),
    [
      ['src/pkg/a%20b%231.py', '%SRCROOT%'],
      ['tools/x%20y.py', '%SRCROOT%'],
      ['file:///abs/pkg.tar.gz/pkg/setup.py', undefined],
    ],
  );
  assert.equal(r.invocations[0].executionSuccessful, false);
  assert.equal(r.invocations[0].toolExecutionNotifications[0].descriptor.id, 'corrupt-archive');
});

test('fingerprints: stable when lines move, distinct for repeated identical lines, rule ids outside the catalogue added', () => {
  const before = run(sampleResult());
  const moved = sampleResult();
  for (const t of moved.targets) for (const f of t.files) for (const x of f.findings) x.line += 10;
  const after = run(moved);
  assert.deepEqual(
    after.results.map((x: Log) => x.partialFingerprints),
    before.results.map((x: Log) => x.partialFingerprints),
  );

  const twice = sampleResult();
  const beacon = twice.targets.at(-1)!.files[1];
  beacon.findings.push(
    { ...beacon.findings[0], line: 40, rule: 'brand-new-rule' },
    { ...beacon.findings[0], line: 50, rule: 'brand-new-rule' },
  );
  const r = run(twice);
  const added = r.results.filter((x: Log) => x.ruleId === 'brand-new-rule');
  assert.equal(added.length, 2);
  assert.notEqual(added[0].partialFingerprints['pyguardFinding/v1'], added[1].partialFingerprints['pyguardFinding/v1']);
  assert.equal(r.tool.driver.rules[added[0].ruleIndex].id, 'brand-new-rule');
  assert.equal(r.tool.driver.rules.length, TEST_RULES.length + 1);
});
