// The live view's dependency tree as rows: the user's requirements at depth 0, each project's requirements indented
// under it, a project required again shown once more without its subtree (marked repeated), cycles cut; the
// window of rows that fits the screen, kept on the package that changed last, and what its first row sits under.
import { ROOT } from '../progress/dependency-graph.ts';
import type { ProgressSnapshot } from '../progress/tracker.ts';

export type TreeNode = ProgressSnapshot['tree'][number];

export interface TreeRow {
  /** Its place in the whole tree (a stable key while the window scrolls). */
  index: number;
  depth: number;
  node: TreeNode;
  /** Shown already higher up: its requirements are not repeated. */
  repeated: boolean;
}

export function treeRows(nodes: readonly TreeNode[]): TreeRow[] {
  const byKey = new Map(nodes.map((node) => [node.key, node]));
  const rows: TreeRow[] = [];
  const shown = new Set<string>([ROOT]);
  // Depth first without recursion (a chain of 2,000 packages must not overflow the stack): children pushed reversed.
  // After the root's requirements come the packages none of the shown ones requires (should there be any), at the
  // top level; those are skipped once shown.
  const requested = (byKey.get(ROOT)?.requires ?? []).map((key) => ({ key, depth: 0, unlessShown: false }));
  const others = nodes.filter((n) => n.key !== ROOT).map((n) => ({ key: n.key, depth: 0, unlessShown: true }));
  const stack = [...requested, ...others].reverse();
  while (stack.length > 0) {
    const { key, depth, unlessShown } = stack.pop()!;
    const node = byKey.get(key);
    const repeated = shown.has(key);
    if (!node || (repeated && unlessShown)) continue;
    rows.push({ index: rows.length, depth, node, repeated });
    if (repeated) continue;
    shown.add(key);
    for (let i = node.requires.length - 1; i >= 0; i--)
      stack.push({ key: node.requires[i], depth: depth + 1, unlessShown: false });
  }
  return rows;
}

/** The first row of a window of `height` rows that shows the row of `focus` (the latest change) near its middle. */
export function windowStart(rows: readonly TreeRow[], height: number, focus: string | undefined): number {
  if (rows.length <= height) return 0;
  const at = focus === undefined ? -1 : rows.findIndex((row) => row.node.key === focus && !row.repeated);
  const wanted = at < 0 ? 0 : at - Math.floor(height / 2);
  return Math.max(0, Math.min(rows.length - height, wanted));
}

/** The rows above `at` that it sits under (its parent, the parent's parent, ...), outermost first. */
export function ancestors(rows: readonly TreeRow[], at: number): TreeRow[] {
  const out: TreeRow[] = [];
  let depth = rows[at]?.depth ?? 0;
  for (let i = at - 1; i >= 0 && depth > 0; i--)
    if (rows[i].depth < depth) {
      out.unshift(rows[i]);
      depth = rows[i].depth;
    }
  return out;
}
