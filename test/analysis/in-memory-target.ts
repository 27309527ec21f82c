// Analyses a target built in memory from file texts (inert imitations only), as a folder or, given a name, as a
// distribution: the one helper the target-level analysis tests share.
import { analyzeTarget, initAnalysis } from '../../src/analysis/api.ts';
import type { OpenedArchive } from '../../src/model/entries.ts';
import type { TargetReport } from '../../src/model/result.ts';

function target(files: Record<string, string | Uint8Array>): OpenedArchive {
  return {
    format: 'directory',
    problems: [],
    entries: Object.entries(files).map(([path, text]) => {
      const data = typeof text === 'string' ? new TextEncoder().encode(text) : text;
      return { path, type: 'file' as const, size: data.length, data };
    }),
  };
}

export async function analyseFiles(
  files: Record<string, string | Uint8Array>,
  meta: { name?: string; version?: string } = {},
): Promise<TargetReport> {
  await initAnalysis();
  const kind = meta.name ? 'distribution' : 'directory';
  return analyzeTarget(target(files), { kind, ...meta, now: new Date('2026-11-28T00:00:00Z') });
}
