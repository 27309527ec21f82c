// The judging stage's policy step: takes an AuditResult and the user's policy (and baseline) and returns the result
// with findings marked ignored, baselined, expected or raised, targets re-judged, and the exit decision. A pure
// function: the same result and policy always give the same judgement, whichever command asks.
import { judge } from '../analysis/risk.ts';
import { summarize } from '../model/build-result.ts';
import {
  type AuditResult,
  type Finding,
  type PolicyMark,
  type PolicyOutcome,
  RISK_LEVELS,
  type RiskLevel,
  SEVERITIES,
  type FailOn,
  type Severity,
  type TargetReport,
} from '../model/result.ts';
import { normalizeName } from '../pypi/names.ts';
import { baselineCounts, findingKey, locatedFindings } from './baseline.ts';
import type { PackageExpectation, Policy, PolicyIgnore } from './load.ts';

export interface Judging {
  policy: Policy;
  failOn: FailOn;
  warnOn?: Severity;
  /** A saved result whose findings are known, and its file name as shown. */
  baseline?: { result: AuditResult; file: string };
}

const rank = (level: RiskLevel): number => RISK_LEVELS.indexOf(level);

function raise(severity: Severity, floor?: Severity): Severity {
  const raised = SEVERITIES[Math.min(SEVERITIES.indexOf(severity) + 1, SEVERITIES.length - 1)];
  return floor && SEVERITIES.indexOf(floor) > SEVERITIES.indexOf(raised) ? floor : raised;
}

/** `api.example` matches itself and its subdomains; `*.example` matches subdomains only. */
export function hostMatches(host: string, patterns: string[]): boolean {
  const h = host.toLowerCase().replace(/\.$/, '');
  return patterns.some((raw) => {
    const p = raw.toLowerCase();
    if (p.startsWith('*.')) return h.endsWith(p.slice(1));
    return h === p || h.endsWith(`.${p}`);
  });
}

function ignoreFor(
  ignores: PolicyIgnore[],
  target: TargetReport,
  finding: Finding,
  path: string | undefined,
): PolicyIgnore | undefined {
  const owner = target.name ? normalizeName(target.name) : undefined;
  return ignores.find((entry) => {
    if (entry.rule !== finding.rule) return false;
    const matchesPackage = owner ? normalizeName(entry.package) === owner : entry.package === target.path;
    if (!matchesPackage) return false;
    return entry.file === undefined || path === entry.file || (path ?? '').endsWith(`/${entry.file}`);
  });
}

/** How the package's declared expectations and the host lists judge one finding. */
function expectationMark(
  finding: Finding,
  name: string,
  expected: PackageExpectation | undefined,
  policy: Policy,
): PolicyMark | undefined {
  const host = finding.destination?.host;
  const where = policy.file ?? 'the command line';
  if (host && hostMatches(host, policy.deniedHosts)) {
    return {
      status: 'raised',
      severity: raise(finding.severity, 'high'),
      reason: `${host} is a denied host`,
      source: where,
    };
  }
  if (host && hostMatches(host, policy.allowedHosts)) {
    return { status: 'expected', severity: 'info', reason: `${host} is an allowed host`, source: where };
  }
  if (!expected) return undefined;
  const capability = finding.capability;
  const capabilityExpected = capability !== undefined && expected.capabilities?.has(capability) === true;
  const hostExpected = host ? !expected.hosts || hostMatches(host, expected.hosts) : !expected.hosts;
  if (capabilityExpected && hostExpected) {
    return {
      status: 'expected',
      severity: 'info',
      reason: `${capability}${host ? ` to ${host}` : ''} is expected of ${name}`,
      source: expected.source,
    };
  }
  if (finding.severity === 'info') return undefined;
  if (host && expected.hosts && !hostMatches(host, expected.hosts)) {
    return {
      status: 'raised',
      severity: raise(finding.severity),
      reason: `${host} is not among the hosts expected of ${name}`,
      source: expected.source,
    };
  }
  if (capability && expected.capabilities && !capabilityExpected) {
    return {
      status: 'raised',
      severity: raise(finding.severity),
      reason: `${capability} is not expected of ${name}`,
      source: expected.source,
    };
  }
  return undefined;
}

/** pass, warn or fail for a result's risk (fail also when something could not be audited). */
export function decide(result: AuditResult, failOn: FailOn, warnOn?: Severity): PolicyOutcome['decision'] {
  if (
    result.summary.errors > 0 ||
    (result.summary.unaudited ?? 0) > 0 ||
    (failOn !== 'never' && rank(result.summary.risk) >= rank(failOn))
  )
    return 'fail';
  return warnOn !== undefined && rank(result.summary.risk) >= rank(warnOn) ? 'warn' : 'pass';
}

/**
 * The result judged by the user's policy and baseline, with the decision; the input is not changed. Without a
 * policy file, a baseline or a warn level there is nothing to judge by, and the result comes back as it was.
 */
export function applyPolicy(input: AuditResult, judging: Judging): AuditResult {
  if (!judging.policy.file && !judging.baseline && !judging.warnOn) return input;
  const result = structuredClone(input);
  const { policy } = judging;
  const known = judging.baseline ? baselineCounts(judging.baseline.result) : new Map<string, number>();
  const counts = { ignored: 0, baselined: 0, expected: 0, raised: 0 };
  for (const target of result.targets) {
    if (target.analysedRisk !== undefined) target.risk = target.analysedRisk;
    delete target.analysedRisk;
    const name = target.name ? normalizeName(target.name) : (target.path ?? '');
    const expected = target.name ? policy.packages.get(name) : undefined;
    let changed = false;
    for (const { finding, path } of locatedFindings(target)) {
      delete finding.policy;
      const ignore = ignoreFor(policy.ignores, target, finding, path);
      const key = findingKey(target, finding, path);
      let mark: PolicyMark | undefined;
      if (ignore) mark = { status: 'ignored', reason: ignore.reason, source: ignore.source };
      else if ((known.get(key) ?? 0) > 0) {
        known.set(key, known.get(key)! - 1);
        mark = { status: 'baselined', reason: 'in the baseline', source: judging.baseline!.file };
      } else mark = expectationMark(finding, name, expected, policy);
      if (!mark) continue;
      finding.policy = mark;
      counts[mark.status]++;
      changed = true;
    }
    // A target that could not be audited keeps its verdict: nothing the policy says makes unread code clean.
    if (changed && target.errors.length === 0) rejudgeWithMarks(target);
  }
  result.summary = summarize(result.targets);
  const outcome: PolicyOutcome = {
    ...(policy.file ? { file: policy.file } : {}),
    ...(judging.baseline ? { baseline: judging.baseline.file } : {}),
    failOn: judging.failOn,
    ...(judging.warnOn ? { warnOn: judging.warnOn } : {}),
    decision: decide(result, judging.failOn, judging.warnOn),
    ...counts,
  };
  result.policy = outcome;
  return result;
}

/** Re-judges a target from its findings as the policy counts them (ignored and baselined ones not at all). */
function rejudgeWithMarks(target: TargetReport): void {
  const counted = locatedFindings(target).flatMap(({ finding, path }) => {
    const status = finding.policy?.status;
    if (status === 'ignored' || status === 'baselined') return [];
    return [{ path, finding: finding.policy?.severity ? { ...finding, severity: finding.policy.severity } : finding }];
  });
  const verdict = judge(counted);
  if (verdict.risk !== target.risk) target.analysedRisk = target.risk;
  target.risk = verdict.risk;
  target.reasons = verdict.reasons;
  target.capabilities = verdict.capabilities;
}
