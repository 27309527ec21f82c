// Checks across the audited distributions of a check run: known malware from OSV (by name, version and
// file hash), and, with --all-files, Python code that a wheel ships but the same release's sdist does not.
import { rejudge } from '../analysis/judge-target.ts';
import { installedPath } from '../analysis/module-names.ts';
import type { Finding, TargetReport } from '../model/result.ts';
import { normalizeName } from '../pypi/names.ts';
import { osvKey, queryOsvMalware } from './osv-client.ts';

export interface OsvSettings {
  enabled: boolean;
  url?: string;
  offline: boolean;
}

/** Adds OSV MAL- findings to the targets they concern; returns notes (skipped, unreachable) and the failure if any. */
export async function addKnownMalware(
  targets: TargetReport[],
  settings: OsvSettings,
): Promise<{ notes: string[]; failure?: string }> {
  if (!settings.enabled) return { notes: ['known-malware lookup (OSV) disabled by --no-osv'] };
  const audited = targets.filter((t) => t.name && t.version);
  if (audited.length === 0) return { notes: [] };
  const packages = audited.map((t) => ({
    name: t.name!,
    version: t.version!,
    ...(t.sha256 ? { sha256: t.sha256 } : {}),
  }));
  const { findings, notes, failure } = await queryOsvMalware(packages, {
    osvUrl: settings.url,
    offline: settings.offline,
    timeoutMs: 10_000,
  });
  for (const target of audited) {
    const found = findings.get(osvKey(target.name!, target.version!));
    if (!found?.length) continue;
    target.findings.push(...found);
    rejudge(target);
  }
  return { notes, ...(failure ? { failure } : {}) };
}

/**
 * With --all-files: a wheel's Python file that the sdist of the same release lacks, or holds with other content,
 * is code that reviewers of the source never saw (the 2026 litellm compromise shipped its payload only in the wheel).
 */
export function compareWheelsWithSdist(
  targets: TargetReport[],
  digests: WeakMap<TargetReport, Map<string, string>>,
): void {
  const releases = new Map<string, TargetReport[]>();
  for (const target of targets) {
    if (!target.name || !target.version) continue;
    const key = `${normalizeName(target.name)}@${target.version}`;
    releases.set(key, [...(releases.get(key) ?? []), target]);
  }
  for (const group of releases.values()) {
    const sdist = group.find((t) => t.filename && !t.filename.endsWith('.whl') && digests.has(t));
    if (!sdist) continue;
    const source = new Map([...digests.get(sdist)!].map(([path, digest]) => [installedPath(path), digest]));
    for (const wheel of group.filter((t) => t.filename?.endsWith('.whl') && digests.has(t))) {
      const added: Finding[] = [];
      for (const [path, digest] of digests.get(wheel)!) {
        if (/\.dist-info\//.test(path)) continue;
        const inSdist = source.get(path);
        if (inSdist === digest) continue;
        added.push({
          rule: 'wheel-sdist-mismatch',
          severity: inSdist === undefined ? 'high' : 'medium',
          line: 0,
          column: 0,
          code: '',
          path,
          message:
            inSdist === undefined
              ? `${path} is in the wheel but not in the sdist ${sdist.filename}`
              : `${path} differs from the same file in the sdist ${sdist.filename}`,
          capability: 'obfuscation',
        });
      }
      if (added.length === 0) continue;
      wheel.findings.push(...added);
      rejudge(wheel);
    }
  }
}
