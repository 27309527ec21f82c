// The resolved tree `pyguard check` prints before its summary: who requires whom, through which requirement and
// marker, and which file was chosen; then the notes and the requirements that could not be audited.

import type { Resolution, RiskLevel } from '../../model/result.ts';
import type { ResolvedDistribution } from '../../pypi/resolver/index.ts';
import { fitEnd, fitMiddle } from '../../report/text-fit.ts';

/** The risk each distribution was judged at, by normalized name (the highest over its audited files). */
export type RiskByName = Map<string, RiskLevel>;

export function renderTree(
  distributions: ResolvedDistribution[],
  resolution: Resolution,
  risks: RiskByName = new Map(),
  width = Infinity,
): string {
  // The file name gives way first (shortened in the middle), then the end of the line.
  const label = (d: ResolvedDistribution, prefix: string, tail: string): string => {
    const extras = d.extras.length > 0 ? `[${d.extras.join(',')}]` : '';
    const risk = risks.get(d.name);
    const head = `${prefix}${d.displayName}${extras} ${d.version}  `;
    const mark = `${risk && risk !== 'none' ? `  [${risk.toUpperCase()}]` : ''}${tail}`;
    const room = Math.max(16, width - head.length - mark.length);
    return fitEnd(`${head}${fitMiddle(d.file.filename, room)}${mark}`, width);
  };
  const byName = new Map(distributions.map((d) => [d.name, d]));
  const children = new Map<string, Resolution['edges']>();
  for (const e of resolution.edges) children.set(e.from, [...(children.get(e.from) ?? []), e]);
  const lines: string[] = [
    fitEnd(
      `Resolved ${distributions.length} distribution${distributions.length === 1 ? '' : 's'} for ${resolution.implementation} ${resolution.pythonVersion} on ${resolution.platform} from ${resolution.index}:`,
      width,
    ),
  ];
  const printed = new Set<string>();
  const walk = (name: string, prefix: string): void => {
    const edges = children.get(name) ?? [];
    edges.forEach((edge, i) => {
      const last = i === edges.length - 1;
      const d = byName.get(edge.to);
      if (!d) return;
      const via = edge.requirement + (edge.marker ? `; ${edge.marker}` : '');
      const seen = printed.has(d.name);
      const branch = `${prefix}${last ? '└── ' : '├── '}`;
      lines.push(
        seen
          ? fitEnd(`${branch}${d.displayName} ${d.version} (see above)  ← ${via}`, width)
          : label(d, branch, `  ← ${via}`),
      );
      if (seen) return;
      printed.add(d.name);
      walk(d.name, prefix + (last ? '    ' : '│   '));
    });
  };
  for (const edge of children.get('<root>') ?? []) {
    const d = byName.get(edge.to);
    if (!d || printed.has(d.name)) continue;
    printed.add(d.name);
    lines.push(label(d, '', `  ← ${edge.requirement}${edge.marker ? `; ${edge.marker}` : ''}`));
    walk(d.name, '');
  }
  for (const d of distributions) if (!printed.has(d.name)) lines.push(label(d, '', ''));
  for (const n of resolution.notAuditable) lines.push(fitEnd(`not auditable: ${n.requirement}: ${n.reason}`, width));
  for (const note of resolution.notes) lines.push(fitEnd(`note: ${note}`, width));
  return `${lines.join('\n')}\n\n`;
}
