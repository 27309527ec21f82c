// Reads an OSV advisory (schema 1.x) for one PyPI package: which versions it lists, which file hashes confirm it,
// and what that means for one distribution (known malware, this version, or only this name).

import { normalizeName } from '../pypi/names.ts';
import { compareVersions, isValidVersion, normalizeVersion } from '../pypi/version.ts';

interface OsvEvent {
  introduced?: string;
  fixed?: string;
  last_affected?: string;
}
interface OsvAffected {
  package?: { name?: string; ecosystem?: string };
  versions?: string[];
  ranges?: { type?: string; events?: OsvEvent[] }[];
  database_specific?: unknown;
  ecosystem_specific?: unknown;
}
export interface OsvAdvisory {
  id: string;
  summary?: string;
  details?: string;
  affected?: OsvAffected[];
}

export type AdvisoryMatch = 'file' | 'version' | 'version-other-file' | 'name';

function sameVersion(a: string, b: string): boolean {
  if (isValidVersion(a) && isValidVersion(b)) return normalizeVersion(a) === normalizeVersion(b);
  return a === b;
}

function before(a: string, b: string): boolean {
  return isValidVersion(a) && isValidVersion(b) ? compareVersions(a, b) < 0 : false;
}

function eventVersion(event: OsvEvent): string {
  return event.introduced ?? event.fixed ?? event.last_affected ?? '0';
}

/** ECOSYSTEM ranges, evaluated as the OSV spec says: events in version order switch "affected" on (introduced) and off. */
function inRanges(version: string, ranges: OsvAffected['ranges']): boolean {
  for (const range of ranges ?? []) {
    if (range.type !== 'ECOSYSTEM') continue;
    const events = [...(range.events ?? [])].sort((a, b) => {
      const [va, vb] = [eventVersion(a), eventVersion(b)];
      return va === '0' ? -1 : vb === '0' ? 1 : compareVersions(va, vb);
    });
    let affected = false;
    for (const event of events) {
      if (event.introduced !== undefined && (event.introduced === '0' || !before(version, event.introduced)))
        affected = true;
      else if (event.fixed !== undefined && !before(version, event.fixed)) affected = false;
      else if (event.last_affected !== undefined && before(event.last_affected, version)) affected = false;
    }
    if (affected) return true;
  }
  return false;
}

/** Every `sha256` found under `package_integrity` (OSSF malicious-packages: affected[].database_specific.indicators). */
function fileHashes(value: unknown, out: Set<string>, depth = 0): void {
  if (depth > 6 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (const item of value) fileHashes(item, out, depth + 1);
    return;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'package_integrity' && Array.isArray(child)) {
      for (const file of child) {
        const sha =
          (file as { hashes?: { sha256?: unknown }; sha256?: unknown })?.hashes?.sha256 ??
          (file as { sha256?: unknown })?.sha256;
        if (typeof sha === 'string') out.add(sha.toLowerCase());
      }
    } else fileHashes(child, out, depth + 1);
  }
}

/** How an advisory applies to one distribution, or null when it is about another package. */
export function matchAdvisory(
  advisory: OsvAdvisory,
  pkg: { name: string; version: string; sha256?: string },
): AdvisoryMatch | null {
  const wanted = normalizeName(pkg.name);
  const affected = (advisory.affected ?? []).filter(
    (a) => a.package?.ecosystem === 'PyPI' && a.package.name !== undefined && normalizeName(a.package.name) === wanted,
  );
  if (affected.length === 0) return null;
  const hashes = new Set<string>();
  for (const a of affected) {
    fileHashes(a.database_specific, hashes);
    fileHashes(a.ecosystem_specific, hashes);
  }
  if (pkg.sha256 !== undefined && hashes.has(pkg.sha256.toLowerCase())) return 'file';
  const listed = affected.some(
    (a) => (a.versions ?? []).some((v) => sameVersion(v, pkg.version)) || inRanges(pkg.version, a.ranges),
  );
  if (!listed) return 'name';
  return hashes.size > 0 && pkg.sha256 !== undefined ? 'version-other-file' : 'version';
}
