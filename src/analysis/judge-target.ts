// A target's report from its archive's analysis: the metadata checks (they read the index's data and the clock)
// and the verdict, computed again on every run. Kept apart from the analysis itself (target.ts) so that judging
// cached results loads neither the parser nor the archive readers.
import {
  type FileReport,
  type Finding,
  type TargetError,
  type TargetReport,
  UNAUDITED_RULES,
  type UnauditedItem,
} from '../model/result.ts';
import type { ProjectInfo } from '../pypi/index/types.ts';
import type { CoreMetadata } from '../pypi/metadata.ts';
import { checkMetadata } from './metadata-checks/index.ts';
import { judge } from './risk.ts';

/** What the caller knows about a target before analysis: the identifying fields of its report, and index data. */
export type TargetMeta = Pick<
  TargetReport,
  'kind' | 'path' | 'filename' | 'name' | 'version' | 'url' | 'sha256' | 'size' | 'requiredBy'
> & {
  /** Index data about the project (for metadata heuristics), when the target came from an index. */
  projectInfo?: ProjectInfo;
  /** The time metadata heuristics measure ages against (defaults to now). */
  now?: Date;
};

/**
 * What the archive alone determines: every member's report and the archive-level findings, without the metadata
 * checks (they read the index's data and the clock) and the verdict. A plain value: the result cache stores it.
 */
export interface ArchiveAnalysis {
  /** Name and version from the archive's METADATA or PKG-INFO. */
  name?: string;
  version?: string;
  metadata?: CoreMetadata;
  files: FileReport[];
  findings: Finding[];
  errors: TargetError[];
}

/** Whether an analysis may be reused: complete, with nothing left unanalysed (time budgets depend on the load). */
export function isCompleteAnalysis(analysis: ArchiveAnalysis): boolean {
  return (
    analysis.errors.length === 0 &&
    ![...analysis.findings, ...analysis.files.flatMap((file) => file.findings)].some((finding) =>
      UNAUDITED_RULES.has(finding.rule),
    )
  );
}

/** The target's report from its archive's analysis: metadata checks for distributions, then the verdict. */
export function judgeTarget(analysis: ArchiveAnalysis, meta: TargetMeta): TargetReport {
  const name = meta.name ?? analysis.name;
  const version = meta.version ?? analysis.version;
  const findings = [...analysis.findings];
  if (name && version && meta.kind === 'distribution')
    findings.push(
      ...checkMetadata({
        name,
        version,
        metadata: analysis.metadata,
        projectInfo: meta.projectInfo,
        now: meta.now ?? new Date(),
        paths: analysis.files.map((file) => file.path),
      }),
    );
  const { projectInfo: _projectInfo, now: _now, ...identity } = meta;
  return rejudge({
    ...identity,
    ...(name !== undefined && { name }),
    ...(version !== undefined && { version }),
    risk: 'none',
    reasons: [],
    capabilities: [],
    files: analysis.files,
    findings,
    errors: analysis.errors,
  });
}

/** Sets a target's risk, reasons and capabilities from all its findings (again, after findings are added). */
export function rejudge(target: TargetReport): TargetReport {
  const verdict = judge([
    ...target.files.flatMap((file) => file.findings.map((finding) => ({ path: file.path, finding }))),
    ...target.findings.map((finding) => ({ path: finding.path, finding })),
  ]);
  target.risk = verdict.risk;
  target.reasons = verdict.reasons;
  target.capabilities = verdict.capabilities;
  const unaudited = unauditedItems(target);
  if (unaudited.length > 0) {
    target.unaudited = unaudited;
    target.reasons.unshift(
      `UNAUDITED: ${unaudited.length} item${unaudited.length > 1 ? 's' : ''} could not be analysed (${unaudited[0].path}: ${unaudited[0].reason})`,
    );
  } else delete target.unaudited;
  return target;
}

/** Every finding that says something was not analysed, as the target's unaudited list. */
function unauditedItems(target: TargetReport): UnauditedItem[] {
  const whole = target.filename ?? target.path ?? target.name ?? '(target)';
  return [
    ...target.files.flatMap((file) =>
      file.findings
        .filter((f) => UNAUDITED_RULES.has(f.rule))
        .map((f) => ({ path: file.path, rule: f.rule, reason: f.message })),
    ),
    ...target.findings
      .filter((f) => UNAUDITED_RULES.has(f.rule))
      .map((f) => ({ path: f.path ?? whole, rule: f.rule, reason: f.message })),
  ];
}
