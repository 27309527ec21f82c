// Pickle files a target ships (model.pkl, cache.pickle, or any member that starts like a pickle): loading one runs
// what it names, so each is read without running it (decode/pickle.ts); one that reaches code, processes, files or
// the network is reported and the Python it amounts to is analysed as a virtual file (FILE#decoded-1).

import type { ArchiveEntry } from '../model/entries.ts';
import type { FileKind, FileReport } from '../model/result.ts';
import { type AnalysisBudget, spendVirtualFile } from './budget.ts';
import { unpickleToPython } from './decode/pickle.ts';
import { notAnalysed } from './not-analysed.ts';
import type { AnalyseFile } from './python-file.ts';
import { pickleReach, someNames } from './rules/unpickle.ts';

const PICKLE_NAME = /\.(pkl|pickle|pck|pcl|joblib)$/i;

/** A member named like a pickle, or whose bytes open with a protocol 2-5 pickle's PROTO opcode. */
export function looksLikePickle(path: string, firstBytes: Uint8Array | undefined): boolean {
  if (PICKLE_NAME.test(path)) return true;
  return (
    firstBytes !== undefined &&
    firstBytes.length >= 2 &&
    firstBytes[0] === 0x80 &&
    firstBytes[1] >= 2 &&
    firstBytes[1] <= 5
  );
}

/** The member's report, with an unpickled-code finding and the virtual file's reports when the pickle reaches code. */
export async function pickleMemberReports(
  entry: ArchiveEntry,
  data: Uint8Array,
  kind: FileKind,
  analyse: AnalyseFile,
  budget: AnalysisBudget,
): Promise<FileReport[]> {
  const report: FileReport = { path: entry.path, kind, size: entry.size, egress: false, partial: false, findings: [] };
  const unpickled = unpickleToPython(data);
  if (!unpickled) return [report];
  const { powerful } = pickleReach(unpickled);
  if (powerful.length === 0) return [report];
  const virtualPath = `${entry.path}#decoded-1`;
  report.findings.push({
    rule: 'unpickled-code',
    // whoever loads it runs it: a data file has no reason to name a shell, exec or the network
    severity: 'high',
    line: 0,
    column: 0,
    code: '',
    message: `${entry.path} is a pickle that reaches ${someNames(powerful)}: loading it runs them`,
    capability: 'obfuscation',
    trigger: 'call',
    decoded: {
      chain: ['pickle'],
      preview: unpickled.source.slice(0, 2000),
      size: unpickled.source.length,
      virtualPath,
    },
  });
  const source = new Uint8Array(Buffer.from(unpickled.source, 'utf8'));
  if (!spendVirtualFile(budget, source.length)) {
    const finding = notAnalysed("not analysed: the target's budget for decoded payloads is spent");
    return [
      report,
      {
        path: virtualPath,
        kind: 'decoded',
        size: source.length,
        egress: false,
        partial: true,
        partialReasons: [finding.message],
        findings: [finding],
      },
    ];
  }
  const inner = await analyse(virtualPath, source, { budget, origin: { path: entry.path, line: 0 } });
  // the pickle's calls run when someone loads it, not when a module is imported
  for (const file of inner) for (const finding of file.findings) finding.trigger = 'call';
  return [report, ...inner];
}
