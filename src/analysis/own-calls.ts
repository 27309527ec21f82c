// Functions of the target's own modules that its self-running code calls from another module (`__init__.py`
// runs `ship(gather())`, gather in collect.py, ship in net.py): each such module is analysed again with those
// functions as entries, so what they do counts as running on import (or at start-up), as it would in one file.
// What the re-analysed functions call in further modules follows, each module once per set of functions.
import type { ArchiveEntry } from '../model/entries.ts';
import type { FileReport } from '../model/result.ts';
import type { AnalysisBudget } from './budget.ts';
import { moduleOfMember } from './module-names.ts';
import type { AnalyseFile } from './python-file.ts';
import type { FileRole } from './triggers.ts';

/** The Python member of the archive that provides a dotted module, if any. */
export function memberOfModule(members: readonly ArchiveEntry[], module: string): ArchiveEntry | undefined {
  return members.find((entry) => entry.path.endsWith('.py') && moduleOfMember(entry.path) === module && entry.data);
}

/**
 * A module's functions only matter here when calling them does something (a finding made as code a user calls,
 * beyond information) or when they call on into other modules of the target.
 */
function worthAnotherLook(report: FileReport): boolean {
  return report.ownCalls?.any === true || report.findings.some((f) => f.trigger === 'call' && f.severity !== 'info');
}

/**
 * Follows `ownCalls` through the files' reports (and removes it from them): `roleOf` gives a member's role (setup
 * members have their own install-time pass and are left out).
 */
export async function analyzeOwnCalls(
  files: FileReport[],
  members: readonly ArchiveEntry[],
  analyse: AnalyseFile,
  budget: AnalysisBudget,
  roleOf: (entry: ArchiveEntry) => FileRole | undefined,
): Promise<void> {
  const analysed = new Map<string, Set<string>>();
  const pending = [...files];
  while (pending.length > 0) {
    const file = pending.shift()!;
    const calls = file.ownCalls?.onImport ?? {};
    for (const [module, names] of Object.entries(calls)) {
      const member = memberOfModule(members, module);
      const index = member ? files.findIndex((report) => report.path === member.path) : -1;
      if (!member?.data || index < 0 || !worthAnotherLook(files[index])) continue;
      const role = roleOf(member);
      if (role === 'setup') continue;
      const before = analysed.get(member.path);
      const entries = new Set([...(before ?? []), ...names]);
      if (before && entries.size === before.size) continue;
      analysed.set(member.path, entries);
      const reports = await analyse(member.path, member.data, { ...(role && { role }), entries: [...entries], budget });
      // the member's report and those of the payloads decoded in it are replaced together
      const end = files.findIndex((report, at) => at > index && !report.path.startsWith(`${member.path}#`));
      files.splice(index, (end < 0 ? files.length : end) - index, ...reports);
      pending.push(...reports);
    }
  }
  for (const file of files) delete file.ownCalls;
}
