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
 * Levels of calls followed, within a module, from the functions another module calls on import: the function and
 * those it calls. Whole-file name matching goes further than code runs (a framework's init() reaching every command
 * of its 8,000-line kernel by name); a payload split over modules keeps its steps close to the call.
 */
const ENTRY_DEPTH = 1;
/**
 * Modules followed from self-running code: its callee's module, and the modules that callee calls into (a payload
 * split as reader, sender and a runner calling both); a framework's call graph reaches everything further out.
 */
const MAX_HOPS = 2;

/**
 * A module whose functions do something when called (a finding beyond information, or a connection to a place not
 * known here, which is information when called): it changes if they run by themselves.
 */
function actsWhenCalled(report: FileReport): boolean {
  return report.findings.some(
    (f) => f.trigger === 'call' && (f.severity !== 'info' || f.rule === 'egress-network-call'),
  );
}

/**
 * Follows `ownCalls` through the files' reports (and removes it from them): the functions reached are gathered per
 * module through the call graph the reports give, and a module is analysed again, with them as entries, only when it
 * acts when called; its new report's calls are followed in turn. `roleOf` gives a member's role (setup members have
 * their own install-time pass and are left out).
 */
export async function analyzeOwnCalls(
  files: FileReport[],
  members: readonly ArchiveEntry[],
  analyse: AnalyseFile,
  budget: AnalysisBudget,
  roleOf: (entry: ArchiveEntry) => FileRole | undefined,
): Promise<void> {
  const entries = new Map<string, Set<string>>();
  /** The fewest modules between a module's entries and the self-running code that reaches them. */
  const hops = new Map<string, number>();
  const graphs = new Map<string, Record<string, Record<string, string[]>>>();
  for (const file of files) if (file.ownCalls) graphs.set(file.path, file.ownCalls.byFunction);
  const queue: { calls: Record<string, string[]>; hop: number }[] = files.flatMap((file) =>
    file.ownCalls ? [{ calls: file.ownCalls.onImport, hop: 1 }] : [],
  );
  const stale = new Set<string>();
  // each module's member, found once (the queue names the same modules again and again)
  const byModule = new Map<string, ArchiveEntry>();
  for (const entry of members) {
    const module = entry.path.endsWith('.py') && entry.data ? moduleOfMember(entry.path) : null;
    if (module !== null && !byModule.has(module)) byModule.set(module, entry);
  }
  const byPath = new Map([...byModule.values()].map((entry) => [entry.path, entry]));
  while (queue.length > 0) {
    const { calls, hop } = queue.shift()!;
    for (const [module, names] of Object.entries(calls)) {
      const member = byModule.get(module);
      if (!member?.data || roleOf(member) === 'setup') continue;
      const known = entries.get(member.path) ?? new Set<string>();
      const added = names.filter((name) => !known.has(name));
      if (added.length === 0) continue;
      for (const name of added) known.add(name);
      entries.set(member.path, known);
      hops.set(member.path, Math.min(hops.get(member.path) ?? hop, hop));
      stale.add(member.path);
      // what those functions call in further modules, as the member's report gives it, up to MAX_HOPS modules away
      if (hop >= MAX_HOPS) continue;
      for (const name of added) {
        const next = graphs.get(member.path)?.[name];
        if (next) queue.push({ calls: next, hop: hop + 1 });
      }
    }
    if (queue.length > 0) continue;
    // analysed again, with every function reached so far, the modules whose functions act when called
    for (const path of [...stale]) {
      stale.delete(path);
      const index = files.findIndex((report) => report.path === path);
      const member = byPath.get(path);
      if (index < 0 || !member?.data || !actsWhenCalled(files[index])) continue;
      const role = roleOf(member);
      const reports = await analyse(path, member.data, {
        ...(role && { role }),
        entries: [...entries.get(path)!],
        entryDepth: ENTRY_DEPTH,
        budget,
      });
      // the member's report and those of the payloads decoded in it are replaced together
      const end = files.findIndex((report, at) => at > index && !report.path.startsWith(`${path}#`));
      files.splice(index, (end < 0 ? files.length : end) - index, ...reports);
      const hop = hops.get(path)!;
      if (hop < MAX_HOPS)
        for (const report of reports)
          if (report.ownCalls) queue.push({ calls: report.ownCalls.onImport, hop: hop + 1 });
    }
  }
  for (const file of files) delete file.ownCalls;
}
